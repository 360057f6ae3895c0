// The customer store: the one write path (write.ts, mergeWrites.ts, plan.ts, keys.ts) and the reads it relies on.
// Features import from here; nothing else writes a customer or what derives from it.
export { fieldsOf, isNoop, planCustomerWrite, type CustomerWritePlan, type WriteMeta } from './plan';
export { currentRowId, movedRowId, ROW_BUCKETS, rowId } from './rowIds';
export { applyCustomerWrite, bindCardToCustomer, eraseCustomer, eraseSubcollections, retypeTombstone, revokeCardOfCustomer, type Stored } from './write';
export { copyConsentLog, deleteCopiedConsent, moveCards, restoreProfile, tombstone } from './mergeWrites';
export { deleteVacatedLookups, readLookups, type LookupState } from './keys';
export { contactKeys, duplicateKeys, lookupKey, lookupKeysOf, lookupMany, storedLookupKeysOf } from './lookup';
export { createdBuckets, indexDoc, primaryPhone, sortId, type IndexDoc } from './indexDoc';
export { cardsOfCustomers, mergedProfiles, readCustomer, readCustomers } from './read';
export { countMatching, matchingCustomers, runSearch } from './search';
export { runSortedList } from './sorted';
export { readSegmentContext, refreshSegments, rekeyCustomer, type SegmentContext } from './segments';
export { purgeOldStats, statsKeptFrom } from './stats';
export {
  applyCheckIn,
  applyUndoCheckIn,
  mergeVisits,
  millisOf,
  openVisit,
  otherVisits,
  unmergedVisits,
  visitFields,
  visitSummaryOf,
  withVisits,
  type NewVisit,
} from './visits';
export { passOfBinding, voidWalletPasses, walletPassesOfCards, type StoredPass } from './wallet';
export { reindexCustomer, type ReindexOutcome } from './reindex';
