// Live reads of chain data through the Firestore SDK (allowed by firestore.rules). Every query and
// listener of the web client lives in web/src/data/: pages call these hooks and never import
// firebase/firestore (eslint.config.js); each file's queries are declared in web/src/queryShapes.ts.
import { collection, doc, getDoc, onSnapshot, orderBy, query, type Query } from 'firebase/firestore';
import { useEffect, useState } from 'preact/hooks';
import { paths } from '@model/paths';
import type { CustomFieldDef, CustomerTypeDoc } from '@model/customerType';
import { db } from '../firebase';

export type WithId<T> = T & { id: string };

/** A document's data, live; `null` when it does not exist, `undefined` while loading. */
export function useDocData<T>(path: string | null): T | null | undefined {
  const [data, setData] = useState<T | null | undefined>(undefined);
  useEffect(() => {
    if (!path) return;
    setData(undefined);
    return onSnapshot(
      doc(db, path),
      (snap) => setData(snap.exists() ? (snap.data() as T) : null),
      () => setData(null),
    );
  }, [path]);
  return data;
}

export function useCustomerTypes(chainId: string): WithId<CustomerTypeDoc>[] | undefined {
  const [types, setTypes] = useState<WithId<CustomerTypeDoc>[] | undefined>(undefined);
  useEffect(
    () =>
      onSnapshot(
        query(collection(db, paths.customerTypes(chainId)), orderBy('name')),
        (snap) => setTypes(snap.docs.map((d) => ({ id: d.id, ...(d.data() as CustomerTypeDoc) }))),
        () => setTypes([]),
      ),
    [chainId],
  );
  return types;
}

export function useCustomFields(chainId: string): CustomFieldDef[] {
  const chain = useDocData<{ customFields?: CustomFieldDef[] }>(paths.chain(chainId));
  return chain?.customFields ?? [];
}

/** A document's data read once; `null` when it does not exist. */
export async function readDoc<T>(path: string): Promise<T | null> {
  const snap = await getDoc(doc(db, path));
  return snap.exists() ? (snap.data() as T) : null;
}

/**
 * A live query's documents with their ids (`undefined` while loading, `[]` on a refused read). The
 * query is built by the caller, literally, so web/src/queryShapes.ts can declare its shape.
 */
export function useQuery<T>(make: () => Query | null, deps: unknown[]): WithId<T>[] | undefined {
  const [items, setItems] = useState<WithId<T>[] | undefined>(undefined);
  useEffect(() => {
    const q = make();
    if (!q) return;
    setItems(undefined);
    return onSnapshot(
      q,
      (snap) => setItems(snap.docs.map((d) => ({ id: d.id, ...(d.data() as T) }))),
      () => setItems([]),
    );
  }, deps);
  return items;
}

/** A Firestore timestamp read by the client SDK, as a Date (null for anything else). */
export function asDate(value: unknown): Date | null {
  return value && typeof (value as { toDate?: unknown }).toDate === 'function' ? (value as { toDate(): Date }).toDate() : null;
}

/** The chain's country and language (chains/{chainId}.settings); country null while loading or unset. */
export function useChainSettings(chainId: string): { country: string | null; language: string | null } {
  const chain = useDocData<{ settings?: { country?: string; language?: string } }>(paths.chain(chainId));
  return { country: chain?.settings?.country ?? null, language: chain?.settings?.language ?? null };
}
