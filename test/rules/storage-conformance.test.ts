// Conformance of the Storage rules runtime, table-driven: each rules-language feature storage.rules
// relies on, with the verdict Firebase's documented semantics give. It runs against whichever
// runtime the harness started (offline: tools/storage-rules-runtime; online: firebase-tools' own).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { doc, setDoc } from 'firebase/firestore';
import { PROJECT_ID, emulators } from '../helpers/env';
import { root } from './setup';

const RULES = `rules_version = '2';
service firebase.storage {
  match /b/{bucket}/o {
    function isOwner(uid) {
      return request.auth != null && request.auth.uid == uid;
    }
    match /auth/{uid}/{file} {
      allow read: if isOwner(uid);
    }
    match /token/{file} {
      allow read: if request.auth.token.email_verified == true && request.auth.token.email.matches('.*@chain[.]test');
      allow create: if request.auth.token.role == 'admin';
    }
    match /size/{file} {
      allow create: if request.resource.size < 100;
    }
    match /type/{file} {
      allow create: if request.resource.contentType.matches('text/csv.*');
    }
    match /meta/{file} {
      allow create: if request.resource.metadata.kind == 'import' && request.resource.metadata.by == request.auth.uid;
    }
    match /existing/{file} {
      allow get: if resource.metadata.visibility == 'public';
      allow update: if resource.metadata.visibility == 'public' && request.resource.metadata.visibility == 'public';
      allow delete: if resource.size < 10;
    }
    match /deep/{rest=**} {
      allow read: if request.auth != null;
    }
    match /fs/{chainId}/{file} {
      allow get: if firestore.get(/databases/(default)/documents/conf/$(chainId)).data.open == true;
      allow create: if firestore.exists(/databases/(default)/documents/conf/$(chainId)/members/$(request.auth.uid));
    }
    match /listing/{rest=**} {
      allow list: if request.auth != null && request.auth.uid == 'lister';
    }
    match /fresh/{file} {
      allow create: if resource == null;
    }
    match /in/{file} {
      allow create: if request.resource.contentType in ['text/csv', 'application/vnd.ms-excel'];
      allow get: if 'visibility' in resource.metadata;
    }
    match /arith/{file} {
      allow create: if request.resource.size <= 3 * 4 + 8 && request.resource.size % 2 == 0;
    }
    match /time/{file} {
      allow get: if request.time < timestamp.value(resource.metadata.until);
    }
    match /zero/{rest=**} {
      allow get: if true;
    }
    function lettersOnly(name) {
      return name.matches('named/[a-z]+[.]csv');
    }
    match /named/{file} {
      allow create: if lettersOnly(request.resource.name);
    }
    match /paths/{rest=**} {
      allow create: if string(rest) == '/a/b.csv' && !string(rest).matches('(.*/)?[.]{1,2}(/.*)?');
    }
  }
}`;

// The same match in a v1 ruleset: there a recursive wildcard matches ONE or more segments, in v2
// zero or more (so `zero/{rest=**}` covers the object named `zero` itself in v2 only).
const RULES_V1 = `service firebase.storage {
  match /b/{bucket}/o {
    match /zero/{rest=**} {
      allow get: if true;
    }
  }
}`;

type Op = 'get' | 'create' | 'update' | 'delete' | 'list';
interface Case {
  feature: string;
  who: null | { uid: string; claims?: Record<string, unknown> };
  op: Op;
  path: string;
  metadata?: Record<string, unknown>;
  size?: number;
  allowed: boolean;
}

