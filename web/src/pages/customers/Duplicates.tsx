// Likely duplicates, and the side-by-side merge of two profiles with a pick per conflicting field.
import { useEffect, useState } from 'preact/hooks';
import { paths as docPaths } from '@model/paths';
import type { ChainSummary } from '@model/chain';
import type { CustomerDoc, CustomerFields } from '@model/customer';
import { FIELD_ORDER } from '@model/customer';
import { fieldLabel } from '@model/fieldLabels';
import { completeness, mergeFields, type DuplicatePair as Pair, type DuplicateSide, type Side } from '@model/merge';
import { call, errorText } from '../../api';
import { readDoc, useChainSettings, useCustomFields, useCustomerTypes } from '../../data';
import { formatPhone } from '@model/phone';
import { lang, problemText, t } from '../../i18n';
import { tp } from '../../i18n/plural';
import { navigate } from '../../router';
import { Banner } from '../../ui/forms';

export function Duplicates({ chain }: { chain: ChainSummary }) {
  const { country } = useChainSettings(chain.chainId);
  const [pairs, setPairs] = useState<Pair[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async (from: string | null) => {
    try {
      const r = await call('findDuplicates', { chainId: chain.chainId, pageSize: 20, cursor: from });
      setPairs((prev) => [...(from ? (prev ?? []) : []), ...r.pairs]);
      setCursor(r.nextCursor);
    } catch (err) {
      setError(errorText(err));
    }
  };
  useEffect(() => void load(null), [chain.chainId]);
  const who = (s: DuplicateSide) => `${s.firstName} ${s.lastName}`;
  return (
    <section class="card">
      <h1>{t('dup.title')}</h1>
      {error && <Banner kind="error">{error}</Banner>}
      {pairs?.length === 0 && <p class="muted">{t('dup.none')}</p>}
      {pairs && pairs.length > 0 && (
        <table class="table" aria-label={t('dup.title')}>
          <tbody>
            {pairs.map((p) => (
              <tr data-pair={`${p.a.customerId}|${p.b.customerId}`}>
                <td>
                  {who(p.a)} <small class="muted">{p.a.email || formatPhone(p.a.phone, country)}</small>
                </td>
                <td>
                  {who(p.b)} <small class="muted">{p.b.email || formatPhone(p.b.phone, country)}</small>
                </td>
                <td>{p.reasons.map((r) => t(`dup.reason.${r}`)).join(', ')}</td>
                <td>
                  <a class="button" href={`#/duplicates/${p.a.customerId}/${p.b.customerId}`}>
                    {t('dup.compare')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && <button onClick={() => void load(cursor)}>{t('dup.more')}</button>}
    </section>
  );
}

const show = (v: unknown): string => {
  const text =
    v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? Object.values(v).filter(Boolean).join(', ') : String(v);
  return text === '' ? '—' : text;
};

function flat(fields: CustomerFields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of FIELD_ORDER) {
    const v = fields[f];
    if (f === 'phones' || f === 'customFields') for (const [k, x] of Object.entries(v as object)) out[`${f}.${k}`] = x;
    else out[f] = v;
  }
  return out;
}

export function MergeView({ chain, firstId, secondId }: { chain: ChainSummary; firstId: string; secondId: string }) {
  const [docs, setDocs] = useState<[CustomerDoc, CustomerDoc] | null>(null);
  const [keepFirst, setKeepFirst] = useState(true);
  const [picks, setPicks] = useState<Record<string, Side>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const customFields = useCustomFields(chain.chainId);
  const types = useCustomerTypes(chain.chainId) ?? [];
  useEffect(() => {
    void Promise.all([firstId, secondId].map((id) => readDoc<CustomerDoc>(docPaths.customer(chain.chainId, id)))).then(([a, b]) => {
      if (a && b) {
        setDocs([a, b]);
        // Propose keeping the more complete profile.
        setKeepFirst(completeness(a) >= completeness(b));
      } else setError(t('detail.notFound'));
    });
  }, [chain.chainId, firstId, secondId]);
  if (!docs) return <section class="card">{error ? <Banner kind="error">{error}</Banner> : t('common.loading')}</section>;

  const [keep, other] = keepFirst ? docs : [docs[1], docs[0]];
  const [keepId, otherId] = keepFirst ? [firstId, secondId] : [secondId, firstId];
  const preview = mergeFields(keep, other, picks);
  const a = flat(keep);
  const b = flat(other);
  const r = flat(preview.fields);
  const paths = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((p) => show(a[p]) !== '—' || show(b[p]) !== '—');
  const labels = Object.fromEntries(customFields.map((d) => [d.key, d.label]));
  const typeName = (id: unknown) => types.find((x) => x.id === id)?.name ?? '';
  const val = (p: string, v: unknown) => (p === 'customerTypeId' ? typeName(v) || '—' : show(v));

  async function merge() {
    setBusy(true);
    setError(null);
    try {
      await call('mergeCustomers', { chainId: chain.chainId, keepId, mergeId: otherId, keepVersion: keep.version, mergeVersion: other.version, picks });
      navigate(`/customers/${keepId}?merged=1`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card">
      <h1>{t('dup.compareTitle')}</h1>
      <p class="muted">{t('dup.conflictHint')}</p>
      {error && <Banner kind="error">{error}</Banner>}
      {preview.refusals.map((refusal) => (
        <Banner kind="error">
          {fieldLabel(refusal.path, lang.value)}: {problemText({ code: refusal.key, params: refusal.params, message: '' })}
        </Banner>
      ))}
      <table class="table merge-table" aria-label={t('dup.compareTitle')}>
        <thead>
          <tr>
            <th>{t('dup.field')}</th>
            <th>
              {t('dup.kept')}: {keep.firstName} {keep.lastName}
            </th>
            <th>
              {t('dup.other')}: {other.firstName} {other.lastName}{' '}
              <button class="link" onClick={() => (setKeepFirst(!keepFirst), setPicks({}))}>
                {t('dup.keepLeft')}
              </button>
            </th>
            <th>{t('dup.result')}</th>
          </tr>
        </thead>
        <tbody>
          {paths.map((p) => {
            const conflict = preview.conflicts.includes(p);
            return (
              <tr data-field={p} class={conflict ? 'conflict' : ''}>
                <td>{p === 'address' ? t('form.primaryAddress') : p === 'address2' ? t('form.secondaryAddress') : fieldLabel(p, lang.value, labels)}</td>
                <td>
                  {conflict ? (
                    <label class="check">
                      <input type="radio" name={p} checked={picks[p] !== 'merge'} onChange={() => setPicks({ ...picks, [p]: 'keep' })} /> {val(p, a[p])}
                    </label>
                  ) : (
                    val(p, a[p])
                  )}
                </td>
                <td>
                  {conflict ? (
                    <label class="check">
                      <input type="radio" name={p} checked={picks[p] === 'merge'} onChange={() => setPicks({ ...picks, [p]: 'merge' })} /> {val(p, b[p])}
                    </label>
                  ) : (
                    val(p, b[p])
                  )}
                </td>
                <td>{val(p, r[p])}</td>
              </tr>
            );
          })}
          <tr>
            <td>{t('detail.cards')}</td>
            <td>{tp('dup.cards', keep.cardCodes?.length ?? 0)}</td>
            <td>{tp('dup.cards', other.cardCodes?.length ?? 0)}</td>
            <td>{tp('dup.cards', (keep.cardCodes?.length ?? 0) + (other.cardCodes?.length ?? 0))}</td>
          </tr>
        </tbody>
      </table>
      <div class="actions">
        <button class="primary" disabled={busy} onClick={() => void merge()}>
          {t('dup.merge')}
        </button>
        <a class="button" href="#/duplicates">
          {t('common.cancel')}
        </a>
      </div>
    </section>
  );
}
