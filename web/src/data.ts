// Live reads of chain data through the Firestore SDK (allowed by firestore.rules).
import { collection, doc, onSnapshot, orderBy, query } from 'firebase/firestore';
import { useEffect, useState } from 'preact/hooks';
import { paths } from '@model/paths';
import type { CustomFieldDef, CustomerTypeDoc } from '@model/customerType';
import { db } from './firebase';

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

/** The chain's locations, live, sorted by name (sorted here: the query has no order, so needs no index). */
export function useLocations(chainId: string): WithId<{ name: string; address?: string }>[] | undefined {
  const [locations, setLocations] = useState<WithId<{ name: string; address?: string }>[] | undefined>(undefined);
  useEffect(
    () =>
      onSnapshot(
        collection(db, paths.locations(chainId)),
        (snap) => setLocations(snap.docs.map((d) => ({ id: d.id, ...(d.data() as { name: string }) })).sort((a, b) => a.name.localeCompare(b.name))),
        () => setLocations([]),
      ),
    [chainId],
  );
  return locations;
}
