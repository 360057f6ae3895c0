// Home's counts (customers, new this week, cards bound, card emails failed, last import), each a
// link to where it is worked on; on a chain without customers, the next steps instead.
import { useEffect, useState } from 'preact/hooks';
import type { ChainSummary } from '@model/chain';
import { MANAGERS } from '@model/roles';
import { homeCounts, useLatestImports, type HomeCounts as Counts } from '../../data';
import { lang, t } from '../../i18n';
import { EmptyChain } from '../customers/EmptyChain';
import { uploadName } from '../imports/ImportReport';

export function HomeCounts({ chain }: { chain: ChainSummary }) {
  const manager = MANAGERS.includes(chain.role);
  const [counts, setCounts] = useState<Counts | null | undefined>(undefined);
  const imports = useLatestImports(manager ? chain.chainId : null);
  useEffect(() => {
    setCounts(undefined);
    homeCounts(chain.chainId).then(setCounts, () => setCounts(null));
  }, [chain.chainId]);
  if (counts === undefined) return <p class="muted">{t('common.loading')}</p>;
  if (counts === null) return null;
  if (counts.customers === 0) return <EmptyChain manager={manager} />;
  const n = (v: number) => new Intl.NumberFormat(lang.value).format(v);
  const last = manager ? imports?.[0] : undefined;
  const tiles: { key: string; label: string; value: string; href: string }[] = [
    { key: 'customers', label: t('home.customers'), value: n(counts.customers), href: '#/customers' },
    { key: 'newThisWeek', label: t('home.newThisWeek'), value: n(counts.newThisWeek), href: '#/customers' },
    ...(manager
      ? [
          { key: 'cardsBound', label: t('home.cardsBound'), value: n(counts.cardsBound), href: '#/cards' },
          { key: 'emailsFailed', label: t('home.emailsFailed'), value: n(counts.emailsFailed), href: '#/cards' },
        ]
      : []),
  ];
  return (
    <section aria-label={t('home.counts')}>
      <ul class="home-counts">
        {tiles.map((x) => (
          <li data-count={x.key}>
            <a href={x.href}>
              <strong>{x.value}</strong> <span>{x.label}</span>
            </a>
          </li>
        ))}
        {last && (
          <li data-count="lastImport">
            <a href="#/import">
              <strong>{uploadName(last.file)}</strong> <span>{t('home.lastImport', { status: t(`import.status.${last.status}`) })}</span>
            </a>
          </li>
        )}
      </ul>
    </section>
  );
}
