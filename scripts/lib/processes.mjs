// Child process helpers for the harness: run to completion, and find emulator processes left behind.
import { execFileSync, spawn } from 'node:child_process';

/** Runs a command with inherited stdio; resolves with its exit code. */
export function run(cmd, args, { env = {}, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env }, cwd });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/**
 * Java processes running one of the emulator binaries (`markers`: paths in their command line)
 * that started less than `maxAgeSeconds` ago, i.e. during this run.
 */
export function emulatorJavaProcesses(markers, maxAgeSeconds = Infinity) {
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
    .map((m) => ({ pid: Number(m[1]), args: m[3] }));
}

/** Kills this run's leftovers (SIGTERM, then SIGKILL) and returns what it found. */
export async function reapStrays(markers, maxAgeSeconds) {
  const strays = emulatorJavaProcesses(markers, maxAgeSeconds);
  for (const p of strays) {
    try {
      process.kill(p.pid, 'SIGTERM');
    } catch {}
  }
  if (strays.length) await new Promise((r) => setTimeout(r, 2000));
  for (const p of emulatorJavaProcesses(markers, maxAgeSeconds)) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {}
  }
  return strays;
}
