// Wallet test credentials (generated with openssl at test time: under the harness's temp dir when
// REGULARS_WALLET_TEST_DIR is set, otherwise under a fresh temp dir) and a .pkpass checker: unzip,
// manifest hashes of every file, PKCS#7 detached signature verified by `openssl smime` against the test CA.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
// @ts-expect-error: plain JavaScript module without types
import * as creds from '../../scripts/lib/wallet-credentials.mjs';

export interface WalletCredentials {
  dir: string;
  ca: string;
  wwdr: string;
  cert: string;
  key: string;
  serviceAccount: string;
  googlePublicKey: string;
  linkSecret: string;
}

export const TEST_PASS_TYPE_ID: string = creds.TEST_PASS_TYPE_ID;
export const TEST_TEAM_ID: string = creds.TEST_TEAM_ID;
export const TEST_ISSUER_ID: string = creds.TEST_ISSUER_ID;
export const TEST_SA_EMAIL: string = creds.TEST_SA_EMAIL;

export function walletCredentials(): WalletCredentials {
  const dir = process.env.REGULARS_WALLET_TEST_DIR;
  if (dir) return creds.readWalletCredentials(dir) as WalletCredentials;
  return creds.generateWalletCredentials(mkdtempSync(join(tmpdir(), 'regulars-wallet-unit-'))) as WalletCredentials;
}

export interface UnpackedPass {
  files: Record<string, Buffer>;
  passJson: Record<string, unknown>;
  manifest: Record<string, string>;
  /** `openssl smime -verify` of the signature over manifest.json: true when it verifies against the CA. */
  signatureVerifies: (caPem: string, manifest?: Buffer) => boolean;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
}

export function unpackPass(pkpass: Buffer): UnpackedPass {
  const dir = mkdtempSync(join(tmpdir(), 'regulars-pkpass-'));
  writeFileSync(join(dir, 'card.pkpass'), pkpass);
  execFileSync('unzip', ['-q', 'card.pkpass', '-d', 'x'], { cwd: dir });
  const files = Object.fromEntries(walk(join(dir, 'x')).map((f) => [relative(join(dir, 'x'), f), readFileSync(f)]));
  return {
    files,
    passJson: JSON.parse(files['pass.json']!.toString('utf8')) as Record<string, unknown>,
    manifest: JSON.parse(files['manifest.json']!.toString('utf8')) as Record<string, string>,
    signatureVerifies(caPem, manifest = files['manifest.json']!) {
      writeFileSync(join(dir, 'ca.pem'), caPem);
      writeFileSync(join(dir, 'signature.der'), files['signature']!);
      writeFileSync(join(dir, 'manifest.json'), manifest);
      const res = spawnSync(
        'openssl',
        [
          'smime',
          '-verify',
          '-binary',
          '-inform',
          'DER',
          '-in',
          'signature.der',
          '-content',
          'manifest.json',
          '-CAfile',
          'ca.pem',
          '-purpose',
          'any',
          '-out',
          '/dev/null',
        ],
        { cwd: dir, encoding: 'utf8' },
      );
      return res.status === 0;
    },
  };
}

export const sha1 = (b: Buffer) => createHash('sha1').update(b).digest('hex');
