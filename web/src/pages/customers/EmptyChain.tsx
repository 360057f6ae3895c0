// A chain without customers: the customer list shows the next steps instead of "no customer matches".
import type { CustomerQueryInput } from '@model/search';
import { t } from '../../i18n';

export const isEmptyQuery = (q: CustomerQueryInput) => Object.entries(q).every(([k, v]) => (k === 'text' ? !String(v ?? '').trim() : v === undefined));

/** A chain without customers: the next steps, not "no customer matches". */
export function EmptyChain({ manager }: { manager: boolean }) {
  return (
    <div class="empty-state" data-empty-chain>
      <p>{t('customers.emptyChain')}</p>
      <div class="actions">
        {manager && (
          <a class="button" href="#/import">
            {t('nav.import')}
          </a>
        )}
        <a class="button primary" href="#/customers/new">
          {t('customers.new')}
        </a>
        {manager && (
          <a class="button" href="#/cards">
            {t('nav.cards')}
          </a>
        )}
      </div>
    </div>
  );
}
