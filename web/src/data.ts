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

/** The chain's country and language (chains/{chainId}.settings); country null while loading or unset. */
export function useChainSettings(chainId: string): { country: string | null; language: string | null } {
  const chain = useDocData<{ settings?: { country?: string; language?: string } }>(paths.chain(chainId));
  return { country: chain?.settings?.country ?? null, language: chain?.settings?.language ?? null };
}
