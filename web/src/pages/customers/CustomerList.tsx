import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChainSummary } from '@model/chain';
import { MAX_SEARCH_WORDS, type CustomerQueryInput, type SearchResult } from '@model/search';
import { call, CallError, errorText } from '../../api';
import { useChainSettings, useCustomerTypes } from '../../data';
import { formatPhone } from '@model/phone';
import { t } from '../../i18n';
import { customerQuery } from '../../state';
import { Banner, Field, TextField } from '../../ui/forms';
import { MANAGERS } from '@model/roles';
import { ExportDialog } from './ExportDialog';

const splitTags = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

interface FilterForm {
  customerTypeId: string; // '*' any, '' none, id
  createdFrom: string;
  createdTo: string;
  discount: string;
  salesTax: string;
  tagsAll: string;
  tagsNone: string;
}
const NO_FILTERS: FilterForm = { customerTypeId: '*', createdFrom: '', createdTo: '', discount: '', salesTax: '', tagsAll: '', tagsNone: '' };

function toQuery(text: string, f: FilterForm): CustomerQueryInput {
  const q: CustomerQueryInput = { text };
  if (f.customerTypeId !== '*') q.customerTypeId = f.customerTypeId;
  if (f.createdFrom) q.createdFrom = f.createdFrom;
  if (f.createdTo) q.createdTo = f.createdTo;
  const d = f.discount.trim().toLowerCase();
  if (d) q.discount = /^(none|aucune?|keiner?|-)$/.test(d) ? null : (Number(d.replace(',', '.')) as number);
  if (f.salesTax.trim()) q.salesTax = f.salesTax.trim();
  if (splitTags(f.tagsAll).length) q.tagsAll = splitTags(f.tagsAll);
  if (splitTags(f.tagsNone).length) q.tagsNone = splitTags(f.tagsNone);
  return q;
}

