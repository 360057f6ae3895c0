// Child process helpers for the harness: run to completion, and find emulator processes left behind.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** Runs a command with inherited stdio; resolves with its exit code. */
export function run(cmd, args, { env = {}, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env }, cwd });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** The environment variable naming the harness run a process belongs to (children inherit it). */
export const RUN_MARKER = 'REGULARS_HARNESS_RUN';

/**
 * Whether process `pid` was started by the harness run `runId` (its environment carries the
 * marker). Where /proc cannot tell (not Linux), true: the other filters decide alone.
 */
function startedByRun(pid, runId) {
  if (!runId) return true;
  let environ;
  try {
    environ = readFileSync(`/proc/${pid}/environ`, 'latin1');
  } catch (err) {
    return err.code === 'ENOENT' && !existsSync('/proc/self/environ');
  }
  return environ.split('\0').includes(`${RUN_MARKER}=${runId}`);
}

/**
 * Java processes running one of the emulator binaries (`markers`: paths in their command line)
 * that started less than `maxAgeSeconds` ago and, given `runId`, carry this run's marker in their
 * environment: never another checkout's or another run's emulators that use the same shared JARs.
 */
export function emulatorJavaProcesses(markers, maxAgeSeconds = Infinity, runId = undefined) {
  let out = '';
  try {
    out = execFileSync('ps', ['-eo', 'pid=,etimes=,args='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  return out
    .split('\n')
    .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
    .filter((m) => m && /\bjava\b/.test(m[3]) && markers.some((k) => m[3].includes(k)) && Number(m[2]) <= maxAgeSeconds)
    .filter((m) => startedByRun(Number(m[1]), runId))
    .map((m) => ({ pid: Number(m[1]), args: m[3] }));
}

/** Kills this run's leftovers (SIGTERM, then SIGKILL) and returns what it found. */
export async function reapStrays(markers, maxAgeSeconds, runId = undefined) {
  const strays = emulatorJavaProcesses(markers, maxAgeSeconds, runId);
  for (const p of strays) {
    try {
      process.kill(p.pid, 'SIGTERM');
    } catch {}
  }
  if (strays.length) await new Promise((r) => setTimeout(r, 2000));
  for (const p of emulatorJavaProcesses(markers, maxAgeSeconds, runId)) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {}
  }
  return strays;
}
