// A customer's visits on their page: count, first and last visit, and the latest visits (where, when, how found).
import type { ChainSummary } from '@model/chain';
import { lang, t } from '../../i18n';
import { tp } from '../../i18n/plural';
import { useLocations, useVisits } from '../../data';

interface Summary {
  visits?: number;
  firstVisitAt?: { toDate(): Date } | null;
  lastVisitAt?: { toDate(): Date } | null;
}

export function VisitHistory({ chain, customerId, customer }: { chain: ChainSummary; customerId: string; customer: Summary }) {
  const visits = useVisits(chain.chainId, customerId);
  const locations = useLocations(chain.chainId) ?? [];
  const date = (d: Date | null | undefined) => (d ? d.toLocaleString(lang.value, { dateStyle: 'medium', timeStyle: 'short' }) : '—');
  const name = (id: string) => locations.find((l) => l.id === id)?.name ?? id;
  return (
    <section class="card visit-history">
      <h2>{t('visits.history')}</h2>
      <p>{tp('visits.count', customer.visits ?? 0, { first: date(customer.firstVisitAt?.toDate()), last: date(customer.lastVisitAt?.toDate()) })}</p>
      {visits && visits.length === 0 && <p class="muted">{t('visits.none')}</p>}
      <ul>
        {(visits ?? []).map((v) => (
          <li>
            {date(v.at)} · {name(v.locationId)} · <span class="muted">{t(`visits.source.${v.source}` as 'visits.source.scan')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
