// Protocol self-test of the Storage rules runtime: builds it, runs `java -jar <jar> serve`, and plays
// firebase-tools' part (lib/emulator/storage/rules/runtime.js): the same message shapes, the same
// ExpressionValue JSON for request/resource, and the answers to firestore.get()/exists() data requests.
//
//   node tools/storage-rules-runtime/selftest.mjs        # exit code 0 when every case passes
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildStorageRulesRuntime } from './build.mjs';

const BUCKET = 'demo-x.appspot.com';

// ---------------------------------------------------------------------------------------------
// Values, built exactly as firebase-tools builds them (runtime.js, metadata.js)

function toSerializedDate(d) {
  return d.toISOString(); // same YYYY-MM-DDTHH:MM:SS.mmmZ form as metadata.js toSerializedDate
}

function toExpressionValue(obj) {
  if (typeof obj === 'string') return { string_value: obj };
  if (typeof obj === 'boolean') return { bool_value: obj };
  if (typeof obj === 'number') return Math.floor(obj) === obj ? { int_value: obj } : { float_value: obj };
  if (obj instanceof Date) return { timestamp_value: toSerializedDate(obj) };
  if (Array.isArray(obj)) return { list_value: { values: obj.map(toExpressionValue) } };
  if (obj == null) return { null_value: null };
  const fields = {};
  for (const key of Object.keys(obj)) fields[key] = toExpressionValue(obj[key]);
  return { map_value: { fields } };
}

/** What StoredFileMetadata.asRulesResource() returns (undefined fields become null_value there too). */
function fileResource(name, { size = 100, contentType = 'text/csv', metadata = {} } = {}) {
  const now = new Date();
  return {
    name,
    bucket: BUCKET,
    generation: now.getTime(),
    metageneration: 1,
    size,
    timeCreated: now,
    updated: now,
    md5Hash: 'XrY7u+Ae7tCTyyK7j1rNww==',
    crc32c: '1dNVsg==',
    etag: 'dG9rZW4=',
    contentDisposition: 'inline',
    contentEncoding: 'identity',
    contentType,
    metadata,
  };
}

/** The decoded ID token payload the Storage emulator gets from `Authorization: Bearer <jwt>`. */
function token(uid, extra = {}) {
  return {
    user_id: uid,
    sub: uid,
    iss: 'https://securetoken.google.com/demo-x',
    aud: 'demo-x',
    auth_time: 1700000000,
    iat: 1700000000,
    exp: 1900000000,
    firebase: { identities: {}, sign_in_provider: 'password' },
    ...extra,
  };
}

