import { defineConfig } from 'vitest/config';

// Four projects, run by scripts/harness.mjs: `unit` without emulators; `rules`, `integration` and
// `browser` inside `firebase emulators:exec`, one project after the other (see scripts/suites.mjs).
export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // Nothing else runs meanwhile: both cores (vitest's default leaves one idle).
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'rules',
          include: ['test/rules/**/*.test.ts'],
          environment: 'node',
          // Each test clears Firestore: files must not run at the same time.
          fileParallelism: false,
          // One after the other in one worker: modules (the Firebase SDKs) are loaded once, not per file.
          isolate: false,
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/helpers/fresh-firestore.ts'],
          expect: { poll: { timeout: 30_000, interval: 250 } },
          // Tests isolate themselves with a fresh chain each. One file at a time: on 2 cores the
          // emulators are the bottleneck (files in parallel only slow each other down), and the
          // modules (the Firebase SDKs) are loaded once, not per file.
          fileParallelism: false,
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/helpers/fresh-firestore.ts'],
          // The UI waits on emulated functions: give polled expectations time.
          expect: { poll: { timeout: 15_000, interval: 100 } },
          fileParallelism: false,
          isolate: false,
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
