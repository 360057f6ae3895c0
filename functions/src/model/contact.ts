// Customers' contact details, which staff see only when the chain allows it (settings.staffSeeContact):
// emails, phone numbers, addresses and birth date. Owners and managers always see them. Enforced by
// firestore.rules (staff without it read no customer document, search row or history directly) and
// by the callables that serve staff instead, through these projections. Pure: shared with web/.
import type { CustomerFields } from './customer';
import type { FieldChange } from './customerDiff';
import type { Role } from './roles';
import type { CustomerRow } from './search';

export const CONTACT_FIELDS = ['email', 'email2', 'phones', 'address', 'address2', 'birthDate'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** Whether a field path (`phones.mobile`, `address.city`, `email`) is a contact detail. */
export function isContactField(path: string): boolean {
  return (CONTACT_FIELDS as readonly string[]).includes(path.split('.')[0] ?? '');
}

export function canSeeContact(role: Role, staffSeeContact: boolean): boolean {
  return role !== 'staff' || staffSeeContact;
}

/** A customer without its contact details, marked so a client knows they are hidden, not empty. */
export function withoutContact<T extends object>(doc: T): Omit<T, ContactField> & { contactHidden: true } {
  const copy = { ...doc } as Record<string, unknown>;
  for (const field of CONTACT_FIELDS) delete copy[field];
  return { ...(copy as Omit<T, ContactField>), contactHidden: true };
}

/** A search row without its email and phone columns. */
export function rowWithoutContact(row: CustomerRow): CustomerRow {
  return { ...row, email: '', phone: '' };
}

/** History changes with the values of contact fields removed (the field name says what changed). */
export function changesWithoutContact(changes: FieldChange[]): (FieldChange & { hidden?: true })[] {
  return changes.map((c) => (isContactField(c.field) ? { field: c.field, before: null, after: null, hidden: true as const } : c));
}

/**
 * What an update by someone who cannot see contact details writes: their edits to the other fields,
 * the stored contact details unchanged (their form does not show them). A new customer takes the
 * contact details they typed.
 */
export function keepStoredContact(fields: CustomerFields, stored: CustomerFields | null): CustomerFields {
  if (!stored) return fields;
  const out: Record<string, unknown> = { ...fields };
  for (const field of CONTACT_FIELDS) out[field] = stored[field];
  return out as CustomerFields;
}
