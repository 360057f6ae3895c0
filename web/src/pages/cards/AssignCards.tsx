// Giving the next free cards of a batch to customers chosen here: a search (searchCustomers), a box
// per customer shown and one for all of them, then one assignCards call; the customers that got no
// card are listed with the reason, the others show their card at once.
import { useEffect, useState } from 'preact/hooks';
import type { ChainSummary } from '@model/chain';
import type { AssignCardsResult } from '@model/card';
import type { CustomerRow } from '@model/search';
import { call, errorText } from '../../api';
import { lang, t } from '../../i18n';
import { notify } from '../../ui/feedback';
import { TextField } from '../../ui/forms';
import { problemMessage } from '@model/issues';

const SHOWN = 25;

export function AssignCards({ chain, batchId, free }: { chain: ChainSummary; batchId: string; free: number | null }) {
  const [text, setText] = useState('');
  const [rows, setRows] = useState<CustomerRow[]>([]);
  const [selected, setSelected] = useState<Map<string, string>>(new Map());
  const [result, setResult] = useState<AssignCardsResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    const timer = window.setTimeout(() => {
      call('searchCustomers', { chainId: chain.chainId, query: { text }, pageSize: SHOWN, withTotal: false })
        .then((r) => !cancelled && setRows(r.rows))
        .catch((err) => !cancelled && notify('error', errorText(err)));
    }, 250);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [chain.chainId, text, version]);

  const name = (r: CustomerRow) => `${r.firstName} ${r.lastName}`.trim();
  const choosable = rows.filter((r) => !r.cardCount);
  const allShown = choosable.length > 0 && choosable.every((r) => selected.has(r.customerId));
  const toggle = (r: CustomerRow, on: boolean) => {
    const next = new Map(selected);
    if (on) next.set(r.customerId, name(r));
    else next.delete(r.customerId);
    setSelected(next);
  };

  async function assign(e: Event) {
    e.preventDefault();
    setBusy(true);
    try {
      const r = await call('assignCards', { chainId: chain.chainId, batchId, customerIds: [...selected.keys()] });
      setResult(r);
      notify(
        r.failed.length ? 'error' : 'ok',
        r.failed.length ? t('assign.failed', { count: r.failed.length }) : t('assign.done', { count: r.assigned.length }),
      );
      setSelected(new Map([...selected].filter(([id]) => r.failed.some((f) => f.customerId === id))));
      setVersion(version + 1);
    } catch (err) {
      notify('error', errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="assign-cards" aria-label={t('assign.title')} onSubmit={(e) => void assign(e)}>
      <h2>{t('assign.title')}</h2>
      {free !== null && <p class="muted">{t('assign.free', { count: free })}</p>}
      <TextField label={t('assign.search')} type="search" value={text} onValue={setText} />
      <div class="table-scroll" tabIndex={0} role="region" aria-label={t('field.customerIds')}>
        <table class="table" aria-label={t('field.customerIds')}>
          <thead>
            <tr>
              <th>
                <input
                  type="checkbox"
                  checked={allShown}
                  disabled={choosable.length === 0}
                  onChange={(e) => {
                    const next = new Map(selected);
                    const on = e.currentTarget.checked;
                    for (const r of choosable) {
                      if (on) next.set(r.customerId, name(r));
                      else next.delete(r.customerId);
                    }
                    setSelected(next);
                  }}
                  aria-label={t('assign.selectPage')}
                />
              </th>
              <th>{t('customers.col.name')}</th>
              <th>{t('cards.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr data-assign-customer={r.customerId}>
                <td>
                  <input
                    type="checkbox"
                    checked={selected.has(r.customerId)}
                    disabled={!!r.cardCount}
                    onChange={(e) => toggle(r, e.currentTarget.checked)}
                    aria-label={t('assign.select', { name: name(r) })}
                  />
                </td>
                <td>
                  <a href={`#/customers/${r.customerId}`}>{name(r)}</a>
                </td>
                <td>{r.cardCount ? t('assign.hasCard') : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="submit" class="primary" disabled={busy || selected.size === 0}>
        {t('assign.submit', { count: selected.size })}
      </button>
      {result && result.failed.length > 0 && (
        <div role="status" data-assign-failed>
          <p>{t('assign.failed', { count: result.failed.length })}</p>
          <ul>
            {result.failed.map((f) => (
              <li>
                {selected.get(f.customerId) ?? f.customerId}: {problemMessage(lang.value, f.key)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
