// The header row -> the field each column goes to: the mapping the upload states (checked against
// the known fields and the chain's custom fields) or the one detected from the headers; the first
// and last names are required. A refusal stops the whole file before any row is read.
import type { Firestore } from 'firebase-admin/firestore';
import type { CustomFieldDef } from '../model/customerType';
import { detectMapping, MAPPABLE_TARGETS } from '../model/csvColumns';
import type { ImportMetadata } from '../model/import';
import { fold } from '../model/text';
import { customerTypesOf } from '../store/refs';
import { Refusal } from './scan';

/** The chain's customer types, read when the import starts: by folded name, and by `id:<id>`. */
export async function customerTypeIds(db: Firestore, chainId: string): Promise<Map<string, string>> {
  const types = new Map<string, string>();
  for (const t of (await customerTypesOf(db, chainId).get()).docs) {
    types.set(fold(String(t.get('name'))).trim(), t.id);
    types.set(`id:${t.id}`, t.id);
  }
  return types;
}

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
