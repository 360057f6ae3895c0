// The header row -> the field each column goes to: the mapping the upload states (checked against
// the known fields and the chain's custom fields) or the one detected from the headers; the first
// and last names are required (or one full-name column, as Odoo writes). A refusal stops the whole
// file before any row is read; when the header looks garbled, or the file was not UTF-8, it names
// the encoding as the likely cause. Then what reading the rows needs (rowContext): the order of
// day and month of the date column, where multi-value cells spill, and the report's notes on both.
import type { Firestore } from 'firebase-admin/firestore';
import { ENCODING_LABEL, looksGarbled, type Detected } from '../model/encoding';
import type { Country } from '../model/phone';
import type { Lang } from '../model/lang';
import type { CustomFieldDef } from '../model/customerType';
import { detectMapping, MAPPABLE_TARGETS } from '../model/csvColumns';
import type { ImportMetadata } from '../model/import';
import { fold } from '../model/text';
import { customerTypesOf } from '../store/refs';
import { columnDateOrder, type DateEvidence } from './dates';
import { dateOrderNote, nameSplitNote } from './messages';
import type { RowContext } from './rows';
import { Refusal } from './scan';
import { spillTargets } from './values';

/** The chain's customer types, read when the import starts: by folded name, and by `id:<id>`. */
export async function customerTypeIds(db: Firestore, chainId: string): Promise<Map<string, string>> {
  const types = new Map<string, string>();
  for (const t of (await customerTypesOf(db, chainId).get()).docs) {
    types.set(fold(String(t.get('name'))).trim(), t.id);
    types.set(`id:${t.id}`, t.id);
  }
  return types;
}

export function mapColumns(
  header: string[],
  meta: ImportMetadata,
  customFields: CustomFieldDef[],
  detected: Detected = { encoding: 'utf-8', bom: 0 },
): { targets: string[]; ignored: string[] } {
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
  if (targets.includes('fullName')) return { targets, ignored };
  for (const required of ['firstName', 'lastName']) {
    if (targets.includes(required)) continue;
    const garbled = detected.encoding !== 'utf-8' || looksGarbled(header.join(' '));
    throw new Refusal('missingColumn', { field: required, ...(garbled ? { encoding: ENCODING_LABEL[detected.encoding] } : {}) });
  }
  return { targets, ignored };
}

/** What reading each row needs, and the report's notes on how dates and full names are read. */
export function rowContext(
  base: Pick<RowContext, 'headers' | 'targets' | 'types' | 'emptyCells' | 'lang'>,
  dates: DateEvidence | null,
  country: Country,
  lang: Lang,
): { ctx: RowContext; notes: string[]; dateOrders: { column: string; order: 'dmy' | 'mdy'; reason: string; country: string | null }[] } {
  const notes: string[] = [];
  const dateOrders = [];
  const i = base.targets.indexOf('birthDate');
  const decided = columnDateOrder(dates, i, country);
  if (i >= 0 && decided.numeric > 0) {
    const column = base.headers[i] ?? '';
    dateOrders.push({ column, order: decided.order, reason: decided.reason, country });
    notes.push(dateOrderNote(lang, { column, order: decided.order, reason: decided.reason, country: country ?? '' }));
  }
  const full = base.targets.indexOf('fullName');
  if (full >= 0 && !(base.targets.includes('firstName') && base.targets.includes('lastName'))) notes.push(nameSplitNote(lang, base.headers[full] ?? ''));
  return { ctx: { ...base, dateOrder: decided.order, spill: spillTargets(base.targets), country }, notes, dateOrders };
}
