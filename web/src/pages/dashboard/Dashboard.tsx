// The dashboard on Home (owners and managers): check-ins per day and location over the last 90 days,
// new customers per week, segment sizes, cards given and card emails failed (getDashboard, from
// counters the check-ins write). Each chart's numbers are also a table, for screen readers.
import { useEffect, useState } from 'preact/hooks';
import type { ChainSummary } from '@model/chain';
import { SEGMENTS, type Dashboard as Data } from '@model/visits';
import { call, errorText } from '../../api';
import { lang, t, type MessageKey } from '../../i18n';
import { Banner } from '../../ui/forms';
import { Chart } from './Chart';

export function Dashboard({ chain }: { chain: ChainSummary }) {
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('getDashboard', { chainId: chain.chainId })
      .then(setData)
      .catch((err) => setError(errorText(err)));
  }, [chain.chainId]);
  if (error) return <Banner kind="error">{error}</Banner>;
  if (!data) return <p class="loading">{t('common.loading')}</p>;
  const fmt = (n: number) => n.toLocaleString(lang.value);
  const day = (d: string) => new Date(`${d}T00:00:00Z`).toLocaleDateString(lang.value, { timeZone: 'UTC', day: 'numeric', month: 'short' });
  const total = data.days.reduce((n, d) => n + d.checkIns, 0);
  const active = data.days.filter((d) => d.checkIns !== 0);
  return (
    <section class="card dashboard" aria-label={t('dashboard.title')}>
      <h2>{t('dashboard.title')}</h2>
      <dl class="tiles">
        {SEGMENTS.map((s) => (
          <div class="tile" data-segment={s}>
            <dt>{t(`visits.segment.${s}` as MessageKey)}</dt>
            <dd>
              <a href="#/customers">{fmt(data.segments[s])}</a>
            </dd>
          </div>
        ))}
        <div class="tile">
          <dt>{t('dashboard.cardsBound')}</dt>
          <dd data-cards-bound>{fmt(data.cardsBound)}</dd>
        </div>
        <div class="tile">
          <dt>{t('dashboard.emailFailures')}</dt>
          <dd data-email-failures>{fmt(data.emailFailures)}</dd>
        </div>
        <div class="tile">
          <dt>{t('dashboard.checkIns')}</dt>
          <dd data-check-ins-total>{fmt(total)}</dd>
        </div>
      </dl>
      <Chart
        title={t('dashboard.checkIns')}
        x={data.days.map((d) => d.day)}
        series={data.locations.map((l) => ({ label: l.name, values: data.days.map((d) => d.byLocation[l.id] ?? 0) }))}
        table={
          <table class="table" data-table="check-ins">
            <caption>{t('dashboard.checkIns')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.day')}</th>
                {data.locations.map((l) => (
                  <th scope="col">{l.name}</th>
                ))}
                <th scope="col">{t('dashboard.total')}</th>
              </tr>
            </thead>
            <tbody>
              {active.map((d) => (
                <tr data-day={d.day}>
                  <th scope="row">{day(d.day)}</th>
                  {data.locations.map((l) => (
                    <td>{fmt(d.byLocation[l.id] ?? 0)}</td>
                  ))}
                  <td>{fmt(d.checkIns)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <Chart
        title={t('dashboard.newCustomers')}
        bars
        x={data.weeks.map((w) => w.week)}
        series={[{ label: t('dashboard.newCustomers'), values: data.weeks.map((w) => w.newCustomers) }]}
        table={
          <table class="table" data-table="new-customers">
            <caption>{t('dashboard.newCustomers')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.week')}</th>
                <th scope="col">{t('dashboard.total')}</th>
              </tr>
            </thead>
            <tbody>
              {data.weeks.map((w) => (
                <tr>
                  <th scope="row">{day(w.week)}</th>
                  <td>{fmt(w.newCustomers)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </section>
  );
}
