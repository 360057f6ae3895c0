// One customer as the member may see it: live from Firestore when they see contact details (their
// role, or the chain's `staffSeeContact`), else once from getCustomer, without them (`contactHidden`):
// firestore.rules refuse such staff the customer document itself.
import { useEffect, useState } from 'preact/hooks';
import type { ChainSettings, ChainSummary } from '@model/chain';
import type { CustomerView } from '@model/callables';
import { canSeeContact } from '@model/contact';
import type { CustomerDoc } from '@model/customer';
import { paths } from '@model/paths';
import { call } from '../api';
import { useDocData } from './docs';

/** Whether the signed-in member sees customers' contact details; `undefined` while loading. */
export function useSeesContact(chain: ChainSummary): boolean | undefined {
  const doc = useDocData<{ settings?: ChainSettings }>(paths.chain(chain.chainId));
  return doc === undefined ? undefined : canSeeContact(chain.role, doc?.settings?.staffSeeContact === true);
}

export function useCustomer(chain: ChainSummary, customerId: string): CustomerView | null | undefined {
  const sees = useSeesContact(chain);
  const live = useDocData<CustomerDoc>(sees ? paths.customer(chain.chainId, customerId) : null);
  const [fetched, setFetched] = useState<CustomerView | null | undefined>(undefined);
  useEffect(() => {
    if (sees !== false) return;
    setFetched(undefined);
    call('getCustomer', { chainId: chain.chainId, customerId }).then(
      (r) => setFetched(r.customer),
      () => setFetched(null),
    );
  }, [sees, chain.chainId, customerId]);
  return sees === undefined ? undefined : sees ? live : fetched;
}
