// Field-by-field differences between two states of a customer (history entries, undo checks). Pure.
import { FIELD_ORDER, type CustomerFields } from './customer';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

type Flat = Record<string, unknown>;

function flatten(c: Partial<CustomerFields>): Flat {
  const out: Flat = {};
  for (const field of FIELD_ORDER) {
    const value = c[field];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) out[`${field}.${k}`] = v;
    } else {
      out[field] = value;
    }
  }
  return out;
}

const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Field-by-field differences, with dotted paths for nested fields (`phones.mobile`, `address.city`). */
export function diffCustomer(before: Partial<CustomerFields> | null, after: Partial<CustomerFields>): FieldChange[] {
  const a = before ? flatten(before) : {};
  const b = flatten(after);
  const changes: FieldChange[] = [];
  for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[field];
    const y = b[field];
    if (empty(x) && empty(y)) continue;
    if (JSON.stringify(x) !== JSON.stringify(y)) changes.push({ field, before: x ?? null, after: y ?? null });
  }
  return changes;
}
