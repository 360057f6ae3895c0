// The harness's sweep for emulator processes left behind: it must find this run's only, never
// another checkout's or another run's that use the same shared emulator JARs.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without types
import { emulatorJavaProcesses, RUN_MARKER } from '../../scripts/lib/processes.mjs';

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) child.kill('SIGKILL');
});

/** A process whose command line reads `java -jar <jar> serve`, as an emulator's, started by run `runId`. */
function fakeEmulator(jar: string, runId: string): ChildProcess {
  const child = spawn('bash', ['-c', `exec -a "java -jar ${jar} serve" sleep 60`], {
    env: { ...process.env, [RUN_MARKER]: runId },
    stdio: 'ignore',
  });
  started.push(child);
  return child;
}

describe.runIf(process.platform === 'linux')('emulatorJavaProcesses', () => {
  it("finds the processes of this run, not another run's on the same shared JAR", async () => {
    const jar = join(mkdtempSync(join(tmpdir(), 'regulars-sweep-')), 'cloud-firestore-emulator.jar');
    const mine = fakeEmulator(jar, 'run-mine');
    const theirs = fakeEmulator(jar, 'run-theirs');
    await expect.poll(() => emulatorJavaProcesses([jar]).length).toBe(2);

    const found = emulatorJavaProcesses([jar], Infinity, 'run-mine').map((p: { pid: number }) => p.pid);
    expect(found).toEqual([mine.pid]);
    expect(emulatorJavaProcesses([jar], Infinity, 'run-theirs').map((p: { pid: number }) => p.pid)).toEqual([theirs.pid]);
    expect(emulatorJavaProcesses([jar], Infinity, 'run-nobody')).toEqual([]);
  });
});
