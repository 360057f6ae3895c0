// The offline deploy check (scripts/deploy-check.mjs) part by part: it must refuse a decommissioned
// runtime, a query without its index, a function whose secret binding or options differ from the
// README, and rules that do not compile.
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without types
import { checkRuntime } from '../../scripts/lib/deploy/runtime.mjs';
// @ts-expect-error: plain JavaScript module without types
import { checkIndexes } from '../../scripts/lib/deploy/indexes.mjs';
// @ts-expect-error: plain JavaScript module without types
import { compareWithDocumented, readDocumented } from '../../scripts/lib/deploy/documented.mjs';
// @ts-expect-error: plain JavaScript module without types
import { discoverFunctions, functionsConfig } from '../../scripts/lib/deploy/discover.mjs';
// @ts-expect-error: plain JavaScript module without types
import { compileRules, rulesCompiler } from '../../scripts/lib/deploy/rules.mjs';
// @ts-expect-error: plain JavaScript module without types
import { declaredQueries } from '../../scripts/lib/deploy/shapes.mjs';
// @ts-expect-error: plain JavaScript module without types
import { functionsNode } from '../../scripts/lib/functions-node.mjs';
import type { QueryShape } from '../../functions/src/model/queryShape';

const root = join(import.meta.dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const today = new Date('2026-12-02T12:00:00Z');
// The harness builds the functions just before the unit tests and says so (REGULARS_FUNCTIONS_BUILT).
let built = process.env.REGULARS_FUNCTIONS_BUILT === '1';
/** The check reads the built functions (functions/lib), as deploy does: build them once. */
function buildFunctions() {
  if (!built) execSync('npm run build --silent -w functions', { cwd: root, stdio: 'pipe' });
  built = true;
}

describe('deploy check: runtime', () => {
  const firebaseJson = JSON.parse(read('firebase.json'));
  const engines = JSON.parse(read('functions/package.json')).engines.node;

  it('accepts the repository config (nodejs22), with its dates and days left', () => {
    const { errors, notes } = checkRuntime({ runtime: functionsConfig(firebaseJson).runtime, enginesNode: engines, today });
    expect(errors).toEqual([]);
    expect(notes[0]).toBe('nodejs22: deprecated on 2027-04-30, decommissioned on 2027-10-31 (333 days left)');
  });

  it('refuses a copy of the config set back to nodejs20, decommissioned on 2026-10-30', () => {
    const copy = structuredClone(firebaseJson);
    functionsConfig(copy).runtime = 'nodejs20';
    const { errors } = checkRuntime({ runtime: functionsConfig(copy).runtime, enginesNode: '20', today });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^nodejs20 was decommissioned on 2026-10-30.*runtime-support/);
    // and on the real date too: the schedule is not a fixture
    expect(checkRuntime({ runtime: 'nodejs20', enginesNode: '20' }).errors[0]).toMatch(/decommissioned/);
  });

  it('refuses engines that disagree with firebase.json, and a runtime the schedule does not know', () => {
    expect(checkRuntime({ runtime: 'nodejs22', enginesNode: '20', today }).errors).toEqual([
      'functions/package.json engines.node is "20" but firebase.json deploys on nodejs22',
    ]);
    expect(checkRuntime({ runtime: 'nodejs24', enginesNode: '24', today }).errors[0]).toMatch(/nodejs24 is not in the runtime schedule/);
  });

  it('warns once deprecated, and refuses from the decommission day on', () => {
    expect(checkRuntime({ runtime: 'nodejs22', enginesNode: '22', today: new Date('2027-05-01') }).notes[0]).toMatch(/deprecated since 2027-04-30/);
    expect(checkRuntime({ runtime: 'nodejs22', enginesNode: '22', today: new Date('2027-10-31T00:00:00Z') }).errors[0]).toMatch(/decommissioned on 2027-10-31/);
  });
});

