import { useEffect, useState } from 'preact/hooks';
import type { HistoryItem, HistoryResult } from '@model/callables';
import type { ChainSummary } from '@model/chain';
import { CONSENT_CHANNELS } from '@model/customer';
import { effectiveTerms } from '@model/customerType';
import { fieldLabel } from '@model/fieldLabels';
import { MANAGERS } from '@model/roles';
import { call, errorText } from '../../api';
import { useChainSettings, useCustomer, useCustomerTypes, useCustomFields } from '../../data';
import { PhoneRow } from './PhoneRow';
import { lang, t, type MessageKey } from '../../i18n';
import { navigate, route } from '../../router';
import { downloadFromStorage } from '../../download';
import { formatCode } from '@model/card';
import { formatBirthDate } from './BirthDateField';
import { Banner } from '../../ui/forms';
import { confirmDialog, notify } from '../../ui/feedback';
import { CheckIn } from '../visits/CheckIn';
import { VisitHistory } from '../visits/VisitHistory';

type HistoryEntry = HistoryItem;

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(lang.value) : '');
/** A Firestore timestamp of the client SDK (or the ISO string getCustomer gives), as an ISO string. */
const isoOf = (v: unknown) =>
  typeof v === 'string' ? v : v && typeof (v as { toDate?: unknown }).toDate === 'function' ? (v as { toDate(): Date }).toDate().toISOString() : null;
const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? v.join(', ') : String(v));

export function CustomerDetail({ chain, customerId }: { chain: ChainSummary; customerId: string }) {
  const customer = useCustomer(chain, customerId);
  const types = useCustomerTypes(chain.chainId) ?? [];
  const customFields = useCustomFields(chain.chainId);
  const { country } = useChainSettings(chain.chainId);
  const [history, setHistory] = useState<HistoryResult | null>(null);
  const [banner, setBanner] = useState<{ kind: 'ok' | 'error'; text: string } | null>(
    route.value.includes('merged=1') ? { kind: 'ok', text: t('dup.merged') } : null,
  );
  const [dataFiles, setDataFiles] = useState<{ path: string; fileName: string }[] | null>(null);
  const isManager = MANAGERS.includes(chain.role);
  const [allFields, setAllFields] = useState(false);

  useEffect(() => {
    if (!customer) return;
    call('getCustomerHistory', { chainId: chain.chainId, customerId, limit: 50 })
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
  // A compact profile: empty fields are hidden unless "all fields" is on.
  const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
  const row = (path: string, value: unknown, label = fieldLabel(path, lang.value)) =>
    !allFields && empty(value) ? null : (
      <>
        <dt>{label}</dt>
        <dd data-field={path}>{show(value)}</dd>
      </>
    );

  async function erase() {
    const name = `${customer!.firstName} ${customer!.lastName}`;
    const ok = await confirmDialog({ title: t('detail.eraseTitle'), body: t('detail.eraseConfirm', { name }), confirmLabel: t('detail.erase'), danger: true });
    if (!ok) return;
    try {
      await call('deleteCustomer', { chainId: chain.chainId, customerId });
      notify('ok', t('detail.erased', { name }));
      navigate('/customers');
    } catch (err) {
      notify('error', errorText(err));
    }
  }

  async function undoMerge(mergeId: string) {
    try {
      await call('unmergeCustomers', { chainId: chain.chainId, mergeId });
      notify('ok', t('merge.undone'));
    } catch (err) {
      notify('error', errorText(err));
    }
  }

  async function exportData() {
    try {
      const r = await call('exportCustomerData', { chainId: chain.chainId, customerId });
      setDataFiles(r.files);
    } catch (err) {
      notify('error', errorText(err));
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
  const hidden = customer.contactHidden === true;

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
        <button class="link" aria-pressed={allFields} onClick={() => setAllFields(!allFields)} data-all-fields>
          {allFields ? t('detail.filledOnly') : t('detail.allFields')}
        </button>
        <div class="detail-grid">
          <dl>
            {!hidden && row('email', customer.email)}
            {!hidden && row('email2', customer.email2)}
            {!hidden &&
              (['mobile', 'home', 'work', 'pager', 'fax'] as const).map((k) =>
                !allFields && empty(customer.phones[k]) ? null : <PhoneRow kind={k} value={customer.phones[k]} country={country} />,
              )}
            {row('website', customer.website)}
            {row('language', customer.language)}
            {!hidden && row('birthDate', formatBirthDate(customer.birthDate, lang.value))}
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
            {customFields.map((d) => row(`customFields.${d.key}`, customer.customFields?.[d.key], d.label))}
          </dl>
          {!hidden && (
            <dl>
              {(['line1', 'line2', 'postalCode', 'city', 'state', 'country'] as const).map((k) => row(`address.${k}`, customer.address[k]))}
              {(['line1', 'line2', 'postalCode', 'city', 'state', 'country'] as const).map((k) => row(`address2.${k}`, customer.address2[k]))}
            </dl>
          )}
        </div>
        {hidden && (
          <p class="muted" data-field="contactHidden">
            {t('detail.contactHidden')}
          </p>
        )}
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
      {!mergedInto && (
        <section class="card">
          <CheckIn chain={chain} customerId={customerId} source="search" />
        </section>
      )}
      <VisitHistory chain={chain} customerId={customerId} customer={customer as never} />
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
                <strong>{entryTitle(h)}</strong> {when(h.at)} · {t('detail.by', { who: who(h.by) })} ·{' '}
                {t('detail.via', { source: t(`source.${h.source}` as MessageKey) })}
                {h.locationId && <> · {t('detail.at', { place: history.places?.[h.locationId] ?? h.locationId })}</>}
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
