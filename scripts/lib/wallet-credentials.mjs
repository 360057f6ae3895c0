// Test credentials for the wallets, generated at test time with openssl (never committed): a test
// root CA, an intermediate standing for Apple's WWDR, a Pass Type ID certificate signed by it with
// its key, a Google service account key (JSON, as the Cloud console gives it) and a link secret.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TEST_PASS_TYPE_ID = 'pass.test.regulars';
export const TEST_TEAM_ID = 'TEAMID1234';
export const TEST_ISSUER_ID = '3388000000000000001';
export const TEST_SA_EMAIL = 'wallet@demo-regulars.iam.gserviceaccount.com';

const openssl = (args, cwd) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

/**
 * A key `<name>.key` and its certificate `<name>.pem` for `subject`, signed by `issuer` (its `.pem`
 * and `.key`), valid 2 days, with the extensions of section `extensions` of the file `ext`.
 */
function issue(dir, name, subject, issuer, extensions, ext) {
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject], dir);
  const signed = ['-CA', `${issuer}.pem`, '-CAkey', `${issuer}.key`, '-CAcreateserial', '-out', `${name}.pem`, '-days', '2'];
  openssl(['x509', '-req', '-in', `${name}.csr`, ...signed, '-extfile', ext, '-extensions', extensions], dir);
}

/**
 * @param {string} dir a fresh directory (a temp dir)
 * @returns {{ dir: string, ca: string, wwdr: string, cert: string, key: string, serviceAccount: string, googlePublicKey: string, linkSecret: string }}
 */
export function generateWalletCredentials(dir) {
  mkdirSync(dir, { recursive: true });
  const ext = join(dir, 'ext.cnf');
  writeFileSync(
    ext,
    '[ca]\nbasicConstraints=critical,CA:true\nkeyUsage=critical,keyCertSign,cRLSign\n[leaf]\nbasicConstraints=critical,CA:false\nkeyUsage=critical,digitalSignature\n',
  );
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=regulars test root CA',
      '-addext',
      'basicConstraints=critical,CA:true',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  issue(dir, 'wwdr', '/CN=regulars test WWDR', 'ca', 'ca', ext);
  issue(dir, 'pass', `/UID=${TEST_PASS_TYPE_ID}/CN=Pass Type ID: ${TEST_PASS_TYPE_ID}/OU=${TEST_TEAM_ID}/O=regulars test`, 'wwdr', 'leaf', ext);
  openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'google.key'], dir);
  openssl(['pkey', '-in', 'google.key', '-pubout', '-out', 'google.pub'], dir);
  const read = (f) => readFileSync(join(dir, f), 'utf8');
  const serviceAccount = JSON.stringify({
    type: 'service_account',
    project_id: 'demo-regulars',
    private_key_id: randomBytes(20).toString('hex'),
    private_key: read('google.key'),
    client_email: TEST_SA_EMAIL,
  });
  writeFileSync(join(dir, 'service-account.json'), serviceAccount);
  writeFileSync(join(dir, 'link-secret'), randomBytes(32).toString('hex'));
  return readWalletCredentials(dir);
}

/** Reads what generateWalletCredentials wrote (tests, from REGULARS_WALLET_TEST_DIR). */
export function readWalletCredentials(dir) {
  const read = (f) => readFileSync(join(dir, f), 'utf8');
  return {
    dir,
    ca: read('ca.pem'),
    wwdr: read('wwdr.pem'),
    cert: read('pass.pem'),
    key: read('pass.key'),
    serviceAccount: read('service-account.json'),
    googlePublicKey: read('google.pub'),
    linkSecret: read('link-secret'),
  };
}

/** A dotenv value firebase-tools reads back whole: double quotes, newlines escaped. */
export const dotenvValue = (v) => `"${v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`;