describe('deploy check: indexes', () => {
  const indexes = JSON.parse(read('firestore.indexes.json'));
  let shapes: QueryShape[] = [];
  beforeAll(async () => {
    buildFunctions();
    shapes = Object.values((await declaredQueries(root)) as Record<string, QueryShape[]>).flat();
  }, 120_000);

  it('the declared queries of functions and web client are all served by firestore.indexes.json', () => {
    expect(shapes.length).toBeGreaterThan(30);
    const { errors, unused } = checkIndexes(shapes, indexes);
    expect(errors).toEqual([]);
    expect(unused).toEqual([]);
  });

  it('every composite index and collection-group override is needed: without it a declared query fails', () => {
    for (let i = 0; i < indexes.indexes.length; i++) {
      const without = { ...indexes, indexes: indexes.indexes.filter((_: unknown, j: number) => j !== i) };
      expect(checkIndexes(shapes, without).errors.length, JSON.stringify(indexes.indexes[i])).toBeGreaterThan(0);
    }
    for (const collection of ['members', 'exports']) {
      const without = { ...indexes, fieldOverrides: indexes.fieldOverrides.filter((o: { collectionGroup: string }) => o.collectionGroup !== collection) };
      expect(checkIndexes(shapes, without).errors.join('\n')).toMatch(/collection-group single-field index/);
    }
  });

  it('refuses a query without its composite index, naming the index to add', () => {
    const query: QueryShape = {
      name: 'customers of a type by name',
      collection: 'customers',
      where: [{ field: 'customerTypeId', op: '==' }],
      orderBy: [{ field: 'lastName' }],
    };
    expect(checkIndexes([query], indexes).errors).toEqual([
      'query "customers of a type by name" (collection customers where customerTypeId == orderBy lastName asc) needs a composite index in firestore.indexes.json: customers (COLLECTION): customerTypeId ASCENDING, lastName ASCENDING',
    ]);
    const index = {
      collectionGroup: 'customers',
      queryScope: 'COLLECTION',
      fields: [
        { fieldPath: 'customerTypeId', order: 'ASCENDING' },
        { fieldPath: 'lastName', order: 'ASCENDING' },
      ],
    };
    expect(checkIndexes([query], { ...indexes, indexes: [index] }).errors).toEqual([]);
    // the wrong direction is another index
    expect(checkIndexes([{ ...query, orderBy: [{ field: 'lastName', direction: 'desc' }] }], { ...indexes, indexes: [index] }).errors).toHaveLength(1);
  });

  it('applies the single-field rules: equality alone, one order, a range with its own order; not a range and another order', () => {
    const none = { indexes: [], fieldOverrides: [] };
    const ok = (shape: Omit<QueryShape, 'name' | 'collection'>) => checkIndexes([{ name: 'q', collection: 'c', ...shape }], none).errors;
    expect(
      ok({
        where: [
          { field: 'a', op: '==' },
          { field: 'b', op: 'in' },
        ],
        orderBy: [{ field: '__name__' }],
      }),
    ).toEqual([]);
    expect(ok({ orderBy: [{ field: 'a', direction: 'desc' }] })).toEqual([]);
    expect(
      ok({
        where: [
          { field: 'a', op: '>=' },
          { field: 'a', op: '<' },
        ],
        orderBy: [{ field: 'a' }],
      }),
    ).toEqual([]);
    expect(ok({ where: [{ field: 'a', op: '>=' }], orderBy: [{ field: 'b' }] })).toHaveLength(1);
    expect(
      ok({
        where: [
          { field: 'a', op: '==' },
          { field: 'b', op: '>' },
        ],
      }),
    ).toHaveLength(1);
    expect(ok({ where: [{ field: 'a', op: '==' }], orderBy: [{ field: '__name__', direction: 'desc' }] })).toHaveLength(1);
    // collection group: no automatic single-field index; an override with an empty list disables one
    expect(checkIndexes([{ name: 'q', collection: 'c', group: true, where: [{ field: 'a', op: '==' }] }], none).errors).toHaveLength(1);
    expect(checkIndexes([{ name: 'q', collection: 'customers', where: [{ field: 'notes', op: '==' }] }], indexes).errors).toHaveLength(1);
    // a map override covers its subfields, a field named at run time cannot be in a composite index
    expect(
      checkIndexes([{ name: 'q', collection: 'customerIndex', where: [{ field: 'k.*', op: '==' }], orderBy: [{ field: 'lastName' }] }], indexes).errors[0],
    ).toMatch(/field named at run time/);
  });
});

