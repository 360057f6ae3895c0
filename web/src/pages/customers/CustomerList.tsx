// The customer list: search, filters (CustomerFilters, incl. visit segments), paging with ranges, and
// for owners and managers a selection kept across pages, given cards from a batch (BulkAssign).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChainSummary } from '@model/chain';
import { MAX_SEARCH_WORDS, sortServes, type CustomerQueryInput, type SearchResult } from '@model/search';
import { call, CallError, errorText, fieldName } from '../../api';
import { useChainSettings, useCustomerTypes } from '../../data';
import { formatPhone } from '@model/phone';
import { lang, t } from '../../i18n';
import { scrollToTop } from '../../router';
import { notify } from '../../ui/feedback';
import { customerQuery, customerSort } from '../../state';
import { SortSelect } from './SortSelect';
import { Banner, TextField } from '../../ui/forms';
import { MANAGERS } from '@model/roles';
import { ExportDialog } from './ExportDialog';
import { BulkAssign, SelectCustomer, SelectPage } from './BulkAssign';
import { EmptyChain, isEmptyQuery } from './EmptyChain';
import { CustomerFilters, NO_FILTERS, problemsOf, toQuery, type FilterForm } from './CustomerFilters';

const PAGE_SIZE = 25;

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
  const [selected, setSelected] = useState<Map<string, string>>(new Map());
  // Selecting customers serves giving them cards, which staff may not do.
  const selecting = MANAGERS.includes(chain.role);
  const boxes = { selected, onSelected: setSelected };
  // The chosen order when the search can use it, else by name (SortSelect says so).
  const sort = sortServes(customerSort.value, query) ? customerSort.value : 'name';

  useEffect(() => {
    customerQuery.value = query;
    let cancelled = false;
    const page = cursors.length - 1;
    call('searchCustomers', { chainId: chain.chainId, query, pageSize: PAGE_SIZE, cursor: cursors[page], withTotal: page === 0, sort })
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
        // No old results under the error: they are not what was asked for.
        setResult(null);
        setTotal(null);
        setBanner(errorText(err));
        notify('error', errorText(err));
      });
    return () => {
      cancelled = true;
    };
  }, [chain.chainId, JSON.stringify(query), cursors, sort]);

  // The latest filters, for a search that fires after typing stops (not the ones of the keystroke).
  const latestFilters = useRef(filters);
  latestFilters.current = filters;

  /** Checks the filters in the form first: a refused filter never reaches the server. */
  function run(nextText: string, nextFilters: FilterForm) {
    window.clearTimeout(typing.current);
    const next = toQuery(nextText, nextFilters);
    const problems = problemsOf(next);
    setErrors(problems);
    if (Object.keys(problems).length) {
      setResult(null);
      setTotal(null);
      setBanner(null);
      const names = Object.keys(problems).map((path) => fieldName(`query.${path}`));
      notify('error', t('ui.invalidForm', { fields: names.join(', ') }));
      requestAnimationFrame(() => document.querySelector<HTMLElement>('.filters [aria-invalid="true"]')?.focus());
      return;
    }
    setQuery(next);
    setCursors([null]);
  }

  const goTo = (next: (string | null)[]) => {
    setCursors(next);
    scrollToTop();
  };
  const pageIndex = cursors.length - 1;
  const from = pageIndex * PAGE_SIZE + 1;
  const to = pageIndex * PAGE_SIZE + (result?.rows.length ?? 0);
  const number = (n: number) => new Intl.NumberFormat(lang.value).format(n);

  function onType(value: string) {
    setText(value);
    window.clearTimeout(typing.current);
    typing.current = window.setTimeout(() => run(value, latestFilters.current), 250);
  }

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
      <CustomerFilters
        chain={chain}
        types={types}
        filters={filters}
        errors={errors}
        onFilters={setFilters}
        onApply={() => run(text, filters)}
        onClear={() => (setFilters(NO_FILTERS), run(text, NO_FILTERS))}
      />
      {banner && <Banner kind="error">{banner}</Banner>}
      <SortSelect sort={customerSort.value} query={query} onSort={(next) => ((customerSort.value = next), goTo([null]))} />
      {selecting && <BulkAssign chain={chain} {...boxes} />}
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
      {result &&
        result.rows.length === 0 &&
        (isEmptyQuery(query) && cursors.length === 1 ? <EmptyChain manager={MANAGERS.includes(chain.role)} /> : <p class="muted">{t('customers.none')}</p>)}
      {result && result.rows.length > 0 && (
        <ul class="customer-cards" aria-label={t('customers.title')}>
          {result.rows.map((r) => (
            <li key={r.customerId} data-customer-card={r.customerId}>
              {selecting && <SelectCustomer row={r} {...boxes} />}
              <a href={`#/customers/${r.customerId}`}>
                {r.lastName}, {r.firstName}
              </a>
              {r.company && <div>{r.company}</div>}
              <div class="meta">{[r.email, formatPhone(r.phone, country)].filter(Boolean).join(' · ')}</div>
              {(r.customerTypeId || r.tags.length > 0) && (
                <div class="meta">
                  {typeName(r.customerTypeId)}{' '}
                  {r.tags.map((tag) => (
                    <span class="tag">{tag}</span>
                  ))}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {result && result.rows.length > 0 && (
        <table class="table customer-table" aria-label={t('customers.title')}>
          <thead>
            <tr>
              {selecting && (
                <th>
                  <SelectPage rows={result.rows} {...boxes} />
                </th>
              )}
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
                {selecting && (
                  <td>
                    <SelectCustomer row={r} {...boxes} />
                  </td>
                )}
                <td class="name">
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
      <nav class="pager" aria-label={t('list.pages')}>
        <button disabled={cursors.length <= 1} onClick={() => goTo(cursors.slice(0, -1))}>
          {t('customers.prev')}
        </button>
        {result && result.rows.length > 0 && (
          <span data-range>
            {total !== null
              ? t('list.range', { from: number(from), to: number(to), total: number(total) })
              : t('list.rangeOpen', { from: number(from), to: number(to) })}
          </span>
        )}
        <button disabled={!result?.nextCursor} onClick={() => result?.nextCursor && goTo([...cursors, result.nextCursor])}>
          {t('customers.next')}
        </button>
      </nav>
    </section>
  );
}
