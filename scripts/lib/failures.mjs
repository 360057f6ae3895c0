// The names of the tests that failed, for the harness's summary: CI shows only the end of a run's
// output, and the failures vitest prints are far above it once another suite has run after them.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

/** Vitest arguments that keep the usual output and also write the results to `file` as JSON. */
export function reporterArgs(file) {
  return ['--reporter=default', '--reporter=json', `--outputFile.json=${file}`];
}

/**
 * One line per failed test (`file › test — first line of the error`) or per file that failed to
 * run, read from a JSON results file written by `reporterArgs`; [] when the file is missing.
 */
export function failedTests(file, root) {
  if (!existsSync(file)) return [];
  const results = JSON.parse(readFileSync(file, 'utf8')).testResults ?? [];
  const lines = [];
  for (const f of results) {
    const name = relative(root, f.name);
    const failed = (f.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failed) lines.push(`${name} › ${t.fullName} — ${reason(t.failureMessages?.[0])}`);
    if (f.status === 'failed' && !failed.length) lines.push(`${name} — ${firstLine(f.message)}`);
  }
  return lines;
}

/** The JSON report has only a placeholder stack for a test that ran out of time. */
function reason(text) {
  const line = firstLine(text);
  return line === 'Error: STACK_TRACE_ERROR' ? 'timed out (no other message)' : line;
}

function firstLine(text = '') {
  const line =
    String(text)
      .replace(/\x1b\[[0-9;]*m/g, '')
      .split('\n')
      .find((l) => l.trim()) ?? '';
  return line.trim().slice(0, 200);
}
