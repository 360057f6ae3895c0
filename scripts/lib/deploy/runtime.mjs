// The functions' runtime: the same in firebase.json and functions/package.json `engines`, and not
// past its decommission date in the runtime schedule kept in runtime-schedule.json (with its source).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCHEDULE = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'runtime-schedule.json'), 'utf8'));

const DAY = 86_400_000;

/**
 * @param {{ runtime: string | undefined, enginesNode: string | undefined, today?: Date, schedule?: typeof SCHEDULE, toolsRuntimes?: Record<string, { decommissionDate: string }> }} input
 *   runtime: firebase.json's; enginesNode: functions/package.json `engines.node`;
 *   toolsRuntimes: firebase-tools' own table, only compared for a note.
 * @returns {{ errors: string[], notes: string[] }}
 */
export function checkRuntime({ runtime, enginesNode, today = new Date(), schedule = SCHEDULE, toolsRuntimes = {} }) {
  const errors = [];
  const notes = [];
  if (!runtime) return { errors: ['firebase.json sets no functions "runtime"'], notes };
  if (`nodejs${enginesNode}` !== runtime) errors.push(`functions/package.json engines.node is "${enginesNode}" but firebase.json deploys on ${runtime}`);
  const dates = schedule.runtimes[runtime];
  if (!dates) {
    errors.push(
      `${runtime} is not in the runtime schedule (scripts/lib/deploy/runtime-schedule.json): add its dates from ${schedule.source.match(/https:\S+/)?.[0]}`,
    );
    return { errors, notes };
  }
  const day = today.toISOString().slice(0, 10);
  if (day >= dates.decommission) {
    errors.push(`${runtime} was decommissioned on ${dates.decommission}: functions can no longer be deployed on it (source: ${schedule.source})`);
  } else {
    const left = Math.round((Date.parse(dates.decommission) - Date.parse(day)) / DAY);
    const when = day >= dates.deprecation ? `deprecated since ${dates.deprecation}` : `deprecated on ${dates.deprecation}`;
    notes.push(`${runtime}: ${when}, decommissioned on ${dates.decommission} (${left} days left)`);
  }
  const tools = toolsRuntimes[runtime];
  if (tools && tools.decommissionDate !== dates.decommission) {
    notes.push(`firebase-tools' own table says ${runtime} is decommissioned on ${tools.decommissionDate}; the check keeps Google's ${dates.decommission}`);
  }
  return { errors, notes };
}
