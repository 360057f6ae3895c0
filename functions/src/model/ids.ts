import { z } from 'zod';

/** Firestore document ids we accept from clients: no slashes, no dots-only, bounded. */
export const DocId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);

/**
 * A paging cursor naming a document id of the collection paged (checked for format here; the callable
 * then checks it names a document of the caller's chain): not empty, no slash, not `.` or `..`, not
 * reserved (`__…__`), within Firestore's 1,500 bytes. `prefix` matches what comes before the id.
 */
export function cursorOf(prefix: RegExp | null = null) {
  return z.string().refine(
    (cursor) => {
      let id = cursor;
      if (prefix) {
        const m = prefix.exec(cursor);
        if (!m || m.index !== 0) return false;
        id = cursor.slice(m[0].length);
      }
      return id.length > 0 && new TextEncoder().encode(id).length <= 1500 && !id.includes('/') && id !== '.' && id !== '..' && !/^__.*__$/.test(id);
    },
    { params: { i18n: 'invalid' } },
  );
}

export const Email = z.string().trim().max(127).pipe(z.email());

/** Emails are compared case-insensitively everywhere (accounts, duplicates, card binding). */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}
