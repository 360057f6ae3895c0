// Every configuration value of regulars, in one place: params are set in functions/.env (or
// .env.<project-id>), secrets with `firebase functions:secrets:set`.

import { defineInt, defineSecret, defineString } from 'firebase-functions/params';
import type { WalletParams } from './common/walletConfig';

/**
 * Writes per second a CSV import starts at. Firestore asks new key ranges to be ramped up (start at
 * 500 operations/s, +50 % every 5 minutes: BulkWriter's default); the import follows that ramp
 * (imports/ramp.ts) from this rate. A project may raise it explicitly; 10000 (BulkWriter's maximum)
 * or more turns the ramp off. The emulators' harness lifts it to measure the code, not the throttle.
 */
export const IMPORT_WRITES_PER_SECOND = defineInt('IMPORT_WRITES_PER_SECOND', {
  default: 500,
  description: 'Writes per second a CSV import starts at, then +50 % every 5 minutes (Firestore 500/50/5 ramp); 10000 or more: no ramp.',
});

/**
 * Seconds an import invocation may run: the import functions' timeout. An invocation stops reading
 * before it (imports/deadline.ts) and hands the rest over to the next one through a task queue.
 * Lower only for tests and benchmarks (e.g. 60, to see handovers on a small file).
 */
export const IMPORT_INVOCATION_SECONDS = defineInt('IMPORT_INVOCATION_SECONDS', {
  default: 540,
  description: 'Seconds one CSV import invocation may run before it hands over to the next (the function timeout, 540). Lower only for tests.',
});

/**
 * Parallel parts of a large CSV import (imports/ahead.ts): a UTF-8 file of at least 5,000 rows per
 * part is split into at most this many ranges; tasks write ahead, in parallel, the rows that only
 * create a customer no other row names, while the import reads the file in order and keeps the one
 * report. Every writer gets an equal share of the ramp, so this helps only when one invocation
 * cannot keep up with the write rate (the ramp raised, or late in a long ramp). 1: never split.
 */
export const IMPORT_PARALLEL_PARTS = defineInt('IMPORT_PARALLEL_PARTS', {
  default: 1,
  description: 'At most this many parallel parts of a large UTF-8 CSV import (5,000 rows per part at least); 1 turns it off.',
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
// Wallet passes (Apple Wallet, Google Wallet). Every one is optional: what is missing turns that
// wallet off (the card email has no button for it, the back office's settings page says what is
// missing). A secret must exist to deploy: set the ones you do not use to `none`.

/** Public URL of the `wallet` function (links in emails, Apple's webServiceURL), e.g. https://europe-west1-<project>.cloudfunctions.net/wallet. */
export const WALLET_BASE_URL = defineString('WALLET_BASE_URL', {
  default: '',
  description: 'Public HTTPS URL of the wallet function (empty: no wallet buttons).',
});

/** Signs the wallet links and derives pass ids and Apple authentication tokens (32+ characters). */
export const WALLET_LINK_SECRET = defineSecret('WALLET_LINK_SECRET');

/** Apple Pass Type ID (`pass.com.example.regulars`) and the Team ID of the Apple developer account. */
export const APPLE_PASS_TYPE_ID = defineString('APPLE_PASS_TYPE_ID', { default: '', description: 'Apple Pass Type ID (empty: no Apple Wallet).' });
export const APPLE_TEAM_ID = defineString('APPLE_TEAM_ID', { default: '', description: 'Apple developer Team ID of the Pass Type ID.' });
/** The Pass Type ID certificate and its private key (PEM), and Apple's WWDR intermediate certificate (PEM). */
export const APPLE_PASS_CERT = defineSecret('APPLE_PASS_CERT');
export const APPLE_PASS_KEY = defineSecret('APPLE_PASS_KEY');
export const APPLE_WWDR_CERT = defineSecret('APPLE_WWDR_CERT');
/** APNs origin for pass update pushes. Locally, the harness's capture server (HTTP/2 without TLS). */
export const APNS_BASE_URL = defineString('APNS_BASE_URL', {
  default: 'https://api.push.apple.com',
  description: 'APNs origin (production: https://api.push.apple.com). Only changed for local development and tests.',
});

/** Google Wallet issuer id and the service account key (JSON) allowed to issue for it. */
export const GOOGLE_WALLET_ISSUER_ID = defineString('GOOGLE_WALLET_ISSUER_ID', {
  default: '',
  description: 'Google Wallet issuer id (empty: no Google Wallet).',
});
export const GOOGLE_WALLET_SA_KEY = defineSecret('GOOGLE_WALLET_SA_KEY');
/** Google Wallet API base URL; empty for Google itself. Locally, the harness's capture server. */
export const GOOGLE_WALLET_API_BASE_URL = defineString('GOOGLE_WALLET_API_BASE_URL', {
  default: '',
  description: 'Google Wallet API base URL (empty: https://walletobjects.googleapis.com). Only for local development and tests.',
});

/** Every wallet secret, bound to the functions that read the wallet configuration. */
export const WALLET_SECRETS = [WALLET_LINK_SECRET, APPLE_PASS_CERT, APPLE_PASS_KEY, APPLE_WWDR_CERT, GOOGLE_WALLET_SA_KEY];

/** The wallet configuration's raw values; call inside a handler (secrets are read at run time). */
export function walletParams(): WalletParams {
  return {
    baseUrl: WALLET_BASE_URL.value(),
    linkSecret: WALLET_LINK_SECRET.value(),
    apple: {
      passTypeId: APPLE_PASS_TYPE_ID.value(),
      teamId: APPLE_TEAM_ID.value(),
      cert: APPLE_PASS_CERT.value(),
      key: APPLE_PASS_KEY.value(),
      wwdr: APPLE_WWDR_CERT.value(),
      apnsBaseUrl: APNS_BASE_URL.value(),
    },
    google: { issuerId: GOOGLE_WALLET_ISSUER_ID.value(), serviceAccountKey: GOOGLE_WALLET_SA_KEY.value(), apiBaseUrl: GOOGLE_WALLET_API_BASE_URL.value() },
  };
}
