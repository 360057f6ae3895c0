// The customer list's order: by name A→Z with any search; Z→A and by creation date for the whole
// list (model/search.ts sortServes). An order the current search cannot use is offered disabled, and
// a chosen one that no longer applies says so while the list shows the name order.
import { sortServes, SORTS, type CustomerQueryInput, type Sort } from '@model/search';
import { t } from '../../i18n';
import { Field } from '../../ui/forms';

export function SortSelect({ sort, query, onSort }: { sort: Sort; query: CustomerQueryInput; onSort: (sort: Sort) => void }) {
  const applies = sortServes(sort, query);
  return (
    <div class="sort-select">
      <Field label={t('sort.label')} hint={applies ? undefined : t(sort === '-name' ? 'sort.wholeListOnlyNoDates' : 'sort.wholeListOnly')}>
        {(id) => (
          <select id={id} value={sort} data-sort onChange={(e) => onSort(e.currentTarget.value as Sort)}>
            {SORTS.map((s) => (
              <option value={s} disabled={s !== sort && !sortServes(s, query)}>
                {t(`sort.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