const alice = { uid: 'alice' };
const csv = { contentType: 'text/csv' };
const CASES: Case[] = [
  { feature: 'request.auth == null', who: null, op: 'get', path: 'deep/a/b/c/d.csv', allowed: false },
  { feature: 'request.auth == null', who: { uid: 'anyone' }, op: 'get', path: 'deep/a/b/c/d.csv', allowed: true },
  { feature: 'request.auth.uid and a custom function', who: null, op: 'get', path: 'auth/alice/a.csv', allowed: false },
  { feature: 'request.auth.uid and a custom function', who: alice, op: 'get', path: 'auth/alice/a.csv', allowed: true },
  { feature: 'request.auth.uid and a custom function', who: { uid: 'bob' }, op: 'get', path: 'auth/alice/a.csv', allowed: false },
  { feature: 'token fields', who: { uid: 'c', claims: { email: 'c@chain.test', email_verified: true } }, op: 'get', path: 'token/t.csv', allowed: true },
  { feature: 'token fields', who: { uid: 'd', claims: { email: 'd@chain.test', email_verified: false } }, op: 'get', path: 'token/t.csv', allowed: false },
  { feature: 'token custom claim', who: { uid: 'e', claims: { role: 'admin' } }, op: 'create', path: 'token/new.csv', metadata: csv, allowed: true },
  { feature: 'token custom claim', who: { uid: 'f', claims: { role: 'staff' } }, op: 'create', path: 'token/new2.csv', metadata: csv, allowed: false },
  { feature: 'request.resource.size', who: alice, op: 'create', path: 'size/small.csv', size: 99, metadata: csv, allowed: true },
  { feature: 'request.resource.size', who: alice, op: 'create', path: 'size/big.csv', size: 100, metadata: csv, allowed: false },
  {
    feature: 'request.resource.contentType',
    who: alice,
    op: 'create',
    path: 'type/a.csv',
    metadata: { contentType: 'text/csv; charset=utf-8' },
    allowed: true,
  },
  { feature: 'request.resource.contentType', who: alice, op: 'create', path: 'type/a.png', metadata: { contentType: 'image/png' }, allowed: false },
  {
    feature: 'request.resource.metadata',
    who: alice,
    op: 'create',
    path: 'meta/a.csv',
    metadata: { ...csv, customMetadata: { kind: 'import', by: 'alice' } },
    allowed: true,
  },
  {
    feature: 'request.resource.metadata',
    who: alice,
    op: 'create',
    path: 'meta/b.csv',
    metadata: { ...csv, customMetadata: { kind: 'import', by: 'mallory' } },
    allowed: false,
  },
  { feature: 'request.resource.metadata (missing key)', who: alice, op: 'create', path: 'meta/c.csv', metadata: csv, allowed: false },
  { feature: 'resource.metadata on get', who: alice, op: 'get', path: 'existing/public.csv', allowed: true },
  { feature: 'resource.metadata on get', who: alice, op: 'get', path: 'existing/private.csv', allowed: false },
  {
    feature: 'resource and request.resource on update',
    who: alice,
    op: 'update',
    path: 'existing/public.csv',
    metadata: { customMetadata: { visibility: 'public' } },
    allowed: true,
  },
  {
    feature: 'resource and request.resource on update',
    who: alice,
    op: 'update',
    path: 'existing/public.csv',
    metadata: { customMetadata: { visibility: 'private' } },
    allowed: false,
  },
  { feature: 'resource.size on delete', who: alice, op: 'delete', path: 'existing/tiny.csv', allowed: true },
  { feature: 'resource.size on delete', who: alice, op: 'delete', path: 'existing/private.csv', allowed: false },
  { feature: '{path=**} wildcard, deep', who: alice, op: 'get', path: 'deep/a/b/c/d.csv', allowed: true },
  { feature: '{path=**} wildcard, deep', who: alice, op: 'get', path: 'deeper/a/b/c/d.csv', allowed: false },
  { feature: 'firestore.get(...).data', who: alice, op: 'get', path: 'fs/open/x.csv', allowed: true },
  { feature: 'firestore.get(...).data', who: alice, op: 'get', path: 'fs/closed/x.csv', allowed: false },
  { feature: 'firestore.get of a missing document', who: alice, op: 'get', path: 'fs/missing/x.csv', allowed: false },
  { feature: 'firestore.exists', who: alice, op: 'create', path: 'fs/open/new.csv', metadata: csv, allowed: true },
  { feature: 'firestore.exists', who: { uid: 'bob' }, op: 'create', path: 'fs/open/new2.csv', metadata: csv, allowed: false },
  { feature: 'list with a delimiter (rules_version 2)', who: { uid: 'lister' }, op: 'list', path: 'listing', allowed: true },
  { feature: 'list with a delimiter (rules_version 2)', who: alice, op: 'list', path: 'listing', allowed: false },
  { feature: 'no matching rule: denied', who: alice, op: 'get', path: 'nowhere/x.csv', allowed: false },
  { feature: 'resource == null (a new object)', who: alice, op: 'create', path: 'fresh/new.csv', metadata: csv, allowed: true },
  { feature: 'resource == null (a new object)', who: alice, op: 'create', path: 'fresh/existing.csv', metadata: csv, allowed: false },
  { feature: 'in a list', who: alice, op: 'create', path: 'in/a.csv', metadata: { contentType: 'application/vnd.ms-excel' }, allowed: true },
  { feature: 'in a list', who: alice, op: 'create', path: 'in/b.csv', metadata: { contentType: 'text/csvx' }, allowed: false },
  { feature: 'in a map (key present)', who: alice, op: 'get', path: 'in/visible.csv', allowed: true },
  { feature: 'in a map (key present)', who: alice, op: 'get', path: 'in/plain.csv', allowed: false },
  { feature: 'size arithmetic (* + %)', who: alice, op: 'create', path: 'arith/a.csv', size: 20, metadata: csv, allowed: true },
  { feature: 'size arithmetic (* + %)', who: alice, op: 'create', path: 'arith/b.csv', size: 22, metadata: csv, allowed: false },
  { feature: 'size arithmetic (* + %)', who: alice, op: 'create', path: 'arith/c.csv', size: 19, metadata: csv, allowed: false },
  { feature: 'request.time and timestamp.value', who: alice, op: 'get', path: 'time/future.csv', allowed: true },
  { feature: 'request.time and timestamp.value', who: alice, op: 'get', path: 'time/past.csv', allowed: false },
  { feature: "{path=**} matches zero segments (rules_version '2')", who: alice, op: 'get', path: 'zero', allowed: true },
  { feature: "{path=**} matches zero segments (rules_version '2')", who: alice, op: 'get', path: 'zeroes/x.csv', allowed: false },
  { feature: 'request.resource.name', who: alice, op: 'create', path: 'named/abc.csv', metadata: csv, allowed: true },
  { feature: 'request.resource.name', who: alice, op: 'create', path: 'named/ab1.csv', metadata: csv, allowed: false },
  { feature: 'string() of a {path=**} wildcard', who: alice, op: 'create', path: 'paths/a/b.csv', metadata: csv, allowed: true },
  { feature: 'string() of a {path=**} wildcard', who: alice, op: 'create', path: 'paths/a/c.csv', metadata: csv, allowed: false },
];

