// Documents an import wrote, measured in Firestore (not from the code's own plan): for a fresh chain,
// everything the import left; for a re-import, what changed. History and consent entries carry the
// import id; customers, search rows and lookup keys are compared by update time.
import { db } from './emulators.mjs';

const count = async (query) => (await query.count().get()).data().count;

/** Documents a chain holds that an import into the (fresh) chain wrote: `total` and per kind. */
export async function importedDocs(chainId, importId) {
  const chain = `chains/${chainId}`;
  const parts = {
    customers: await count(db.collection(`${chain}/customers`)),
    searchRows: await count(db.collection(`${chain}/customerIndex`)),
    lookupKeys: await count(db.collection(`${chain}/customerKeys`)),
    history: await count(db.collectionGroup('history').where('importId', '==', importId)),
    consentLog: await count(db.collectionGroup('consentLog').where('importId', '==', importId)),
  };
  return { total: Object.values(parts).reduce((a, b) => a + b, 0), parts };
}

/** Update times of a chain's customers, search rows and lookup keys, by path. */
export async function updateTimes(chainId) {
  const times = new Map();
  for (const name of ['customers', 'customerIndex', 'customerKeys']) {
    const snap = await db.collection(`chains/${chainId}/${name}`).select().get();
    for (const d of snap.docs) times.set(d.ref.path, `${d.updateTime.seconds}.${d.updateTime.nanoseconds}`);
  }
  return times;
}

/** Documents written by an import between two `updateTimes` (changed, new or deleted), plus its history and consent entries. */
export async function writtenBetween(chainId, importId, before, after) {
  const parts = { customers: 0, searchRows: 0, lookupKeys: 0 };
  const kind = (path) => (path.includes('/customers/') ? 'customers' : path.includes('/customerIndex/') ? 'searchRows' : 'lookupKeys');
  for (const [path, t] of after) if (before.get(path) !== t) parts[kind(path)]++;
  for (const path of before.keys()) if (!after.has(path)) parts[kind(path)]++;
  parts.history = await count(db.collectionGroup('history').where('importId', '==', importId));
  parts.consentLog = await count(db.collectionGroup('consentLog').where('importId', '==', importId));
  return { total: Object.values(parts).reduce((a, b) => a + b, 0), parts };
}
