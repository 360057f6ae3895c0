// The audit log for owners and managers: who did what, when (imports, exports, merges, erasures,
// role changes…), filtered by kind of action, a page at a time. Entries hold ids, never personal
// data (common/audit.ts): people are named from the team list.
import { useEffect, useState } from 'preact/hooks';
import type { ChainSummary } from '@model/chain';
import { readAuditPage, useMembers, type AuditPage } from '../../data';
import { errorText } from '../../api';
import { lang, t, type MessageKey } from '../../i18n';
import { scrollToTop } from '../../router';
import { notify } from '../../ui/feedback';

/** The actions the filter offers, with their labels. */
const ACTIONS = [
  'import.done',
  'import.checked',
  'import.failed',
  'customers.export',
  'customer.dataExport',
  'customer.merge',
  'customer.unmerge',
  'customer.erase',
  'member.add',
  'member.role',
  'member.remove',
  'cardBatch.create',
  'cardBatch.export',
  'card.bind',
  'card.revoke',
  'location.create',
  'location.update',
] as const;

const actionLabel = (action: string) => {
  const key = `audit.action.${action}` as MessageKey;
  return (ACTIONS as readonly string[]).includes(action) ? t(key) : action;
};

export function AuditLog({ chain }: { chain: ChainSummary }) {
  const members = useMembers(chain.chainId) ?? [];
  const [action, setAction] = useState('');
  // The start of each page seen so far: Previous goes back one.
  const [starts, setStarts] = useState<(AuditPage['next'] | null)[]>([null]);
  const [page, setPage] = useState<AuditPage | null>(null);

  useEffect(() => {
    let cancelled = false;
    setPage(null);
    readAuditPage(chain.chainId, action || null, starts[starts.length - 1] ?? null).then(
      (p) => !cancelled && setPage(p),
      (err) => !cancelled && (setPage({ rows: [], next: null }), notify('error', errorText(err))),
    );
    return () => {
      cancelled = true;
    };
  }, [chain.chainId, action, starts]);

  const who = (uid: string) => members.find((m) => m.uid === uid)?.displayName || members.find((m) => m.uid === uid)?.email || t('audit.formerMember');
  const when = (d: Date | null) => (d ? d.toLocaleString(lang.value) : '');
  const go = (next: typeof starts) => (setStarts(next), scrollToTop());

  return (
    <section class="card">
      <h1>{t('audit.title')}</h1>
      <label class="field">
        <span>{t('audit.filter')}</span>
        <select value={action} onChange={(e) => (setAction(e.currentTarget.value), setStarts([null]))}>
          <option value="">{t('audit.all')}</option>
          {ACTIONS.map((a) => (
            <option value={a}>{actionLabel(a)}</option>
          ))}
        </select>
      </label>
      {!page ? (
        <p>{t('common.loading')}</p>
      ) : page.rows.length === 0 ? (
        <p class="muted">{t('audit.none')}</p>
      ) : (
        <table class="table" aria-label={t('audit.title')}>
          <thead>
            <tr>
              <th scope="col">{t('audit.col.when')}</th>
              <th scope="col">{t('audit.col.who')}</th>
              <th scope="col">{t('audit.col.what')}</th>
              <th scope="col">{t('audit.col.details')}</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((r) => (
              <tr data-audit={r.action}>
                <td>{when(r.at)}</td>
                <td>{who(r.actorUid)}</td>
                <td>{actionLabel(r.action)}</td>
                <td class="muted">
                  {r.target?.kind === 'member' ? who(r.target.id) : ''}
                  {r.details && typeof r.details.rows === 'number' ? ` ${new Intl.NumberFormat(lang.value).format(r.details.rows)}` : ''}
                  {r.details && typeof r.details.role === 'string' ? ` → ${t(`role.${r.details.role}` as MessageKey)}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav class="pager" aria-label={t('list.pages')}>
        <button disabled={starts.length <= 1} onClick={() => go(starts.slice(0, -1))}>
          {t('customers.prev')}
        </button>
        <button disabled={!page?.next} onClick={() => page?.next && go([...starts, page.next])}>
          {t('customers.next')}
        </button>
      </nav>
    </section>
  );
}