/**
 * What storage.rules uses, each a pattern in its source and a feature of the cases above. The last
 * test checks that every one storage.rules uses has an allowed and a denied case here, and that the
 * conformance ruleset uses every variable, field and function storage.rules reads.
 */
const FEATURES: [RegExp, string][] = [
  [/request\.auth != null/, 'request.auth == null'],
  [/request\.auth\.uid/, 'request.auth.uid and a custom function'],
  [/request\.resource\.size/, 'request.resource.size'],
  [/\d+ \* \d+/, 'size arithmetic (* + %)'],
  [/request\.resource\.contentType/, 'request.resource.contentType'],
  [/ in \[/, 'in a list'],
  [/' in resource\.metadata/, 'in a map (key present)'],
  [/request\.resource\.metadata\./, 'request.resource.metadata'],
  [/resource == null/, 'resource == null (a new object)'],
  [/[^.]resource\.metadata/, 'resource.metadata on get'],
  [/request\.time/, 'request.time and timestamp.value'],
  [/=\*\*\}/, '{path=**} wildcard, deep'],
  [/firestore\.get\(/, 'firestore.get(...).data'],
  [/firestore\.exists\(/, 'firestore.exists'],
  [/allow [a-z, ]*\blist\b/, 'list with a delimiter (rules_version 2)'],
  [/rules_version = '2'/, "{path=**} matches zero segments (rules_version '2')"],
  [/request\.resource\.name/, 'request.resource.name'],
  [/string\(/, 'string() of a {path=**} wildcard'],
];

let env: RulesTestEnvironment;

beforeAll(async () => {
  env = await initializeTestEnvironment({
    projectId: PROJECT_ID,
    firestore: { rules: readFileSync(join(root, 'firestore.rules'), 'utf8'), ...emulators.firestore },
    storage: { rules: RULES, ...emulators.storage },
  });
  await env.withSecurityRulesDisabled(async (ctx) => {
    const s = ctx.storage();
    const db = ctx.firestore() as never;
    const bytes = new Uint8Array(20).fill(0x61);
    for (const path of [
      'auth/alice/a.csv',
      'token/t.csv',
      'deep/a/b/c/d.csv',
      'deeper/a/b/c/d.csv',
      'fs/open/x.csv',
      'fs/closed/x.csv',
      'fs/missing/x.csv',
      'listing/x.csv',
    ]) {
      await s.ref(path).put(bytes, csv);
    }
    await s.ref('existing/public.csv').put(bytes, { ...csv, customMetadata: { visibility: 'public' } });
    await s.ref('existing/private.csv').put(bytes, { ...csv, customMetadata: { visibility: 'private' } });
    await s.ref('existing/tiny.csv').put(new Uint8Array(5), csv);
    await s.ref('fresh/existing.csv').put(bytes, csv);
    await s.ref('in/visible.csv').put(bytes, { ...csv, customMetadata: { visibility: 'x' } });
    await s.ref('in/plain.csv').put(bytes, csv);
    const day = 24 * 3600 * 1000;
    await s.ref('time/future.csv').put(bytes, { ...csv, customMetadata: { until: new Date(Date.now() + day).toISOString() } });
    await s.ref('time/past.csv').put(bytes, { ...csv, customMetadata: { until: new Date(Date.now() - day).toISOString() } });
    await s.ref('zero').put(bytes, csv);
    await s.ref('zeroes/x.csv').put(bytes, csv);
    await setDoc(doc(db, 'conf/open'), { open: true });
    await setDoc(doc(db, 'conf/open/members/alice'), { role: 'staff' });
    await setDoc(doc(db, 'conf/closed'), { open: false });
  });
});

afterAll(async () => {
  await env?.cleanup();
  // Leave the emulator with the project's own storage.rules for the suites that follow.
  const restore = await initializeTestEnvironment({
    projectId: PROJECT_ID,
    storage: { rules: readFileSync(join(root, 'storage.rules'), 'utf8'), ...emulators.storage },
  });
  await restore.cleanup();
});

function attempt(c: Case): Promise<unknown> {
  const ctx = c.who ? env.authenticatedContext(c.who.uid, c.who.claims ?? {}) : env.unauthenticatedContext();
  const ref = ctx.storage().ref(c.path);
  switch (c.op) {
    case 'get':
      return ref.getMetadata();
    case 'create':
      return ref.put(new Uint8Array(c.size ?? 10).fill(0x62), c.metadata ?? {}).then((s) => s);
    case 'update':
      return ref.updateMetadata(c.metadata ?? {});
    case 'delete':
      return ref.delete();
    case 'list':
      return ref.list({ maxResults: 10 });
  }
}

describe('storage rules runtime conformance', () => {
  it.each(CASES.map((c) => [c.feature, c.who?.uid ?? 'signed out', c.op, c.path, c.allowed, c] as const))(
    '%s: %s %s %s -> %s',
    async (_f, _w, _o, _p, allowed, c) => {
      await (allowed ? assertSucceeds(attempt(c)) : assertFails(attempt(c)));
    },
  );

  it('has an allowed and a denied case for every feature storage.rules uses, and reads all it reads', () => {
    const rules = readFileSync(join(root, 'storage.rules'), 'utf8').replace(/\/\/.*$/gm, '');
    const used = FEATURES.filter(([pattern]) => pattern.test(rules)).map(([, feature]) => feature);
    expect(used.length).toBeGreaterThan(10);
    for (const feature of used) {
      const verdicts = new Set(CASES.filter((c) => c.feature === feature).map((c) => c.allowed));
      expect([feature, [...verdicts].sort()]).toEqual([feature, [false, true]]);
    }
    // Every variable, field and built-in function storage.rules reads (a custom metadata key, token
    // claim or document field counts as its map), in the conformance ruleset too.
    const reads = (source: string) =>
      new Set(
        (source.match(/\b(request|resource|firestore|timestamp|duration|math)(\.[A-Za-z_]+)+/g) ?? []).map((r) =>
          r.replace(/\.(metadata|token|data)\..*$/, '.$1'),
        ),
      );
    const covered = reads(RULES);
    expect([...reads(rules)].filter((r) => !covered.has(r))).toEqual([]);
  });
});

describe("rules_version '2' against version 1", () => {
  let v1: RulesTestEnvironment;
  beforeAll(async () => {
    v1 = await initializeTestEnvironment({ projectId: PROJECT_ID, storage: { rules: RULES_V1, ...emulators.storage } });
    await v1.withSecurityRulesDisabled(async (ctx) => {
      await ctx.storage().ref('zero').put(new Uint8Array(4), csv);
      await ctx.storage().ref('zero/deeper/x.csv').put(new Uint8Array(4), csv);
    });
  });
  afterAll(async () => {
    await v1?.cleanup();
  });

  it('in version 1, {path=**} needs at least one segment: the object named `zero` is not matched', async () => {
    const s = v1.authenticatedContext('alice').storage();
    await assertSucceeds(s.ref('zero/deeper/x.csv').getMetadata());
    await assertFails(s.ref('zero').getMetadata());
  });
});
