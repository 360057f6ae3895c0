// Typed Firestore references of the server, built from the paths in model/paths.ts (defined once).
// Reads through these come back typed (`snap.data()` is a CustomerDoc, a CardDoc…), without casts at
// the call sites. Writes to a customer and what derives from it go through store/customers/ only
// (the write path); lint forbids them elsewhere (see eslint.config.js).
import { createHash } from 'node:crypto';
import type { DocumentData, Firestore, FirestoreDataConverter, QueryDocumentSnapshot } from 'firebase-admin/firestore';
import type { CardBatchDoc, CardDoc } from '../model/card';
import type { MemberDoc } from '../model/chain';
import type { CustomerDoc, CustomerFields } from '../model/customer';
import type { ImportReport } from '../model/import';
import type { WalletPassDoc, WalletRegistrationDoc } from '../model/wallet';
import { COLLECTION, paths } from '../model/paths';
import type { IndexDoc } from './customers/indexDoc';
import type { QueryShape } from '../model/queryShape';
import type { PendingSignUpDoc } from '../model/signUp';
import type { StatsDoc } from '../model/visits';

/** A chain's card by code, and a customer's cards, across batches (checked by `npm run deploy:check`). */
export const QUERIES: QueryShape[] = [
  {
    name: 'card by code',
    collection: 'cards',
    group: true,
    where: [
      { field: 'chainId', op: '==' },
      { field: 'code', op: '==' },
    ],
  },
  {
    name: 'cards of a customer',
    collection: 'cards',
    group: true,
    where: [
      { field: 'chainId', op: '==' },
      { field: 'customerId', op: '==' },
    ],
  },
  { name: 'wallet passes of a card', collection: 'walletPasses', where: [{ field: 'code', op: '==' }] },
];

/** A converter that only types what Firestore returns (the documents are written by this code base). */
function typed<T extends DocumentData>(): FirestoreDataConverter<T> {
  return {
    toFirestore: (data) => data as DocumentData,
    fromFirestore: (snap: QueryDocumentSnapshot) => snap.data() as T,
  };
}

/** `customerKeys/{sha1(key)}`: which customers have an exact-match key (see store/customers/lookup.ts). */
export interface KeyDoc {
  key: string;
  ids: string[];
  n: number;
}

/** `customers/{id}/history/{entryId}`: what changed, when, by whom and from where. */
export interface HistoryEntry {
  at: unknown;
  by: string;
  action: string;
  [field: string]: unknown;
}

/** `customers/{id}/consentLog/{entryId}`: one decision on one contact channel. */
export interface ConsentEntry {
  channel: string;
  granted: boolean;
  at: unknown;
  [field: string]: unknown;
}

/** `customers/{id}/visits/{visitId}`: one visit at the till (store/customers/visits.ts). */
export interface VisitDoc {
  locationId: string;
  source: string;
  by: string;
  at: unknown;
  /** UTC day of the visit. */
  day: string;
  /** The stats shard the visit was counted in (an undo takes it back there). */
  shard: number;
  /** The customer's first visit ever. */
  first: boolean;
  /** The customer's last visit before this one (ms), for an undo. */
  prevLastVisitMs: number | null;
}

/** `merges/{mergeId}`: both profiles as they were, so a merge can be undone (customers/merge.ts). */
export interface MergeRecord {
  keepId: string;
  mergedId: string;
  keepBefore: CustomerDoc;
  mergedBefore: CustomerDoc;
  keepAfter: CustomerFields;
  keepVersionAfter: number;
  keepCardCodesAfter?: string[];
  mergedVersionAfter: number;
  cardsMoved: string[];
  consentCopied: string[];
  picks: Record<string, unknown>;
  at: unknown;
  by: string;
  undoUntil: unknown;
  undoneAt: unknown;
  undoneBy?: string;
}

const CUSTOMER = typed<CustomerDoc>();
const INDEX = typed<IndexDoc>();
const KEY = typed<KeyDoc>();
const CARD = typed<CardDoc>();
const BATCH = typed<CardBatchDoc>();
const MEMBER = typed<MemberDoc>();
const MERGE = typed<MergeRecord>();
const REPORT = typed<ImportReport>();
const HISTORY = typed<HistoryEntry>();
const CONSENT = typed<ConsentEntry>();
const SIGN_UP = typed<PendingSignUpDoc>();
const VISIT = typed<VisitDoc>();
const STATS = typed<StatsDoc>();
const PASS = typed<WalletPassDoc>();
const REGISTRATION = typed<WalletRegistrationDoc>();

