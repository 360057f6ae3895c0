// Firestore's "500/50/5" rule for traffic to new key ranges: start at 500 operations per second and
// raise the rate by 50 % every 5 minutes (BulkWriter's default throttling, up to its 10,000/s). The
// import's commits follow it by default (IMPORT_WRITES_PER_SECOND is the starting rate); a project
// that sets a starting rate at or above the cap writes at that rate from the start (no ramp).
// The ramp runs in wall time from the import's first start, across invocations (a handover or a
// retry does not start it again at 500).

export const RAMP_STEP_MS = 5 * 60_000;
export const RAMP_FACTOR = 1.5;
/** BulkWriter's maximum rate; a starting rate at or above it means no ramp. */
export const RAMP_MAX = 10_000;

/** Writes per second allowed `elapsedMs` after the ramp started at `start` writes per second. */
export function rampRate(start: number, elapsedMs: number): number {
  if (start >= RAMP_MAX) return start;
  const steps = Math.floor(Math.max(0, elapsedMs) / RAMP_STEP_MS);
  return Math.min(RAMP_MAX, start * RAMP_FACTOR ** steps);
}

/** The shortest time (seconds) in which the ramp lets `docs` writes through, starting at `start`/s. */
export function rampMinimumSeconds(docs: number, start: number): number {
  let left = docs;
  let seconds = 0;
  for (let step = 0; left > 0; step++) {
    const rate = rampRate(start, step * RAMP_STEP_MS);
    const fits = rate * (RAMP_STEP_MS / 1000);
    if (left <= fits || rate >= RAMP_MAX || start >= RAMP_MAX) return seconds + left / rate;
    left -= fits;
    seconds += RAMP_STEP_MS / 1000;
  }
  return seconds;
}

/** The rate limit of one import: the ramp started at `startedAt` (ms since the epoch). */
export interface WriteRate {
  /** Writes per second allowed at `now` (ms since the epoch). */
  at(now: number): number;
}

/**
 * `share`: the writers of a file split into parallel parts (ahead.ts) each get an equal share of
 * the ramp, so together they stay within it; with the ramp off, each writes at the starting rate.
 */
export function rampFrom(start: number, startedAt: number, share = 1): WriteRate {
  const divisor = start >= RAMP_MAX ? 1 : Math.max(1, share);
  return { at: (now) => rampRate(start, now - startedAt) / divisor };
}