/** runtime.js verifyWithRuleset() → the verify context. */
function verifyContext({ method, path, auth = null, before, after, delimiter }) {
  path = `/${path}`.replace(/\/+$/, '');
  return {
    rulesetName: 'main',
    service: 'firebase.storage',
    path,
    method,
    delimiter,
    variables: {
      resource: toExpressionValue(before ?? null),
      request: {
        map_value: {
          fields: {
            path: {
              path_value: {
                segments: path
                  .split('/')
                  .filter((s) => s)
                  .map((simple) => ({ simple })),
              },
            },
            time: toExpressionValue(new Date()),
            resource: toExpressionValue(after ?? null),
            auth: auth ? toExpressionValue({ uid: auth.user_id, token: auth }) : { null_value: null },
          },
        },
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Fake Firestore: what firebase-tools would read from the Firestore emulator (REST form)

const firestore = new Map([
  ['/databases/(default)/documents/chains/c1/members/u1', { role: { stringValue: 'manager' } }],
  ['/databases/(default)/documents/chains/c1/members/u2', { role: { stringValue: 'owner' } }],
  ['/databases/(default)/documents/chains/c1/members/u3', { role: { stringValue: 'viewer' } }],
  [
    '/databases/(default)/documents/chains/c1',
    {
      name: { stringValue: 'Chain One' },
      active: { booleanValue: true },
      since: { timestampValue: '2024-05-01T10:00:00.123456Z' },
      score: { doubleValue: 4.5 },
      tags: { arrayValue: { values: [{ stringValue: 'a' }, { integerValue: '7' }] } },
      limits: { mapValue: { fields: { maxBytes: { integerValue: '10485760' }, none: { nullValue: null } } } },
      owner: { referenceValue: 'projects/demo-x/databases/(default)/documents/users/u2' },
      at: { geoPointValue: { latitude: 48.85, longitude: 2.35 } },
    },
  ],
]);
const fetches = []; // [verify id, path]

// ---------------------------------------------------------------------------------------------
// Rules

const MAIN_RULES = `rules_version = '2';
service firebase.storage {
  match /b/{bucket}/o {
    function isMember(chainId) {
      return request.auth != null
        && firestore.exists(/databases/(default)/documents/chains/$(chainId)/members/$(request.auth.uid));
    }
    function role(chainId) {
      return firestore.get(/databases/(default)/documents/chains/$(chainId)/members/$(request.auth.uid)).data.role;
    }
    function isCsv() {
      return request.resource.contentType == 'text/csv';
    }

    match /private/{uid}/{file} {
      allow get: if request.auth != null && request.auth.uid == uid;
    }
    match /staff/{file} {
      allow get: if request.auth.token.email.matches('.*@example[.]com') && request.auth.token.email_verified == true;
    }
    match /imports/{chainId}/{file=**} {
      allow create: if request.auth != null
        && role(chainId) in ['owner', 'manager']
        && request.resource.size < 1024
        && isCsv()
        && request.resource.metadata.uploadedBy == request.auth.uid
        && request.resource.metadata.keys().hasOnly(['uploadedBy']);
      allow update: if request.resource.contentType == resource.contentType;
    }
    match /exports/{chainId}/{file=**} {
      allow list: if isMember(chainId);
      allow get: if isMember(chainId) && resource.metadata.chainId == chainId;
      allow delete: if request.auth != null && resource.metadata.owner == request.auth.uid;
    }
    match /typed/{chainId} {
      allow get: if firestore.get(/databases/(default)/documents/chains/$(chainId)).data.active == true
        && firestore.get(/databases/(default)/documents/chains/$(chainId)).data.tags[1] == 7
        && firestore.get(/databases/(default)/documents/chains/$(chainId)).data.limits.maxBytes == 10 * 1024 * 1024
        && firestore.get(/databases/(default)/documents/chains/$(chainId)).data.limits.none == null
        && firestore.get(/databases/(default)/documents/chains/$(chainId)).data.since < request.time
        && firestore.get(/databases/(default)/documents/chains/$(chainId)).data.score > 4
        && firestore.get(/databases/(default)/documents/chains/$(chainId)).data.owner == /databases/(default)/documents/users/u2
        && firestore.get(/databases/(default)/documents/chains/$(chainId)).id == chainId;
    }
    match /pair/{chainId} {
      allow get: if firestore.get(/databases/(default)/documents/chains/$(chainId)/members/u1).data.role
        != firestore.get(/databases/(default)/documents/chains/$(chainId)/members/u2).data.role;
    }
    match /public/{path=**} {
      allow get: if true;
    }
    match /{everything=**} {
      allow read, write: if false;
    }
  }
}
`;

const V1_RULES = `service firebase.storage {
  match /b/{bucket}/o {
    match /{allPaths=**} {
      allow read: if request.auth != null;
    }
  }
}
`;

const SYNTAX_ERROR_RULES = `rules_version = '2';
service firebase.storage {
  match /b/{bucket}/o {
    match /{allPaths=**} {
      allow read: if request.auth != null &&;
    }
  }
}
`;

const UNDECLARED_FUNCTION_RULES = `rules_version = '2';
service firebase.storage {
  match /b/{bucket}/o {
    match /{allPaths=**} {
      allow read: if isOwner(request.auth.uid);
    }
  }
}
`;

const TYPE_ERROR_RULES = `rules_version = '2';
service firebase.storage {
  match /b/{bucket}/o {
    match /{allPaths=**} {
      allow read: if request.auth != null && 1 + 'a' == 2;
    }
  }
}
`;

// ---------------------------------------------------------------------------------------------
// Runtime process

const outDir = join(tmpdir(), 'regulars-storage-rules-runtime-selftest');
const jar = await buildStorageRulesRuntime({ outDir });
const child = spawn('java', ['-Duser.language=en', '-jar', jar, 'serve'], { stdio: ['pipe', 'pipe', 'pipe'] });
let stderr = '';
child.stderr.on('data', (b) => (stderr += b));

const pending = new Map();
let nextId = 0;
let multiMessageChunks = 0;
let ready;
const readyPromise = new Promise((r) => (ready = r));

child.stdout.on('data', (buf) => {
  const text = buf.toString('utf8').trim();
  // firebase-tools JSON.parses each chunk as one message: more than one line per chunk would be lost.
  const lines = text.split('\n').filter((l) => l.trim());
  if (lines.length > 1) multiMessageChunks++;
  for (const line of lines) onMessage(JSON.parse(line));
});

function onMessage(msg) {
  const id = msg.id ?? msg.server_request_id;
  if (id === -1) return ready(msg);
  if ('context' in msg) {
    // a data request: answer like fetchFirestoreDocument() + _sendRequest(dataResponse, overrideId)
    fetches.push([id, msg.context.path]);
    const fields = firestore.get(msg.context.path);
    const reply = fields
      ? { result: { name: `projects/demo-x${msg.context.path}`, fields }, status: 'ok', warnings: [], errors: [] }
      : { status: 'not_found', warnings: [], errors: [] };
    child.stdin.write(JSON.stringify({ ...reply, id }) + '\n');
    return;
  }
  const resolve = pending.get(id);
  pending.delete(id);
  if (resolve) resolve(msg);
  else failures.push(`reply for unknown id ${id}: ${JSON.stringify(msg)}`);
}

function send(action, context) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, resolve);
    setTimeout(() => reject(new Error(`no reply to ${action} #${id} within 20 s`)), 20000).unref();
    child.stdin.write(JSON.stringify({ action, context, id }) + '\n');
  });
}