export const chainsCollection = (db: Firestore) => db.collection(paths.chains());
export const chainRef = (db: Firestore, chainId: string) => db.doc(paths.chain(chainId));
export const membersOf = (db: Firestore, chainId: string) => db.collection(paths.members(chainId)).withConverter(MEMBER);
export const memberRef = (db: Firestore, chainId: string, uid: string) => membersOf(db, chainId).doc(uid);
export const locationsOf = (db: Firestore, chainId: string) => db.collection(paths.locations(chainId));
export const customersOf = (db: Firestore, chainId: string) => db.collection(paths.customers(chainId)).withConverter(CUSTOMER);
export const customerRef = (db: Firestore, chainId: string, customerId: string) => customersOf(db, chainId).doc(customerId);
export const historyOf = (db: Firestore, chainId: string, customerId: string) => db.collection(paths.history(chainId, customerId)).withConverter(HISTORY);
export const consentLogOf = (db: Firestore, chainId: string, customerId: string) => db.collection(paths.consentLog(chainId, customerId)).withConverter(CONSENT);
export const visitsOf = (db: Firestore, chainId: string, customerId: string) => db.collection(paths.visits(chainId, customerId)).withConverter(VISIT);
export const statsOf = (db: Firestore, chainId: string) => db.collection(paths.stats(chainId)).withConverter(STATS);
export const customerIndexOf = (db: Firestore, chainId: string) => db.collection(paths.customerIndex(chainId)).withConverter(INDEX);
export const customerKeysOf = (db: Firestore, chainId: string) => db.collection(paths.customerKeys(chainId)).withConverter(KEY);
export const customerTypesOf = (db: Firestore, chainId: string) => db.collection(paths.customerTypes(chainId));
export const batchesOf = (db: Firestore, chainId: string) => db.collection(paths.cardBatches(chainId)).withConverter(BATCH);
export const cardsOfBatch = (db: Firestore, chainId: string, batchId: string) => db.collection(paths.cards(chainId, batchId)).withConverter(CARD);
export const cardEmailsOf = (db: Firestore, chainId: string) => db.collection(paths.cardEmails(chainId));
export const walletPassesOf = (db: Firestore, chainId: string) => db.collection(paths.walletPasses(chainId)).withConverter(PASS);
export const walletRegistrationsOf = (db: Firestore, chainId: string, passId: string) =>
  db.collection(paths.walletRegistrations(chainId, passId)).withConverter(REGISTRATION);
export const mergesOf = (db: Firestore, chainId: string) => db.collection(paths.merges(chainId)).withConverter(MERGE);
export const importsOf = (db: Firestore, chainId: string) => db.collection(paths.imports(chainId)).withConverter(REPORT);
export const exportsOf = (db: Firestore, chainId: string) => db.collection(paths.exports(chainId));
export const auditOf = (db: Firestore, chainId: string) => db.collection(paths.audit(chainId));
export const signUpsOf = (db: Firestore, chainId: string) => db.collection(paths.signUps(chainId)).withConverter(SIGN_UP);
export const signUpLimitsOf = (db: Firestore, chainId: string) => db.collection(paths.signUpLimits(chainId));
export const ipSignUpLimits = (db: Firestore) => db.collection(paths.ipSignUpLimits());
export const migrationRef = (db: Firestore, chainId: string, name: string) => db.doc(paths.migration(chainId, name));

/** The key document of an exact-match key: its id is a hash, the key itself is personal data. */
export const lookupRef = (db: Firestore, chainId: string, key: string) => customerKeysOf(db, chainId).doc(createHash('sha1').update(key).digest('hex'));

/** Card documents of a chain by code, through the `cards` collection group. */
export const cardQuery = (db: Firestore, chainId: string, code: string) =>
  db.collectionGroup(COLLECTION.cards).withConverter(CARD).where('chainId', '==', chainId).where('code', '==', code).limit(1);

/** Every card whose customer is (or, for a revoked card, was) this customer. */
export const cardsOfCustomerQuery = (db: Firestore, chainId: string, customerId: string) =>
  db.collectionGroup(COLLECTION.cards).withConverter(CARD).where('chainId', '==', chainId).where('customerId', '==', customerId);

/** The wallet passes of a card (one per binding). */
export const walletPassesOfCardQuery = (db: Firestore, chainId: string, code: string) => walletPassesOf(db, chainId).where('code', '==', code);
