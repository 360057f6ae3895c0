// Every Firestore path of regulars, defined once: the functions (Admin SDK, through store/refs.ts),
// the web client (JS SDK) and the tests build their paths from here. Pure: no SDK import.

/** Collection ids. A collection-group query (`cards`, `members`, `exports`) names one of these. */
export const COLLECTION = {
  chains: 'chains',
  members: 'members',
  locations: 'locations',
  customers: 'customers',
  customerIndex: 'customerIndex',
  customerKeys: 'customerKeys',
  customerTypes: 'customerTypes',
  history: 'history',
  consentLog: 'consentLog',
  visits: 'visits',
  stats: 'stats',
  cardBatches: 'cardBatches',
  cards: 'cards',
  cardEmails: 'cardEmails',
  walletPasses: 'walletPasses',
  walletRegistrations: 'walletRegistrations',
  merges: 'merges',
  imports: 'imports',
  exports: 'exports',
  audit: 'audit',
  signUps: 'signUps',
  signUpLimits: 'signUpLimits',
  migrations: 'migrations',
} as const;

const chain = (chainId: string) => `${COLLECTION.chains}/${chainId}`;
const customer = (chainId: string, customerId: string) => `${chain(chainId)}/${COLLECTION.customers}/${customerId}`;

/** Slash-separated paths of collections (plural names) and documents (singular names). */
export const paths = {
  chains: () => COLLECTION.chains,
  chain,
  members: (chainId: string) => `${chain(chainId)}/${COLLECTION.members}`,
  member: (chainId: string, uid: string) => `${chain(chainId)}/${COLLECTION.members}/${uid}`,
  locations: (chainId: string) => `${chain(chainId)}/${COLLECTION.locations}`,
  customers: (chainId: string) => `${chain(chainId)}/${COLLECTION.customers}`,
  customer,
  history: (chainId: string, customerId: string) => `${customer(chainId, customerId)}/${COLLECTION.history}`,
  consentLog: (chainId: string, customerId: string) => `${customer(chainId, customerId)}/${COLLECTION.consentLog}`,
  visits: (chainId: string, customerId: string) => `${customer(chainId, customerId)}/${COLLECTION.visits}`,
  stats: (chainId: string) => `${chain(chainId)}/${COLLECTION.stats}`,
  customerIndex: (chainId: string) => `${chain(chainId)}/${COLLECTION.customerIndex}`,
  customerKeys: (chainId: string) => `${chain(chainId)}/${COLLECTION.customerKeys}`,
  customerTypes: (chainId: string) => `${chain(chainId)}/${COLLECTION.customerTypes}`,
  cardBatches: (chainId: string) => `${chain(chainId)}/${COLLECTION.cardBatches}`,
  cardBatch: (chainId: string, batchId: string) => `${chain(chainId)}/${COLLECTION.cardBatches}/${batchId}`,
  cards: (chainId: string, batchId: string) => `${chain(chainId)}/${COLLECTION.cardBatches}/${batchId}/${COLLECTION.cards}`,
  cardEmails: (chainId: string) => `${chain(chainId)}/${COLLECTION.cardEmails}`,
  walletPasses: (chainId: string) => `${chain(chainId)}/${COLLECTION.walletPasses}`,
  walletRegistrations: (chainId: string, passId: string) => `${chain(chainId)}/${COLLECTION.walletPasses}/${passId}/${COLLECTION.walletRegistrations}`,
  merges: (chainId: string) => `${chain(chainId)}/${COLLECTION.merges}`,
  imports: (chainId: string) => `${chain(chainId)}/${COLLECTION.imports}`,
  importReport: (chainId: string, importId: string) => `${chain(chainId)}/${COLLECTION.imports}/${importId}`,
  exports: (chainId: string) => `${chain(chainId)}/${COLLECTION.exports}`,
  audit: (chainId: string) => `${chain(chainId)}/${COLLECTION.audit}`,
  /** Pending self sign-ups (personal data until confirmed or expired). */
  signUps: (chainId: string) => `${chain(chainId)}/${COLLECTION.signUps}`,
  /** Sign-up counters of a chain, one per time window. */
  signUpLimits: (chainId: string) => `${chain(chainId)}/${COLLECTION.signUpLimits}`,
  /** Sign-up counters per IP address (hashed), one per address and time window, across chains. */
  ipSignUpLimits: () => COLLECTION.signUpLimits,
  /** A data migration's state (its resumable cursor), e.g. `phones` (customers/reindex.ts). Server only. */
  migration: (chainId: string, name: string) => `${chain(chainId)}/${COLLECTION.migrations}/${name}`,
} as const;
