// Every configuration value of regulars, in one place: params are set in functions/.env (or
// .env.<project-id>), secrets with `firebase functions:secrets:set`.

import { defineInt } from 'firebase-functions/params';

/**
 * Writes per second the CSV import allows itself (BulkWriter throttling). Firestore advises
 * ramping up traffic to new key ranges (500/50/5); at 500 writes/s a 100,000-row import (about
 * 500,000 writes) would not fit in the function's 540 s, so imports allow BulkWriter's own maximum.
 */
export const IMPORT_WRITES_PER_SECOND = defineInt('IMPORT_WRITES_PER_SECOND', {
  default: 10000,
  description: 'Maximum Firestore writes per second of one CSV import (BulkWriter throttling).',
});