export function CustomerList({ chain }: { chain: ChainSummary }) {
  const types = useCustomerTypes(chain.chainId) ?? [];
  const { country } = useChainSettings(chain.chainId);
  const typeName = (id: string) => types.find((x) => x.id === id)?.name ?? '';
  const [text, setText] = useState(customerQuery.value.text ?? '');
  const [filters, setFilters] = useState<FilterForm>(NO_FILTERS);
  const [query, setQuery] = useState<CustomerQueryInput>(customerQuery.value);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const typing = useRef<number | undefined>(undefined);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    customerQuery.value = query;
    let cancelled = false;
    const page = cursors.length - 1;
    call<SearchResult>('searchCustomers', { chainId: chain.chainId, query, pageSize: 25, cursor: cursors[page], withTotal: page === 0 })
      .then((r) => {
        if (cancelled) return;
        setResult(r);
        if (r.total !== null) setTotal(r.total);
        setErrors({});
        setBanner(null);
      })
      .catch((err) => {
        if (cancelled) return;
        if (err instanceof CallError) setErrors(Object.fromEntries(Object.entries(err.byField()).map(([k, v]) => [k.replace(/^query\./, ''), v])));
        setBanner(errorText(err));
      });
    return () => {
      cancelled = true;
    };
  }, [chain.chainId, JSON.stringify(query), cursors]);

  // The latest filters, for a search that fires after typing stops (not the ones of the keystroke).
  const latestFilters = useRef(filters);
  latestFilters.current = filters;

  function run(nextText: string, nextFilters: FilterForm) {
    window.clearTimeout(typing.current);
    setQuery(toQuery(nextText, nextFilters));
    setCursors([null]);
  }

  function onType(value: string) {
    setText(value);
    window.clearTimeout(typing.current);
    typing.current = window.setTimeout(() => run(value, latestFilters.current), 250);
  }

  const set = (key: keyof FilterForm) => (value: string) => setFilters({ ...filters, [key]: value });

  return (
    <section class="card">
      <div class="row-between">
        <h1>{t('customers.title')}</h1>
        <div class="actions">
          {MANAGERS.includes(chain.role) && <button onClick={() => setExporting(true)}>{t('export.open')}</button>}
          <a class="button primary" href="#/customers/new">
            {t('customers.new')}
          </a>
        </div>
      </div>
      {exporting && <ExportDialog chain={chain} query={query} total={total} onClose={() => setExporting(false)} />}
      <form role="search" onSubmit={(e) => (e.preventDefault(), run(text, filters))}>
        <TextField label={t('customers.search')} type="search" value={text} onValue={onType} hint={t('customers.searchHint')} autoFocus />
      </form>
      <details class="filters" open={Object.keys(errors).length > 0}>
        <summary>{t('customers.filters')}</summary>
        <form class="filter-grid" onSubmit={(e) => (e.preventDefault(), run(text, filters))} aria-label={t('customers.filters')}>
          <Field label={t('customers.filter.type')} error={errors.customerTypeId}>
            {(id) => (
              <select id={id} value={filters.customerTypeId} onChange={(e) => set('customerTypeId')(e.currentTarget.value)}>
                <option value="*">{t('customers.filter.anyType')}</option>
                <option value="">{t('customers.filter.noType')}</option>
                {types.map((ty) => (
                  <option value={ty.id}>{ty.name}</option>
                ))}
              </select>
            )}
          </Field>
          <TextField
            label={t('customers.filter.createdFrom')}
            type="date"
            value={filters.createdFrom}
            onValue={set('createdFrom')}
            error={errors.createdFrom}
          />
          <TextField label={t('customers.filter.createdTo')} type="date" value={filters.createdTo} onValue={set('createdTo')} error={errors.createdTo} />
          <TextField
            label={t('customers.filter.discount')}
            value={filters.discount}
            onValue={set('discount')}
            hint={t('customers.filter.discountHint')}
            error={errors.discount}
          />
          <TextField label={t('customers.filter.salesTax')} value={filters.salesTax} onValue={set('salesTax')} error={errors.salesTax} />
          <TextField
            label={t('customers.filter.tagsAll')}
            value={filters.tagsAll}
            onValue={set('tagsAll')}
            hint={t('customers.filter.tagsHint')}
            error={errors.tagsAll}
          />
          <TextField
            label={t('customers.filter.tagsNone')}
            value={filters.tagsNone}
            onValue={set('tagsNone')}
            hint={t('customers.filter.tagsHint')}
            error={errors.tagsNone}
          />
          <div class="actions">
            <button type="submit" class="primary">
              {t('customers.filter.apply')}
            </button>
            <button type="button" onClick={() => (setFilters(NO_FILTERS), run(text, NO_FILTERS))}>
              {t('customers.filter.clear')}
            </button>
          </div>
        </form>
      </details>
      {banner && <Banner kind="error">{banner}</Banner>}
      {total !== null && (
        <p class="count" aria-live="polite">
          {total === 1 ? t('customers.countOne') : t('customers.count', { count: total })}
        </p>
      )}
      {result && result.ignoredWords.length > 0 && (
        <p class="muted" role="status" data-ignored-words>
          {t('customers.ignoredWords', { max: MAX_SEARCH_WORDS, words: result.ignoredWords.join(' ') })}
        </p>
      )}
      {result && result.rows.length === 0 && <p class="muted">{t('customers.none')}</p>}
      {result && result.rows.length > 0 && (
        <table class="table" aria-label={t('customers.title')}>
          <thead>
            <tr>
              <th>{t('customers.col.name')}</th>
              <th>{t('customers.col.company')}</th>
              <th>{t('customers.col.contact')}</th>
              <th>{t('customers.col.type')}</th>
              <th>{t('customers.col.tags')}</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((r) => (
              <tr key={r.customerId} data-customer={r.customerId}>
                <td>
                  <a href={`#/customers/${r.customerId}`}>
                    {r.lastName}, {r.firstName}
                  </a>
                </td>
                <td>{r.company}</td>
                <td>
                  {r.email}
                  {r.email && r.phone && <br />}
                  {formatPhone(r.phone, country)}
                </td>
                <td>{typeName(r.customerTypeId)}</td>
                <td>
                  {r.tags.map((tag) => (
                    <span class="tag">{tag}</span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="pager">
        <button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t('customers.prev')}
        </button>
        <button disabled={!result?.nextCursor} onClick={() => result?.nextCursor && setCursors([...cursors, result.nextCursor])}>
          {t('customers.next')}
        </button>
      </div>
    </section>
  );
}
