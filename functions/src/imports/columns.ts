// The header row -> the field each column goes to: the mapping the upload states (checked against
// the known fields and the chain's custom fields) or the one detected from the headers; the first
// and last names are required. A refusal stops the whole file before any row is read.
import type { CustomFieldDef } from '../model/customerType';
import { detectMapping, MAPPABLE_TARGETS } from '../model/csvColumns';
import type { ImportMetadata } from '../model/import';
import { Refusal } from './scan';

export function mapColumns(header: string[], meta: ImportMetadata, customFields: CustomFieldDef[]): { targets: string[]; ignored: string[] } {
  let targets: string[];
  let ignored: string[];
  if (meta.mapping) {
    const known = new Set([...MAPPABLE_TARGETS, ...customFields.map((d) => `customFields.${d.key}`)]);
    const bad = meta.mapping.find((t) => t !== '' && !known.has(t));
    if (bad) throw new Refusal('badMapping', { target: bad });
    targets = header.map((_, i) => meta.mapping![i] ?? '');
    ignored = header.filter((h, i) => !targets[i] && h.trim());
  } else {
    const detected = detectMapping(header, customFields);
    targets = detected.targets;
    ignored = [...detected.unknown, ...detected.repeated];
  }
  for (const required of ['firstName', 'lastName']) {
    if (!targets.includes(required)) throw new Refusal('missingColumn', { field: required });
  }
  return { targets, ignored };
}
