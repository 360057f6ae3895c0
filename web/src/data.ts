// Live reads of chain data through the Firestore SDK (allowed by firestore.rules).
import { collection, doc, onSnapshot, orderBy, query } from 'firebase/firestore';
import { useEffect, useState } from 'preact/hooks';
import { paths } from '@model/paths';
import type { CustomFieldDef, CustomerTypeDoc } from '@model/customerType';
import type { ChainSettings, ChainSummary } from '@model/chain';
import { canSeeContact } from '@model/contact';
import type { CustomerDoc } from '@model/customer';
import { call } from './api';
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

/** Whether the signed-in member sees customers' contact details (their role, the chain's setting); `undefined` while loading. */
export function useSeesContact(chain: ChainSummary): boolean | undefined {
  const doc = useDocData<{ settings?: ChainSettings }>(paths.chain(chain.chainId));
  return doc === undefined ? undefined : canSeeContact(chain.role, doc?.settings?.staffSeeContact === true);
}

/** A customer as the member may see it: live from Firestore when they see contact details, else from `getCustomer` (without them, `contactHidden`). */
export type CustomerView = CustomerDoc & { contactHidden?: true };

export function useCustomer(chain: ChainSummary, customerId: string): CustomerView | null | undefined {
  const sees = useSeesContact(chain);
  const live = useDocData<CustomerDoc>(sees ? paths.customer(chain.chainId, customerId) : null);
  const [fetched, setFetched] = useState<CustomerView | null | undefined>(undefined);
  useEffect(() => {
    if (sees !== false) return;
    setFetched(undefined);
    call<{ customer: CustomerView }>('getCustomer', { chainId: chain.chainId, customerId }).then(
      (r) => setFetched(r.customer),
      () => setFetched(null),
    );
  }, [sees, chain.chainId, customerId]);
  return sees === undefined ? undefined : sees ? live : fetched;
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
