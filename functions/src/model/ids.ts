import { z } from 'zod';

/** Firestore document ids we accept from clients: no slashes, no dots-only, bounded. */
export const DocId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);

export const Email = z.string().trim().max(127).pipe(z.email());

/** Emails are compared case-insensitively everywhere (accounts, duplicates, card binding). */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}
