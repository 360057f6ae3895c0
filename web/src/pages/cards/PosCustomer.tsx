// The point of sale's bound-card panel: the customer, their type's terms, tags and the check-in.
// Its own script chunk (loaded by PointOfSale after first paint): it reads customer types and the
// till's location through Firestore, which the code form does not need (bench/web-weight.mjs).
import { formatCode } from '@model/card';
import type { ChainSummary } from '@model/chain';
import { effectiveTerms } from '@model/customerType';
import type { CustomerRow } from '@model/search';
import { useCustomerTypes } from '../../data';
import { t } from '../../i18n';
import { CheckIn } from '../visits/CheckIn';

export function PosCustomer({ chain, code, customer, scanned }: { chain: ChainSummary; code: string; customer: CustomerRow; scanned: boolean }) {
  const types = useCustomerTypes(chain.chainId) ?? [];
  const type = types.find((x) => x.id === customer.customerTypeId);
  const terms = effectiveTerms(customer, type);
  return (
    <div class="pos-customer">
      <p class="muted">
        {t('pos.customer')} <code>{formatCode(code)}</code>
      </p>
      <h2>
        {customer.firstName} {customer.lastName}
      </h2>
      <p>
        {customer.email} {customer.phone}
      </p>
      <p>
        {type?.name} {terms?.discount !== null && terms?.discount !== undefined && t('pos.discount', { discount: `${terms.discount} %` })}
      </p>
      <p>
        {customer.tags.map((tag) => (
          <span class="tag">{tag}</span>
        ))}
      </p>
      <CheckIn chain={chain} customerId={customer.customerId} source={scanned ? 'scan' : 'code'} auto={scanned} />
      <a class="button" href={`#/customers/${customer.customerId}`}>
        {t('pos.openCustomer')}
      </a>
    </div>
  );
}
