// When an import invocation stops taking rows and hands the rest of the file over to the next one
// (handover.ts). A Cloud Functions invocation is killed at its timeout; the import stops reading
// well before it, so that the writes in flight settle, the error file part and the matcher's state
// are saved and the next invocation is enqueued in time. Tests give a budget in rows instead of
// time (no test depends on how fast the machine is).

/** Time kept for settling and saving after the last chunk: 20 % of the invocation, at most 60 s. */
export function workBudgetMs(invocationSeconds: number): number {
  const ms = invocationSeconds * 1000;
  return ms - Math.min(60_000, ms * 0.2);
}

export interface Deadline {
  /** True once the invocation should hand over (checked after each chunk it wrote). */
  passed(rowsThisInvocation: number): boolean;
}

/** No handover: the invocation takes the whole file (a dry run in a test, a deployment without a queue). */
export const NO_DEADLINE: Deadline = { passed: () => false };

/** Hands over once the work budget of an invocation of `invocationSeconds`, started at `startedAt`, is used. */
export function timeDeadline(invocationSeconds: number, startedAt: number, now: () => number = Date.now): Deadline {
  const until = startedAt + workBudgetMs(invocationSeconds);
  return { passed: () => now() >= until };
}

/** Fault injection for tests: hands over once this many rows were taken by the invocation. */
export function rowDeadline(rows: number): Deadline {
  return { passed: (taken) => taken >= rows };
}