describe('deploy check: functions as discovered against the README', () => {
  let build: any;
  const documented = readDocumented(read('README.md'));
  beforeAll(async () => {
    buildFunctions();
    build = (await discoverFunctions(root, { pathPrefix: functionsNode(root).binDir })).build;
  }, 120_000);

  it('the built functions match "What is deployed", on the runtime of firebase.json', () => {
    expect(compareWithDocumented(build, documented)).toEqual([]);
    const runtimes = Object.values(build.endpoints).map((e) => (e as { runtime: string }).runtime);
    expect(runtimes).toHaveLength(documented.functions.size);
    expect(new Set(runtimes)).toEqual(new Set(['nodejs22']));
  });

  it('refuses a missing secret binding', () => {
    const copy = structuredClone(build);
    copy.endpoints.sendCardEmail.secretEnvironmentVariables = [];
    copy.endpoints.sendSignUpEmail.secretEnvironmentVariables = [];
    expect(compareWithDocumented(copy, documented)).toEqual([
      'sendCardEmail: secrets is —, the README says APPLE_PASS_CERT, APPLE_PASS_KEY, APPLE_WWDR_CERT, GOOGLE_WALLET_SA_KEY, LINK_SIGNING_KEY, SENDGRID_API_KEY, WALLET_LINK_SECRET',
      'sendSignUpEmail: secrets is —, the README says LINK_SIGNING_KEY, SENDGRID_API_KEY',
      "secret SENDGRID_API_KEY: declared but bound to no function (add it to a trigger's `secrets`)",
    ]);
  });

  it('refuses another runtime, region, memory, timeout, an undocumented function or parameter default', () => {
    const copy = structuredClone(build);
    copy.endpoints.importCustomers.runtime = 'nodejs20';
    copy.endpoints.importCustomers.availableMemoryMb = 256;
    copy.endpoints.bindCard.region = ['us-central1'];
    copy.endpoints.exportCustomers.timeoutSeconds = null;
    copy.endpoints.extra = { ...copy.endpoints.bindCard };
    copy.params.find((p: { name: string }) => p.name === 'MAIL_TIMEOUT_MS').default = 5000;
    expect(compareWithDocumented(copy, documented)).toEqual([
      'importCustomers: memory is 256 MiB, the README says 512 MiB',
      'importCustomers: runtime is nodejs20, the README says nodejs22',
      'exportCustomers: timeout is 60 s (default), the README says 540 s',
      'bindCard: region is us-central1, the README says europe-west1',
      "extra: deployed but not in the README's table of functions",
      'parameter MAIL_TIMEOUT_MS: default 5000, the README says 20000',
    ]);
  });
});

describe('deploy check: rules', () => {
  it('compiles firestore.rules and storage.rules, and refuses a firestore.rules with an error, naming line and column', async () => {
    const jar: string = await rulesCompiler(root);
    for (const file of ['firestore.rules', 'storage.rules']) expect(compileRules(jar, join(root, file), root).errors).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'regulars-deploy-'));
    writeFileSync(join(dir, 'firestore.rules'), read('firestore.rules').replace(/allow read: if /, 'allow read: if isMembr() && '));
    const { errors } = compileRules(jar, join(dir, 'firestore.rules'), root);
    expect(errors.join('\n')).toMatch(/firestore\.rules:\d+:\d+: error: /);
  }, 120_000);
});
