// Who an erasure is about, as far as rows of an uploaded file can show it: finding an erased
// customer's rows in what imports keep (error files). Pure: unit-tested.
import type { CustomerFields } from './customer';
import { fold } from './text';

export interface ErasedIdentity {
  /** The customer's id and those of the profiles merged into it (a file may name them in its id column). */
  ids: string[];
  /** Lower-case email addresses. */
  emails: string[];
  /** Phone numbers as digits, at least 6. */
  phones: string[];
  /** Folded first and last names (a row holding both is theirs). */
  names: { first: string; last: string }[];
}

type Profile = Pick<CustomerFields, 'firstName' | 'lastName' | 'email' | 'email2'> & { phones: Partial<CustomerFields['phones']> };

const digits = (text: string) => text.replace(/\D+/g, '');

export function identityOf(profiles: { id: string; doc: Profile }[]): ErasedIdentity {
  const who: ErasedIdentity = { ids: [], emails: [], phones: [], names: [] };
  for (const { id, doc } of profiles) {
    who.ids.push(id);
    for (const email of [doc.email, doc.email2]) if (email) who.emails.push(email.trim().toLowerCase());
    for (const phone of Object.values(doc.phones ?? {})) if (digits(phone ?? '').length >= 6) who.phones.push(digits(phone!));
    if (doc.firstName && doc.lastName) who.names.push({ first: fold(doc.firstName.trim()), last: fold(doc.lastName.trim()) });
  }
  return who;
}

/**
 * Whether a row of a file is (likely) about the erased customer: a cell holding their id, one of
 * their emails or phone numbers (the same last 9 digits, so `06 12 34 56 78` matches `+33612345678`),
 * or two cells holding their first and last name. Errs on the side of erasing.
 */
export function rowConcerns(cells: string[], who: ErasedIdentity): boolean {
  const folded = cells.map((c) => fold(c.trim()));
  const phoneTail = (d: string) => (d.length >= 9 ? d.slice(-9) : d);
  const tails = new Set(who.phones.map(phoneTail));
  for (const cell of cells) {
    const value = cell.trim();
    if (!value) continue;
    if (who.ids.includes(value) || who.emails.includes(value.toLowerCase())) return true;
    // An email among others in one cell (`a@x.fr ::: b@y.fr`, `a@x.fr; b@y.fr`).
    if (
      value.includes('@') &&
      who.emails.some((e) =>
        value
          .toLowerCase()
          .split(/[\s,;:]+/)
          .includes(e),
      )
    )
      return true;
    const d = digits(value);
    if (d.length >= 6 && /^[\d\s().+\-/]+$/.test(value) && tails.has(phoneTail(d))) return true;
  }
  return who.names.some((n) => folded.includes(n.first) && folded.includes(n.last));
}
