// The customer list's filters (type, creation dates, discount, sales tax, tags, visit segments):
// the form, and the query it makes, checked with the server's own schema before it is sent.
import type { ChainSummary } from '@model/chain';
import { CustomerQuery, type CustomerQueryInput } from '@model/search';
import { validate, type FieldProblem } from '@model/issues';
import type { Segment } from '@model/visits';
import { lang, problemText, t } from '../../i18n';
import { Field, TextField } from '../../ui/forms';
import { SegmentFilters } from '../visits/SegmentFilters';

const splitTags = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export interface FilterForm {
  customerTypeId: string; // '*' any, '' none, id
  createdFrom: string;
  createdTo: string;
  discount: string;
  salesTax: string;
  tagsAll: string;
  tagsNone: string;
  segment: string;
  visitedLocationId: string;
}
export const NO_FILTERS: FilterForm = {
  customerTypeId: '*',
  createdFrom: '',
  createdTo: '',
  discount: '',
  salesTax: '',
  tagsAll: '',
  tagsNone: '',
  segment: '',
  visitedLocationId: '',
};

/** The filters' problems by field (in the UI language), checked with the server's own schema. */
export function problemsOf(q: CustomerQueryInput): Record<string, string> {
  const checked = validate(CustomerQuery, q, lang.value);
  if (checked.ok) return {};
  return Object.fromEntries(checked.problems.map((p: FieldProblem) => [p.path, problemText(p)]));
}

export function toQuery(text: string, f: FilterForm): CustomerQueryInput {
  const q: CustomerQueryInput = { text };
  if (f.customerTypeId !== '*') q.customerTypeId = f.customerTypeId;
  if (f.createdFrom) q.createdFrom = f.createdFrom;
  if (f.createdTo) q.createdTo = f.createdTo;
  const d = f.discount.trim().toLowerCase();
  if (d) q.discount = /^(none|aucune?|keiner?|-)$/.test(d) ? null : (Number(d.replace(',', '.')) as number);
  if (f.salesTax.trim()) q.salesTax = f.salesTax.trim();
  if (splitTags(f.tagsAll).length) q.tagsAll = splitTags(f.tagsAll);
  if (splitTags(f.tagsNone).length) q.tagsNone = splitTags(f.tagsNone);
  if (f.segment) q.segment = f.segment as Segment;
  if (f.visitedLocationId) q.visitedLocationId = f.visitedLocationId;
  return q;
}

interface FilterProps {
  chain: ChainSummary;
  types: { id: string; name: string }[];
  filters: FilterForm;
  /** The filters' problems by field (from problemsOf, or the server's refusal). */
  errors: Record<string, string>;
  onFilters: (filters: FilterForm) => void;
  onApply: () => void;
  onClear: () => void;
}

/** The filters, folded away unless one of them is refused. */
export function CustomerFilters({ chain, types, filters, errors, onFilters, onApply, onClear }: FilterProps) {
  const set = (key: keyof FilterForm) => (value: string) => onFilters({ ...filters, [key]: value });
  return (
    <details class="filters" open={Object.keys(errors).length > 0}>
      <summary>{t('customers.filters')}</summary>
      <form class="filter-grid" onSubmit={(e) => (e.preventDefault(), onApply())} aria-label={t('customers.filters')}>
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
        <TextField label={t('customers.filter.createdFrom')} type="date" value={filters.createdFrom} onValue={set('createdFrom')} error={errors.createdFrom} />
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
        <SegmentFilters
          chain={chain}
          segment={filters.segment}
          visitedLocationId={filters.visitedLocationId}
          onSegment={set('segment')}
          onLocation={set('visitedLocationId')}
          errors={errors}
        />
        <div class="actions">
          <button type="submit" class="primary">
            {t('customers.filter.apply')}
          </button>
          <button type="button" onClick={() => onClear()}>
            {t('customers.filter.clear')}
          </button>
        </div>
      </form>
    </details>
  );
}
