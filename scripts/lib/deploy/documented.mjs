// What the README documents about the deployed functions (section "What is deployed"), compared
// with what firebase-tools discovers from the built code: every function with its trigger, region,
// runtime, memory, timeout, instances and secrets, and every parameter with its kind and default.

const SECTION = '### What is deployed';
const DEFAULT_MEMORY_MB = 256; // 2nd gen default when a function sets none
const DEFAULT_TIMEOUT_S = 60;

const cells = (line) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());
const names = (cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

function tables(text) {
  const found = [];
  let rows = null;
  for (const line of text.split('\n')) {
    if (line.trim().startsWith('|')) {
      if (!rows) found.push((rows = []));
      if (!/^\|\s*-/.test(line.trim())) rows.push(cells(line));
    } else rows = null;
  }
  return found;
}

/** @returns {{ runtime: string, region: string, maxInstances: number, functions: Map<string, {trigger,memory,timeout,secrets}>, params: Map<string,{kind,default}> }} */
export function readDocumented(readme) {
  const start = readme.indexOf(SECTION);
  if (start < 0) throw new Error(`README.md has no "${SECTION}" section`);
  const end = readme.indexOf('\n## ', start);
  const text = readme.slice(start, end < 0 ? undefined : end);
  const every = /Every function: runtime `([^`]+)`, region `([^`]+)`, at most (\d+) instances/.exec(text);
  if (!every) throw new Error(`README.md "${SECTION}": the line "Every function: runtime \`…\`, region \`…\`, at most N instances" is missing`);
  const [fnTable, paramTable] = tables(text);
  if (!fnTable || !paramTable) throw new Error(`README.md "${SECTION}": the functions table and the parameters table are expected`);
  const functions = new Map();
  for (const [fns, trigger, memory, timeout, secrets] of fnTable.slice(1)) {
    for (const name of names(fns)) functions.set(name, { trigger, memory, timeout, secrets: names(secrets).sort().join(', ') || '—' });
  }
  const params = new Map();
  for (const [name, kind, def] of paramTable.slice(1)) params.set(names(name)[0], { kind, default: def.startsWith('`') ? (names(def)[0] ?? '') : null });
  return { runtime: every[1], region: every[2], maxInstances: Number(every[3]), functions, params };
}

/** The trigger as the README writes it. */
export function triggerText(endpoint) {
  if (endpoint.callableTrigger) return 'callable';
  if (endpoint.httpsTrigger) return 'HTTPS';
  if (endpoint.scheduleTrigger) return `schedule \`${endpoint.scheduleTrigger.schedule}\``;
  if (endpoint.taskQueueTrigger) return `task queue, up to ${endpoint.taskQueueTrigger.retryConfig?.maxAttempts ?? 'default'} attempts`;
  const e = endpoint.eventTrigger;
  if (!e) return 'unknown';
  const retried = e.retry ? ', retried' : '';
  if (e.eventType === 'google.cloud.storage.object.v1.finalized') return `Storage object finalized${retried}`;
  const doc = /^google\.cloud\.firestore\.document\.v1\.(\w+)$/.exec(e.eventType);
  if (doc) return `Firestore document ${doc[1]} \`${e.eventFilterPathPatterns?.document ?? e.eventFilters?.document}\`${retried}`;
  return `${e.eventType}${retried}`;
}

const memoryText = (mb) => (mb == null ? `${DEFAULT_MEMORY_MB} MiB (default)` : `${mb} MiB`);
const timeoutText = (s) => (s == null ? `${DEFAULT_TIMEOUT_S} s (default)` : `${s} s`);

/**
 * @param {any} build firebase-tools' Build (discoverFunctions)
 * @param {ReturnType<typeof readDocumented>} documented
 * @returns {string[]} every difference, named
 */
export function compareWithDocumented(build, documented) {
  const errors = [];
  const endpoints = Object.entries(build.endpoints);
  for (const [id, e] of endpoints) {
    const doc = documented.functions.get(id);
    if (!doc) {
      errors.push(`${id}: deployed but not in the README's table of functions`);
      continue;
    }
    const actual = {
      trigger: triggerText(e),
      memory: memoryText(e.availableMemoryMb),
      timeout: timeoutText(e.timeoutSeconds),
      secrets:
        (e.secretEnvironmentVariables ?? [])
          .map((s) => s.secret)
          .sort()
          .join(', ') || '—',
    };
    for (const key of Object.keys(actual)) {
      if (actual[key] !== doc[key]) errors.push(`${id}: ${key} is ${actual[key]}, the README says ${doc[key]}`);
    }
    if (e.runtime !== documented.runtime) errors.push(`${id}: runtime is ${e.runtime}, the README says ${documented.runtime}`);
    if (JSON.stringify(e.region) !== JSON.stringify([documented.region])) errors.push(`${id}: region is ${e.region}, the README says ${documented.region}`);
    if (e.maxInstances !== documented.maxInstances) errors.push(`${id}: at most ${e.maxInstances} instances, the README says ${documented.maxInstances}`);
  }
  for (const name of documented.functions.keys()) {
    if (!build.endpoints[name]) errors.push(`${name}: in the README's table of functions but not deployed`);
  }
  // Parameters, secrets included, as the functions declare them (functions/src/params.ts).
  const declared = new Map(build.params.map((p) => [p.name, p]));
  for (const [name, p] of declared) {
    const doc = documented.params.get(name);
    if (!doc) {
      errors.push(`parameter ${name}: declared but not in the README's table of parameters`);
      continue;
    }
    if (p.type !== doc.kind) errors.push(`parameter ${name}: kind ${p.type}, the README says ${doc.kind}`);
    const def = p.default === undefined ? null : String(p.default);
    if (def !== doc.default) errors.push(`parameter ${name}: default ${def ?? 'none'}, the README says ${doc.default ?? 'none'}`);
  }
  for (const name of documented.params.keys()) if (!declared.has(name)) errors.push(`parameter ${name}: in the README but not declared`);
  // A secret a function reads must be bound to it: every declared secret is bound to some function.
  for (const p of build.params.filter((x) => x.type === 'secret')) {
    if (!endpoints.some(([, e]) => (e.secretEnvironmentVariables ?? []).some((s) => s.secret === p.name))) {
      errors.push(`secret ${p.name}: declared but bound to no function (add it to a trigger's \`secrets\`)`);
    }
  }
  return errors;
}
