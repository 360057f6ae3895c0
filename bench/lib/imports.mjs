// What the import benchmarks share: the CSV they upload, the functions' worker processes whose
// memory they sample, and the results file the ramp run adds itself to.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HEADER =
  'Prénom;Nom;Entreprise;Courriel;Numéro de téléphone principal;Domicile;Adresse principale;Code postal;Ville;Pays;Balises;Personnalisé;Remarques';

/** One person as a line of the benchmark's CSV (semicolons, quoted where needed). */
export function csvLine(p) {
  const q = (v) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [
    p.firstName,
    p.lastName,
    p.company,
    p.email,
    p.phones.mobile,
    p.phones.home,
    p.address.line1,
    p.address.postalCode,
    p.address.city,
    p.address.country,
    p.tags.join(', '),
    p.custom,
    p.notes,
  ]
    .map(q)
    .join(';');
}

export function csvOf(people) {
  return `\ufeff${[HEADER, ...people.map(csvLine)].join('\r\n')}\r\n`;
}

export function functionPids() {
  const pids = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('functionsEmulatorRuntime')) pids.push(Number(pid));
    } catch {}
  }
  return pids;
}

export function rss(pid) {
  try {
    return Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

const resultsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

/** Saves a benchmark's result (bench/results/, git-ignored). */
export function saveResults(name, result) {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${name}.json`), JSON.stringify(result));
}

/** A result saved by a benchmark of the same `npm run` (within `maxAgeMs`), or null. */
export function recentResults(name, maxAgeMs) {
  const path = join(resultsDir, `${name}.json`);
  try {
    if (Date.now() - statSync(path).mtimeMs > maxAgeMs) return null;
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}
