// Every log event of regulars, one named function each, with structured fields.
// Personal data (names, emails, phone numbers, message bodies) and secrets never reach a log line:
// log ids, counts and codes; use `redactEmail` where an address must be hinted at.
import * as logger from 'firebase-functions/logger';

/** `jane.doe@example.com` -> `j***@e***.com` */
export function redactEmail(email: string | undefined | null): string {
  if (!email) return '';
  const [local = '', domain = ''] = email.split('@');
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${local.slice(0, 1)}***@${host.slice(0, 1)}***${tld}`;
}

function errorFields(err: unknown) {
  if (err instanceof Error) return { error: err.name, errorMessage: err.message, stack: err.stack };
  return { error: String(err) };
}

export function callableFailed(callable: string, uid: string | undefined, err: unknown): void {
  logger.error('callable failed', { callable, uid, ...errorFields(err) });
}

export function callableRejected(callable: string, uid: string | undefined, code: string, paths: string[]): void {
  logger.info('callable rejected', { callable, uid, code, paths });
}

export function chainCreated(chainId: string, ownerUid: string, locations: number): void {
  logger.info('chain created', { chainId, ownerUid, locations });
}

export function memberChanged(chainId: string, actorUid: string, memberUid: string, role: string | null): void {
  logger.info('member changed', { chainId, actorUid, memberUid, role });
}

export function customerSaved(chainId: string, customerId: string, uid: string, action: 'create' | 'update', source: string): void {
  logger.info('customer saved', { chainId, customerId, uid, action, source });
}

export function visitCheckedIn(chainId: string, customerId: string, uid: string, locationId: string, created: boolean, source: string): void {
  logger.info('visit checked in', { chainId, customerId, uid, locationId, created, source });
}

export function visitUndone(chainId: string, customerId: string, uid: string, visitId: string): void {
  logger.info('visit undone', { chainId, customerId, uid, visitId });
}

export function customersReindexed(chainId: string, uid: string, processed: number, updated: number, done: boolean): void {
  logger.info('customers reindexed', { chainId, uid, processed, updated, done });
}

export function customerErased(chainId: string, customerId: string, uid: string, cardsReleased: number): void {
  logger.info('customer erased', { chainId, customerId, uid, cardsReleased });
}

export function importSkipped(objectName: string, reason: string): void {
  logger.info('import skipped', { objectName, reason });
}

export function importStarted(chainId: string, importId: string, bytes: number): void {
  logger.info('import started', { chainId, importId, bytes });
}

export function importFinished(chainId: string, importId: string, status: string, counts: object, durationMs: number): void {
  logger.info('import finished', { chainId, importId, status, counts, durationMs });
}

/** An invocation handed the rest of the file over to the next one (no personal data: rows and counts). */
export function importHandedOver(chainId: string, importId: string, part: number, row: number, writes: number): void {
  logger.info('import handed over', { chainId, importId, part, row, writes });
}

/** A continuation task for a part an earlier delivery already started: nothing to do. */
export function importContinuationStale(importId: string, part: number, current: number): void {
  logger.info('import continuation stale', { importId, part, current });
}

export function importWriteFailed(chainId: string, importId: string, path: string, err: unknown): void {
  logger.error('import write failed', { chainId, importId, path, ...errorFields(err) });
}

/** A row whose customer changed between the import's read and its write: what the re-plan decided (ids and counts only). */
export function importRowConflict(chainId: string, importId: string, row: number, outcome: string, replans: number): void {
  logger.info('import row conflict', { chainId, importId, row, outcome, replans });
}

export function exportWritten(chainId: string, exportId: string, uid: string, rows: number): void {
  logger.info('export written', { chainId, exportId, uid, rows });
}

/** `reason` is a technical message (Storage or Firestore), never a cell of the export. */
export function exportFailed(chainId: string, exportId: string, uid: string, rows: number, reason: string): void {
  logger.error('export failed', { chainId, exportId, uid, rows, reason });
}

export function exportsPurged(count: number): void {
  logger.info('expired exports purged', { count });
}

export function importArtifactsPurged(count: number): void {
  logger.info('expired import error files and report values purged', { count });
}

export function cardBatchCreated(chainId: string, batchId: string, size: number): void {
  logger.info('card batch created', { chainId, batchId, size });
}

export function cardBound(chainId: string, code: string, customerId: string, uid: string, email: string): void {
  logger.info('card bound', { chainId, card: code.slice(0, 4), customerId, uid, email });
}

/** Ids and counts only. */
export function cardsAssigned(chainId: string, batchId: string, uid: string, assigned: number, failed: number): void {
  logger.info('cards assigned', { chainId, batchId, uid, assigned, failed });
}

export function cardRevoked(chainId: string, code: string, uid: string): void {
  logger.info('card revoked', { chainId, card: code.slice(0, 4), uid });
}

/** Card codes are credentials: logs carry their first four characters only. */
export function cardEmailOutcome(chainId: string, jobId: string, status: string, attempts: number, httpStatus?: number, reason?: string): void {
  const log = status === 'failed' ? logger.warn : logger.info;
  log('card email', { chainId, jobId, status, attempts, httpStatus, reason });
}

export function customersMerged(chainId: string, keepId: string, mergedId: string, uid: string): void {
  logger.info('customers merged', { chainId, keepId, mergedId, uid });
}

export function customersUnmerged(chainId: string, keepId: string, mergedId: string, uid: string): void {
  logger.info('customers unmerged', { chainId, keepId, mergedId, uid });
}

/** Once per function instance, when the code loads: the Node.js version it runs on (the deployed runtime). */
export function instanceStarted(): void {
  logger.info('instance started', { node: process.version });
}

/** A pending self sign-up stored (`signUpId` null for a honeypot hit: nothing stored). */
export function signUpStored(chainId: string, signUpId: string | null, honeypot: boolean): void {
  logger.info('sign-up stored', { chainId, signUpId, honeypot });
}

/** A confirmation link followed: the customer created (`created`) or the existing one's card sent again. */
export function signUpConfirmed(chainId: string, customerId: string, created: boolean, card: string): void {
  logger.info('sign-up confirmed', { chainId, customerId, created, card: card.slice(0, 4) });
}

export function signUpEmailOutcome(chainId: string, signUpId: string, status: string, attempts: number, reason?: string): void {
  logger.info('sign-up email', { chainId, signUpId, status, attempts, reason });
}

export function signUpsPurged(signUps: number, counters: number): void {
  logger.info('sign-ups purged', { signUps, counters });
}

/** A customer changed their contact permissions from a preferences link (`via`: page or one-click unsubscribe). */
export function preferencesSaved(chainId: string, customerId: string, via: 'page' | 'unsubscribe', changed: number): void {
  logger.info('preferences saved', { chainId, customerId, via, changed });
}

/** Wallet: ids and counts only (no card code, no push token, no device id). */
export function walletPassServed(chainId: string, passId: string, kind: string, status: string): void {
  logger.info('wallet pass served', { chainId, passId, kind, status });
}

export function walletLinkRefused(kind: string, reason: string): void {
  logger.info('wallet link refused', { kind, reason });
}

export function walletNotified(chainId: string, passId: string, pushed: object, google: string): void {
  logger.info('wallet pass voided: devices notified', { chainId, passId, pushed, google });
}

export function walletDeviceLog(entries: number): void {
  logger.info('wallet device log', { entries });
}

export function walletPassesPurged(count: number): void {
  logger.info('voided wallet passes purged', { count });
}

/** A chain's visit segments brought to today (`full`: every row with a visit was checked). */
export function segmentsRefreshed(chainId: string, rekeyed: number, checked: number, full: boolean): void {
  logger.info('visit segments refreshed', { chainId, rekeyed, checked, full });
}

export function segmentsRefreshFailed(chainId: string, error: unknown): void {
  logger.error('visit segments refresh failed', { chainId, error: error instanceof Error ? error.message : String(error) });
}

export function visitStatsPurged(count: number, before: string): void {
  logger.info('day counters purged', { count, before });
}
