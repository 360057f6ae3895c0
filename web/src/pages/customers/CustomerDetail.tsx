import { useEffect, useState } from 'preact/hooks';
import { paths } from '@model/paths';
import type { ChainSummary } from '@model/chain';
import { CONSENT_CHANNELS, type CustomerDoc } from '@model/customer';
import { effectiveTerms } from '@model/customerType';
import { fieldLabel } from '@model/fieldLabels';
import { MANAGERS } from '@model/roles';
import { call, errorText } from '../../api';
import { useChainSettings, useCustomerTypes, useCustomFields, useDocData } from '../../data';
import { PhoneRow } from './PhoneRow';
import { lang, t, type MessageKey } from '../../i18n';
import { navigate, route } from '../../router';
import { downloadFromStorage } from '../../download';
import { formatCode } from '@model/card';
import { Banner } from '../../ui/forms';

interface HistoryEntry {
  id: string;
  at: string | null;
  by: string;
  source: string;
  action: string;
  mergeId?: string;
  /** For a merge: not undone yet and within 30 days (the server says). */
  canUndo?: boolean;
  card?: string;
  keepId?: string;
  changes?: { field: string; before: unknown; after: unknown }[];
  consent?: { channel: string; granted: boolean }[];
}
interface ConsentEntry {
  id: string;
  at: string | null;
  by: string;
  source: string;
  channel: string;
  granted: boolean;
  locationId?: string | null;
}
interface HistoryResult {
  history: HistoryEntry[];
  consentLog: ConsentEntry[];
  /** uid -> member name, location id -> name (the server resolves them: staff cannot list members). */
  people?: Record<string, string>;
  places?: Record<string, string>;
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(lang.value) : '');
/** A Firestore timestamp of the client SDK, as an ISO string. */
const isoOf = (v: unknown) => (v && typeof (v as { toDate?: unknown }).toDate === 'function' ? (v as { toDate(): Date }).toDate().toISOString() : null);
const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? v.join(', ') : String(v));

