// The point of sale's panels after a lookup: a bound card's customer (their type's terms, tags and
// the check-in), and a new card given to a customer found by name (GiveCard).
// Its own script chunk (loaded by PointOfSale after first paint): it reads customer types and the
// till's location through Firestore, which the code form does not need (bench/web-weight.mjs).
import { useEffect, useState } from 'preact/hooks';
import { formatCode } from '@model/card';
import type { ChainSummary } from '@model/chain';
import { effectiveTerms } from '@model/customerType';
import { formatPhone } from '@model/phone';
import type { CustomerRow } from '@model/search';
import type { CheckInResult } from '@model/visits';
import { call, errorText } from '../../api';
import { useChainSettings, useCustomerTypes } from '../../data';
import { t } from '../../i18n';
import { Banner, TextField } from '../../ui/forms';
import { CheckIn } from '../visits/CheckIn';

/** `checkIn`: the visit the server recorded with the lookup (a scan in a chain that checks in on scan), or null. */
export function PosCustomer({
  chain,
  code,
  customer,
  scanned,
  checkIn,
}: {
  chain: ChainSummary;
  code: string;
  customer: CustomerRow;
  scanned: boolean;
  checkIn: CheckInResult | null;
}) {
  const { country } = useChainSettings(chain.chainId);
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
        {customer.email} {formatPhone(customer.phone, country)}
      </p>
      <p>
        {type?.name} {terms?.discount !== null && terms?.discount !== undefined && t('pos.discount', { discount: `${terms.discount} %` })}
      </p>
      <p>
        {customer.tags.map((tag) => (
          <span class="tag">{tag}</span>
        ))}
      </p>
      <CheckIn chain={chain} customerId={customer.customerId} source={scanned ? 'scan' : 'code'} initial={checkIn} />
      <a class="button" href={`#/customers/${customer.customerId}`}>
        {t('pos.openCustomer')}
      </a>
    </div>
  );
}

export function GiveCard({ chain, code, onDone }: { chain: ChainSummary; code: string; onDone: () => void }) {
  const { country } = useChainSettings(chain.chainId);
  const [text, setText] = useState('');
  const [rows, setRows] = useState<CustomerRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (text.trim().length < 2) return setRows([]);
    const timer = setTimeout(() => {
      call('searchCustomers', { chainId: chain.chainId, query: { text }, pageSize: 8, withTotal: false })
        .then((r) => setRows(r.rows))
        .catch((err) => setError(errorText(err)));
    }, 250);
    return () => clearTimeout(timer);
  }, [text]);
  async function give(customerId: string) {
    try {
      await call('bindCard', { chainId: chain.chainId, code, customerId });
      onDone();
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <div class="give-card">
      <p>{t('pos.unbound')}</p>
      {error && <Banner kind="error">{error}</Banner>}
      <TextField label={t('pos.findCustomer')} type="search" value={text} onValue={setText} />
      <ul class="pick-list">
        {rows.map((r) => (
          <li>
            <span>
              {r.firstName} {r.lastName} <small class="muted">{r.email || formatPhone(r.phone, country)}</small>
            </span>
            <button class="primary" onClick={() => void give(r.customerId)}>
              {t('pos.give')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
