// Cloud Functions task queues (Cloud Tasks behind `onTaskDispatched`), enqueued with the Admin SDK.
// Offline, the Admin SDK sends to the Cloud Tasks emulator (CLOUD_TASKS_EMULATOR_HOST, set by the
// emulators). Each task has an id derived from what it does, so enqueuing it again (a retried
// delivery) adds nothing: the queue refuses the id, which counts as done.
import { getApps, initializeApp } from 'firebase-admin/app';
import { getFunctions } from 'firebase-admin/functions';

/**
 * Enqueues `payload` for the task function `functionName` in `region`, once per `id`.
 * `dispatchDeadlineSeconds`: how long the queue waits for the function's answer before it counts a
 * failed attempt and retries; it must exceed the function's timeout (Cloud Tasks defaults to 10
 * minutes, the Cloud Tasks emulator to 60 s).
 */
export async function enqueueOnce(
  functionName: string,
  region: string,
  payload: Record<string, unknown>,
  id: string,
  options: { dispatchDeadlineSeconds?: number } = {},
): Promise<void> {
  const app = getApps()[0] ?? initializeApp();
  const queue = getFunctions(app).taskQueue(`locations/${region}/functions/${functionName}`);
  try {
    await queue.enqueue(payload, { id, ...options });
  } catch (err) {
    if (String((err as { code?: unknown }).code ?? '').endsWith('task-already-exists')) return;
    throw err;
  }
}