export function CustomerDetail({ chain, customerId }: { chain: ChainSummary; customerId: string }) {
  const customer = useDocData<CustomerDoc>(paths.customer(chain.chainId, customerId));
  const types = useCustomerTypes(chain.chainId) ?? [];
  const customFields = useCustomFields(chain.chainId);
  const { country } = useChainSettings(chain.chainId);
  const [history, setHistory] = useState<HistoryResult | null>(null);
  const [banner, setBanner] = useState<{ kind: 'ok' | 'error'; text: string } | null>(
    route.value.includes('merged=1')
      ? { kind: 'ok', text: t('dup.merged') }
      : route.value.includes('phones=kept')
        ? { kind: 'ok', text: t('phone.savedWithWarnings') }
        : null,
  );
  const [dataFiles, setDataFiles] = useState<{ path: string; fileName: string }[] | null>(null);
  const isManager = MANAGERS.includes(chain.role);

  useEffect(() => {
    if (!customer) return;
    call<HistoryResult>('getCustomerHistory', { chainId: chain.chainId, customerId, limit: 50 })
      .then(setHistory)
      .catch((err) => setBanner({ kind: 'error', text: errorText(err) }));
  }, [chain.chainId, customerId, customer?.version]);

  if (customer === undefined) return <section class="card">{t('common.loading')}</section>;
  if (customer === null)
    return (
      <section class="card">
        <Banner kind="info">{t('detail.notFound')}</Banner>
      </section>
    );

  const type = types.find((x) => x.id === customer.customerTypeId);
  /** A member's name when the server gave it, else the uid (an import, a removed member). */
  const who = (uid: string | undefined) => (uid ? (history?.people?.[uid] ?? uid) : '—');
  const terms = effectiveTerms(customer, type);
  const row = (path: string, value: unknown) => (
    <>
      <dt>{fieldLabel(path, lang.value)}</dt>
      <dd data-field={path}>{show(value)}</dd>
    </>
  );

  async function erase() {
    if (!confirm(t('detail.eraseConfirm', { name: `${customer!.firstName} ${customer!.lastName}` }))) return;
    try {
      await call('deleteCustomer', { chainId: chain.chainId, customerId });
      navigate('/customers');
    } catch (err) {
      setBanner({ kind: 'error', text: errorText(err) });
    }
  }

  async function undoMerge(mergeId: string) {
    try {
      await call('unmergeCustomers', { chainId: chain.chainId, mergeId });
      setBanner({ kind: 'ok', text: t('merge.undone') });
    } catch (err) {
      setBanner({ kind: 'error', text: errorText(err) });
    }
  }

  async function exportData() {
    try {
      const r = await call<{ files: { path: string; fileName: string }[] }>('exportCustomerData', { chainId: chain.chainId, customerId });
      setDataFiles(r.files);
    } catch (err) {
      setBanner({ kind: 'error', text: errorText(err) });
    }
  }

  const entryTitle = (h: HistoryEntry) => {
    switch (h.action) {
      case 'create':
        return t('detail.created');
      case 'merge':
        return t('history.merge');
      case 'merged-into':
        return t('history.mergedInto');
      case 'unmerge':
        return t('history.unmerge');
      case 'card.bind':
        return t('history.cardBind', { code: formatCode(h.card ?? '') });
      case 'card.revoke':
        return t('history.cardRevoke', { code: formatCode(h.card ?? '') });
      default:
        return t('detail.updated');
    }
  };
  const mergedInto = (customer as { mergedInto?: string }).mergedInto;

  return (
    <>
      <section class="card">
        <div class="row-between">
          <h1>
            {customer.title && `${customer.title} `}
            {customer.firstName} {customer.lastName}
          </h1>
          <div class="actions">
            {!mergedInto && (
              <a class="button" href={`#/customers/${customerId}/edit`}>
                {t('detail.edit')}
              </a>
            )}
            {isManager && <button onClick={() => void exportData()}>{t('data.export')}</button>}
            {isManager && (
              <button class="danger" onClick={() => void erase()}>
                {t('detail.erase')}
              </button>
            )}
          </div>
        </div>
        {mergedInto && (
          <Banner kind="info">
            {t('merge.mergedInto')} <a href={`#/customers/${mergedInto}`}>{t('merge.open')}</a>
          </Banner>
        )}
        {banner && <Banner kind={banner.kind}>{banner.text}</Banner>}
        {dataFiles && (
          <Banner kind="ok">
            {t('data.ready')}{' '}
            {dataFiles.map((f) => (
              <button class="link" onClick={() => void downloadFromStorage(f.path, f.fileName)}>
                {f.fileName}
              </button>
            ))}
          </Banner>
        )}
        <div class="detail-grid">
          <dl>
            {row('email', customer.email)}
            {row('email2', customer.email2)}
            {(['mobile', 'home', 'work', 'pager', 'fax'] as const).map((k) => (
              <PhoneRow kind={k} value={customer.phones[k]} country={country} />
            ))}
            {row('website', customer.website)}
            {row('language', customer.language)}
            {row('birthDate', customer.birthDate)}
          </dl>
          <dl>
            {row('company', customer.company)}
            {row('companyRegistrationNumber', customer.companyRegistrationNumber)}
            {row('vatNumber', customer.vatNumber)}
            {row('taxId', customer.taxId)}
            {row('customerTypeId', type?.name ?? '')}
            {row('discount', customer.discount)}
            {row('salesTax', customer.salesTax)}
            {row('tags', customer.tags)}
            {row('custom', customer.custom)}
            {customFields.map((d) => (
              <>
                <dt>{d.label}</dt>
                <dd>{show(customer.customFields?.[d.key])}</dd>
              </>
            ))}
          </dl>
          <dl>
            {(['line1', 'line2', 'postalCode', 'city', 'state', 'country'] as const).map((k) => row(`address.${k}`, customer.address[k]))}
            {(['line1', 'line2', 'postalCode', 'city', 'state', 'country'] as const).map((k) => row(`address2.${k}`, customer.address2[k]))}
          </dl>
        </div>
        <p class="muted">{t('detail.effective', { discount: terms.discount === null ? '—' : `${terms.discount} %`, tax: terms.salesTax || '—' })}</p>
        {customer.notes && <p class="notes">{customer.notes}</p>}
        <h2>{t('detail.system')}</h2>
        <p class="muted" data-field="created">
          {t('detail.createdLine', {
            when: when(isoOf(customer.createdAt)),
            who: who(customer.createdBy),
            source: t(`source.${customer.source}` as MessageKey),
          })}
        </p>
        <p class="muted" data-field="updated">
          {t('detail.updatedLine', { when: when(isoOf(customer.updatedAt)), who: who((customer as { updatedBy?: string }).updatedBy ?? customer.createdBy) })}
        </p>
      </section>
      <section class="card">
        <h2>{t('form.consent')}</h2>
        <ul class="consent">
          {CONSENT_CHANNELS.map((channel) => {
            const state = customer.consent?.[channel];
            return (
              <li data-consent={channel}>
                {fieldLabel(`consent.${channel}`, lang.value)}:{' '}
                <strong>{state ? t(state.granted ? 'detail.granted' : 'detail.withdrawn') : t('detail.notAsked')}</strong>
              </li>
            );
          })}
        </ul>
        <h2>{t('detail.cards')}</h2>
        {customer.cardCodes?.length ? (
          <ul class="cards">
            {customer.cardCodes.map((code) => (
              <li>
                <code>{code}</code>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t('detail.noCards')}</p>
        )}
      </section>
      <section class="card">
        <h2>{t('detail.history')}</h2>
        {!history ? (
          <p>{t('common.loading')}</p>
        ) : history.history.length === 0 ? (
          <p class="muted">{t('detail.noEntry')}</p>
        ) : (
          <ol class="history">
            {history.history.map((h) => (
              <li key={h.id} data-action={h.action}>
                <strong>{entryTitle(h)}</strong> {when(h.at)} · {t('detail.via', { source: t(`source.${h.source}` as MessageKey) })}
                {h.action === 'merge' && h.mergeId && h.canUndo && isManager && (
                  <>
                    {' '}
                    <button onClick={() => void undoMerge(h.mergeId!)}>{t('merge.undo')}</button>
                  </>
                )}
                {h.changes && h.changes.length > 0 && (
                  <ul>
                    {h.changes.map((c) => (
                      <li>
                        {fieldLabel(c.field, lang.value)}: {show(c.before)} → {show(c.after)}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        )}
        <h2>{t('detail.consentLog')}</h2>
        {history && history.consentLog.length === 0 && <p class="muted">{t('detail.noEntry')}</p>}
        {history && history.consentLog.length > 0 && (
          <ol class="history">
            {history.consentLog.map((c) => (
              <li key={c.id} data-consent-entry={c.channel}>
                {when(c.at)} · {fieldLabel(`consent.${c.channel}`, lang.value)}: <strong>{t(c.granted ? 'detail.granted' : 'detail.withdrawn')}</strong> ·{' '}
                {t('detail.by', { who: who(c.by) })} · {t('detail.via', { source: t(`source.${c.source}` as MessageKey) })}
                {c.locationId && <> · {t('detail.at', { place: history.places?.[c.locationId] ?? c.locationId })}</>}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
