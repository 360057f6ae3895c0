// Every configuration value of regulars, in one place: params are set in functions/.env (or
// .env.<project-id>), secrets with `firebase functions:secrets:set`.

import { defineInt, defineSecret, defineString } from 'firebase-functions/params';

/**
 * Writes per second the CSV import allows itself (BulkWriter throttling). Firestore advises
 * ramping up traffic to new key ranges (500/50/5); at 500 writes/s a 100,000-row import (about
 * 500,000 writes) would not fit in the function's 540 s, so imports allow BulkWriter's own maximum.
 */
export const IMPORT_WRITES_PER_SECOND = defineInt('IMPORT_WRITES_PER_SECOND', {
  default: 10000,
  description: 'Maximum Firestore writes per second of one CSV import (BulkWriter throttling).',
});

/** SendGrid API key (a secret: `firebase functions:secrets:set SENDGRID_API_KEY`). */
export const SENDGRID_API_KEY = defineSecret('SENDGRID_API_KEY');

/** Sender of customer emails, e.g. `Bistro Demo <cards@bistro.example>` (a verified SendGrid sender). */
export const MAIL_FROM = defineString('MAIL_FROM', {
  description: 'Sender of the card emails (a sender verified in SendGrid), e.g. "Bistro <cards@bistro.example>".',
});

/** SendGrid API base URL; empty for SendGrid itself. Locally, the capture server of the harness. */
export const SENDGRID_BASE_URL = defineString('SENDGRID_BASE_URL', {
  default: '',
  description: 'SendGrid API base URL (empty: https://api.sendgrid.com). Only for local development and tests.',
});

/** First wait before retrying a card email after a 429 or 5xx answer; doubles each attempt. */
export const MAIL_RETRY_BASE_MS = defineInt('MAIL_RETRY_BASE_MS', {
  default: 1000,
  description: 'Backoff before the first retry of a card email after a 429 or 5xx from SendGrid (doubles each time).',
});

/** How long a card email waits for SendGrid's answer; a timeout is not retried (it may have been sent). */
export const MAIL_TIMEOUT_MS = defineInt('MAIL_TIMEOUT_MS', {
  default: 20000,
  description: 'Time a card email waits for SendGrid to answer; after it the email is marked failed (not retried, to never send twice).',
});

/**
 * Key of the signed links in customer emails (sign-up confirmation, preferences, one-click
 * unsubscribe) and of the hashed addresses of the sign-up rate limits: 32 random bytes, e.g.
 * `openssl rand -base64 32 | npx firebase functions:secrets:set LINK_SIGNING_KEY`. Changing it
 * invalidates every link already sent.
 */
export const LINK_SIGNING_KEY = defineSecret('LINK_SIGNING_KEY');

/** The web client's origin, which links in emails point to (sign-up confirmation, preferences). */
export const PUBLIC_URL = defineString('PUBLIC_URL', {
  description: 'Origin of the web client that links in customer emails open, e.g. "https://your-project.web.app" (no trailing slash).',
});
