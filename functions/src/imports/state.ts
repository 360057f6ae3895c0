// A dry run writes nothing, so a later row of the file naming a customer an earlier row wrote
// cannot read that customer back: the import keeps, in memory, the state each row would have left
// its customer in. Kept compact (a JSON string without empty values, consent as granted or not,
// a few hundred bytes for a typical row), since every customer of the file may be named again.
import { CONSENT_CHANNELS, EMPTY_ADDRESS, EMPTY_PHONES, FIELD_ORDER, type CustomerDoc } from '../model/customer';

interface Packed {
  f: Record<string, unknown>;
  c: Record<string, boolean | null>;
  v: number;
  d: string;
  k: string[];
}

const dropEmpty = (_key: string, value: unknown) => (value === '' ? undefined : value);

/** The state a planned write leaves a customer in, packed. */
export function packState(doc: CustomerDoc): string {
  const packed: Packed = {
    f: Object.fromEntries(FIELD_ORDER.map((f) => [f, doc[f]])),
    c: Object.fromEntries(CONSENT_CHANNELS.map((ch) => [ch, doc.consent?.[ch]?.granted ?? null])),
    v: doc.version,
    d: doc.createdDay,
    k: doc.cardCodes ?? [],
  };
  return JSON.stringify(packed, dropEmpty);
}

/** The customer document as the import plans with it (consent decisions without their dates). */
export function unpackState(text: string): CustomerDoc {
  const p = JSON.parse(text) as Packed;
  const f = p.f as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const key of FIELD_ORDER) {
    const v = f[key];
    if (key === 'phones') fields[key] = { ...EMPTY_PHONES, ...(v as object | undefined) };
    else if (key === 'address' || key === 'address2') fields[key] = { ...EMPTY_ADDRESS, ...(v as object | undefined) };
    else if (key === 'tags') fields[key] = v ?? [];
    else if (key === 'customFields') fields[key] = v ?? {};
    else if (key === 'discount') fields[key] = v ?? null;
    else fields[key] = v ?? '';
  }
  const consent = Object.fromEntries(
    CONSENT_CHANNELS.map((ch) => [ch, p.c[ch] === null || p.c[ch] === undefined ? null : { granted: p.c[ch], at: null, by: 'import', source: 'import' }]),
  );
  return { ...fields, consent, version: p.v, createdDay: p.d ?? '', cardCodes: p.k ?? [] } as unknown as CustomerDoc;
}