const failures = [];
let passed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++;
  else failures.push(`${name}${detail ? `: ${detail}` : ''}`);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${!ok && detail ? ` — ${detail}` : ''}`);
}

const load = (rulesetName, content, name = '/project/storage.rules') => send('load_ruleset', { rulesetName, source: { files: [{ name, content }] } });

try {
  const readyMsg = await Promise.race([readyPromise, new Promise((_, r) => setTimeout(() => r(new Error('no ready line within 20 s')), 20000))]);
  check('ready line has id -1 and status ok', readyMsg.id === -1 && readyMsg.status === 'ok', JSON.stringify(readyMsg));

  // -- load_ruleset -----------------------------------------------------------------------------
  const main = await load('main', MAIN_RULES);
  check(
    'valid v2 ruleset loads with rulesVersion 2',
    main.status === 'ok' && main.errors.length === 0 && main.result?.rulesVersion === 2,
    JSON.stringify(main),
  );

  const v1 = await load('v1', V1_RULES);
  check('ruleset without rules_version loads with rulesVersion 1', v1.errors.length === 0 && v1.result?.rulesVersion === 1, JSON.stringify(v1));

  for (const [label, content, line, word] of [
    ['syntax error', SYNTAX_ERROR_RULES, 5, 'mismatched input'],
    ['undeclared function', UNDECLARED_FUNCTION_RULES, 5, 'isOwner'],
    ['type error', TYPE_ERROR_RULES, 5, 'Invalid type'],
  ]) {
    const res = await load(`bad-${label}`, content);
    const issues = (res.errors ?? []).map((e) => JSON.parse(e));
    const first = issues[0];
    check(
      `${label}: status ok, errors carry file, line, column and message`,
      res.status === 'ok' &&
        !res.result &&
        first?.sourcePosition_?.fileName_ === '/project/storage.rules' &&
        first.sourcePosition_.line_ === line &&
        first.sourcePosition_.column_ > 0 &&
        first.description_.includes(word) &&
        first.description_.includes(`line ${line}, column ${first.sourcePosition_.column_}`),
      JSON.stringify(res),
    );
    // What firebase-tools (storage/rules/manager.js) prints for it:
    if (first) console.log(`     -> ${first.description_.replace(/\.$/, '')} in ${first.sourcePosition_.fileName_}:${first.sourcePosition_.line_}`);
  }

  // -- verify -----------------------------------------------------------------------------------
  const csv = (metadata, over = {}) => fileResource('imports/c1/customers.csv', { metadata, ...over });
  const exportFile = (metadata) => fileResource('exports/c1/report.csv', { metadata });
  const p = (name) => `b/${BUCKET}/o/${name}`;
  const cases = [
    ['auth null: get private file denied', false, { method: 'get', path: p('private/u1/a.txt') }],
    ['auth.uid matches: get own private file', true, { method: 'get', path: p('private/u1/a.txt'), auth: token('u1') }],
    ['auth.uid differs: get other private file denied', false, { method: 'get', path: p('private/u1/a.txt'), auth: token('u2') }],
    ['auth.token.email matches', true, { method: 'get', path: p('staff/plan.pdf'), auth: token('u1', { email: 'ann@example.com', email_verified: true }) }],
    [
      'auth.token.email other domain denied',
      false,
      { method: 'get', path: p('staff/plan.pdf'), auth: token('u1', { email: 'ann@evil.test', email_verified: true }) },
    ],
    [
      'create: manager uploads small CSV with metadata',
      true,
      { method: 'create', path: p('imports/c1/customers.csv'), auth: token('u1'), after: csv({ uploadedBy: 'u1' }) },
    ],
    [
      'create: owner in nested folder ({file=**})',
      true,
      { method: 'create', path: p('imports/c1/2024/05/customers.csv'), auth: token('u2'), after: csv({ uploadedBy: 'u2' }) },
    ],
    [
      'create: too large denied',
      false,
      { method: 'create', path: p('imports/c1/customers.csv'), auth: token('u1'), after: csv({ uploadedBy: 'u1' }, { size: 5000 }) },
    ],
    [
      'create: wrong contentType denied',
      false,
      { method: 'create', path: p('imports/c1/customers.csv'), auth: token('u1'), after: csv({ uploadedBy: 'u1' }, { contentType: 'image/png' }) },
    ],
    [
      'create: metadata uploadedBy someone else denied',
      false,
      { method: 'create', path: p('imports/c1/customers.csv'), auth: token('u1'), after: csv({ uploadedBy: 'u2' }) },
    ],
    [
      'create: extra metadata key denied',
      false,
      { method: 'create', path: p('imports/c1/customers.csv'), auth: token('u1'), after: csv({ uploadedBy: 'u1', x: '1' }) },
    ],
    ['create: viewer role denied', false, { method: 'create', path: p('imports/c1/customers.csv'), auth: token('u3'), after: csv({ uploadedBy: 'u3' }) }],
    [
      'create: non-member (document not found) denied',
      false,
      { method: 'create', path: p('imports/c1/customers.csv'), auth: token('u9'), after: csv({ uploadedBy: 'u9' }) },
    ],
    ['create: signed out denied', false, { method: 'create', path: p('imports/c1/customers.csv'), after: csv({}) }],
    [
      'update: same contentType allowed',
      true,
      { method: 'update', path: p('imports/c1/customers.csv'), auth: token('u1'), before: csv({}), after: csv({ a: 'b' }) },
    ],
    [
      'update: changed contentType denied',
      false,
      { method: 'update', path: p('imports/c1/customers.csv'), auth: token('u1'), before: csv({}), after: csv({}, { contentType: 'text/plain' }) },
    ],
    [
      'get: resource.metadata matches and member (firestore.exists)',
      true,
      { method: 'get', path: p('exports/c1/report.csv'), auth: token('u1'), before: exportFile({ chainId: 'c1' }) },
    ],
    [
      'get: resource.metadata of another chain denied',
      false,
      { method: 'get', path: p('exports/c1/report.csv'), auth: token('u1'), before: exportFile({ chainId: 'c2' }) },
    ],
    [
      'get: non-member denied (firestore.exists false)',
      false,
      { method: 'get', path: p('exports/c1/report.csv'), auth: token('u9'), before: exportFile({ chainId: 'c1' }) },
    ],
    [
      'delete: resource.metadata.owner is caller',
      true,
      { method: 'delete', path: p('exports/c1/report.csv'), auth: token('u1'), before: exportFile({ owner: 'u1' }) },
    ],
    [
      'delete: resource.metadata.owner is someone else denied',
      false,
      { method: 'delete', path: p('exports/c1/report.csv'), auth: token('u2'), before: exportFile({ owner: 'u1' }) },
    ],
    ['list with delimiter "/": member allowed', true, { method: 'list', path: p('exports/c1/'), auth: token('u1'), delimiter: '/' }],
    ['list with delimiter "/": non-member denied', false, { method: 'list', path: p('exports/c1/'), auth: token('u9'), delimiter: '/' }],
    ['list without delimiter: member allowed', true, { method: 'list', path: p('exports/c1/2024'), auth: token('u1') }],
    ['list elsewhere denied', false, { method: 'list', path: p('imports/c1/'), auth: token('u1'), delimiter: '/' }],
    ['{path=**}: deep public file, signed out', true, { method: 'get', path: p('public/a/b/c/logo.png') }],
    ['catch-all {everything=**} denies', false, { method: 'get', path: p('other/file.txt'), auth: token('u1') }],
    ['two documents in one expression', true, { method: 'get', path: p('pair/c1'), auth: token('u1') }],
    ['firestore.get data types (int, map, list, bool, timestamp, double, reference, id)', true, { method: 'get', path: p('typed/c1'), auth: token('u1') }],
  ];

  // All verifies at once, as several uploads in flight would do: they share the runtime, and
  // several of them wait on firestore documents at the same time.
  const started = cases.map(([name, , opts]) => send('verify', verifyContext(opts)).then((res) => [name, res]));
  const ids = cases.map((_, i) => nextId - cases.length + i);
  const results = await Promise.all(started);
  results.forEach(([name, res], i) => {
    const expected = cases[i][1];
    check(`${name} -> ${expected ? 'allow' : 'deny'}`, res.status === 'ok' && res.errors.length === 0 && res.result?.permit === expected, JSON.stringify(res));
  });
  // role() reads .data of a missing document: the evaluator's "Null value error" comes back as a
  // warning on the denial (firebase-tools logs it), not as an error.
  const nonMember = results[cases.findIndex(([name]) => name.startsWith('create: non-member'))][1];
  check(
    'evaluation error on a denial is reported as a warning',
    nonMember.warnings.some((w) => w.includes('Null value error')),
    JSON.stringify(nonMember),
  );

  const pathsFor = (caseIndex) => fetches.filter(([id]) => id === ids[caseIndex]).map(([, path]) => path);
  const managerCreate = pathsFor(5);
  check(
    'firestore.get data request path is /databases/(default)/documents/chains/c1/members/u1',
    managerCreate.length === 1 && managerCreate[0] === '/databases/(default)/documents/chains/c1/members/u1',
    JSON.stringify(managerCreate),
  );
  const pair = pathsFor(cases.length - 2);
  check('two documents are fetched one after the other', pair.length === 2 && new Set(pair).size === 2, JSON.stringify(pair));
  const typed = pathsFor(cases.length - 1);
  check('a document read several times in one evaluation is fetched once', typed.length === 1, JSON.stringify(typed));

  // -- v1 list, errors ---------------------------------------------------------------------------
  const v1Get = await send('verify', { ...verifyContext({ method: 'get', path: p('x/y'), auth: token('u1') }), rulesetName: 'v1' });
  check('v1 ruleset: get allowed when signed in', v1Get.result?.permit === true, JSON.stringify(v1Get));
  const unknown = await send('verify', { ...verifyContext({ method: 'get', path: p('x/y') }), rulesetName: 'nope' });
  check('verify against an unknown ruleset: status ok with an error', unknown.status === 'ok' && unknown.errors.length === 1, JSON.stringify(unknown));

  check('every stdout chunk holds exactly one message', multiMessageChunks === 0, `${multiMessageChunks} chunks held several`);
  check('stderr stays quiet', stderr.trim() === '', stderr.trim());

  // -- shutdown ----------------------------------------------------------------------------------
  const exited = new Promise((r) => child.on('exit', (code) => r(code)));
  child.stdin.end();
  const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 5000))]);
  check('exits 0 when stdin closes', code === 0, String(code));

  // -- `check` mode (for a harness that wants to fail fast on broken rules) ------------------------
  const dir = await mkdtemp(join(tmpdir(), 'storage-rules-check-'));
  try {
    await writeFile(join(dir, 'good.rules'), MAIN_RULES);
    await writeFile(join(dir, 'bad.rules'), SYNTAX_ERROR_RULES);
    const good = spawnSync('java', ['-jar', jar, 'check', join(dir, 'good.rules')], { encoding: 'utf8' });
    check('check: valid rules exit 0', good.status === 0, `${good.status} ${good.stderr}`);
    const bad = spawnSync('java', ['-jar', jar, 'check', join(dir, 'bad.rules')], { encoding: 'utf8' });
    check(
      'check: syntax error exits 1 and prints file:line:column: error: message',
      bad.status === 1 && bad.stderr.includes(`${join(dir, 'bad.rules')}:5:45: error: mismatched input ';'`),
      `${bad.status} ${bad.stderr}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
} catch (e) {
  failures.push(String(e instanceof Error ? e.stack : e));
} finally {
  if (child.exitCode === null) child.kill('SIGKILL');
}

console.log(`\n${passed} passed, ${failures.length} failed`);
if (failures.length) {
  for (const f of failures) console.log(`FAIL ${f}`);
  if (stderr.trim()) console.log(`runtime stderr:\n${stderr}`);
  process.exit(1);
}
