// The export dialog of the customer list: fields (all by default), the list's current search and
// filters, the file format, then the download. A modal <dialog>: focus moves into it, Escape
// closes it and focus returns to the Export button. Fields come in groups, names first; the file's
// columns follow that order.
import { useState } from 'preact/hooks';
import type { ChainSummary } from '@model/chain';
import {
  defaultListSeparator,
  EXPORT_DIALOG_ORDER,
  EXPORT_FIELDS,
  EXPORT_GROUPS,
  LIST_SEPARATORS,
  type ExportCustomersInput,
  type ExportField,
  type ExportFormat,
  type ExportResult,
  type ListSeparator,
} from '@model/export';
import { fieldLabel } from '@model/fieldLabels';
import type { CustomerQueryInput } from '@model/search';
import { regionListSeparator } from '@model/locale';
import type { Lang } from '@model/lang';
import { call, errorText } from '../../api';
import { useChainSettings } from '../../data';
import { downloadFromStorage } from '../../download';
import { lang, t } from '../../i18n';
import { Banner } from '../../ui/forms';
import { Modal, notify } from '../../ui/feedback';

const download = (result: ExportResult) => downloadFromStorage(result.path, result.fileName);

export function ExportDialog({ chain, query, total, onClose }: { chain: ChainSummary; query: CustomerQueryInput; total: number | null; onClose: () => void }) {
  const [fields, setFields] = useState<Set<ExportField>>(new Set(EXPORT_FIELDS));
  const [format, setFormat] = useState<ExportFormat>(navigator.platform.startsWith('Mac') ? 'mac' : 'pc');
  // Default: Excel's list separator in the chain's region (country and language), else from the UI language; the user may pick the other.
  const settings = useChainSettings(chain.chainId);
  const [picked, setListSeparator] = useState<ListSeparator | null>(null);
  const regional =
    settings.country || settings.language
      ? regionListSeparator((settings.language as Lang | null) ?? lang.value, settings.country)
      : defaultListSeparator(lang.value);
  const listSeparator = picked ?? regional;
  const [state, setState] = useState<'idle' | 'working' | 'done'>('idle');
  const [result, setResult] = useState<ExportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toggle = (f: ExportField, on: boolean) => {
    const next = new Set(fields);
    if (on) next.add(f);
    else next.delete(f);
    setFields(next);
  };
  const label = (f: ExportField) => (f === 'customFields' ? t('export.customFields') : fieldLabel(f, lang.value));

  async function start() {
    if (fields.size === 0) {
      setError(t('export.noField'));
      return;
    }
    setError(null);
    setState('working');
    try {
      const input: Omit<ExportCustomersInput, 'query'> & { query: CustomerQueryInput } = {
        chainId: chain.chainId,
        fields: EXPORT_DIALOG_ORDER.filter((f) => fields.has(f)),
        query,
        format,
        lang: lang.value,
        listSeparator,
      };
      const r = await call('exportCustomers', input);
      setResult(r);
      setState('done');
      notify('ok', t('export.done', { rows: r.rows }));
      await download(r);
    } catch (err) {
      setError(errorText(err));
      setState('idle');
    }
  }

  return (
    <Modal label={t('export.title')} onClose={onClose} wide>
      <div class="dialog__body">
        <h2>{t('export.title')}</h2>
        {total !== null && <p class="muted">{t('export.filters', { count: total })}</p>}
        {error && <Banner kind="error">{error}</Banner>}
        <fieldset class="options">
          <legend>
            {t('export.fields')}{' '}
            <button type="button" class="link" onClick={() => setFields(new Set(EXPORT_FIELDS))}>
              {t('export.all')}
            </button>{' '}
            <button type="button" class="link" onClick={() => setFields(new Set())}>
              {t('export.none')}
            </button>
          </legend>
          <div class="field-groups">
            {EXPORT_GROUPS.map((g) => {
              const on = g.fields.filter((f) => fields.has(f)).length;
              const name = t(`export.group.${g.key}`);
              return (
                <fieldset class="field-group" data-group={g.key}>
                  <legend>
                    <label class="check">
                      <input
                        type="checkbox"
                        aria-label={t('export.groupAll', { group: name })}
                        checked={on === g.fields.length}
                        ref={(el) => {
                          if (el) el.indeterminate = on > 0 && on < g.fields.length;
                        }}
                        onChange={(e) => {
                          const next = new Set(fields);
                          for (const f of g.fields) e.currentTarget.checked ? next.add(f) : next.delete(f);
                          setFields(next);
                        }}
                      />
                      <strong>{name}</strong> <span class="muted">{t('export.groupCount', { count: on, total: g.fields.length })}</span>
                    </label>
                  </legend>
                  {g.fields.map((f) => (
                    <label class="check">
                      <input type="checkbox" checked={fields.has(f)} onChange={(e) => toggle(f, e.currentTarget.checked)} />
                      {label(f)}
                    </label>
                  ))}
                </fieldset>
              );
            })}
          </div>
        </fieldset>
        <fieldset class="options">
          <legend>{t('export.format')}</legend>
          {(['pc', 'mac', 'plain'] as const).map((f) => (
            <label class="check">
              <input type="radio" name="format" checked={format === f} onChange={() => setFormat(f)} />
              {t(`export.format.${f}`)}
            </label>
          ))}
        </fieldset>
        {format === 'pc' && (
          <fieldset class="options">
            <legend>{t('export.separator')}</legend>
            {LIST_SEPARATORS.map((s) => (
              <label class="check">
                <input type="radio" name="listSeparator" checked={listSeparator === s} onChange={() => setListSeparator(s)} />
                {t(`export.separator.${s}`)}
              </label>
            ))}
          </fieldset>
        )}
        {state === 'working' && <p role="status">{total !== null ? t('export.workingCount', { count: total }) : t('export.working')}</p>}
        {state === 'done' && result && (
          <Banner kind="ok">
            {t('export.done', { rows: result.rows })}{' '}
            <button type="button" onClick={() => void download(result)}>
              {t('export.download')}
            </button>
          </Banner>
        )}
        <div class="actions">
          <button class="primary" disabled={state === 'working'} onClick={() => void start()}>
            {t('export.start')}
          </button>
          <button onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </div>
    </Modal>
  );
}
