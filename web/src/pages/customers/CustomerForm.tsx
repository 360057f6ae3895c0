// The customer form (create and edit). A little over 300 lines: one form of ~30 fields in fieldsets,
// with its duplicate, stale-version and hidden-contact states; the field model is in form-model.ts.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChainSummary } from '@model/chain';
import type { CustomerDoc } from '@model/customer';
import { fieldLabel } from '@model/fieldLabels';
import { LANGS } from '@model/lang';
import { call, CallError, errorText, fieldName } from '../../api';
import { focusFirstInvalid, notify } from '../../ui/feedback';
import { readDoc, useChainSettings, useCustomerTypes, useCustomFields } from '../../data';
import { formatPhone, parsePhone } from '@model/phone';
import { paths } from '@model/paths';
import { lang, problemText, t } from '../../i18n';
import { navigate } from '../../router';
import { Banner, Field, TextField } from '../../ui/forms';
import { BirthDateField } from './BirthDateField';
import { check, emptyForm, formFromDoc, toInput, type FormState } from './form-model';

/**
 * The form field a problem belongs to: `customer.` (a server path) removed, and a tag's problem
 * (`tags.0`) shown on the tags field, naming the tag. The first problem of a field is kept.
 */
function errorsByField(problems: { path: string; text: string }[], tags: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) {
    const path = p.path.replace(/^customer\./, '');
    const tag = /^tags\.(\d+)$/.exec(path);
    const key = tag ? 'tags' : path;
    const named = tag && tags[Number(tag[1])] ? `« ${tags[Number(tag[1])]} » ${p.text}` : p.text;
    out[key] ??= named;
  }
  return out;
}

interface Duplicate {
  customerId: string;
  firstName: string;
  lastName: string;
  matched: ('email' | 'phone')[];
}

export function CustomerForm({ chain, customerId }: { chain: ChainSummary; customerId?: string }) {
  const types = useCustomerTypes(chain.chainId) ?? [];
  const customFields = useCustomFields(chain.chainId);
  const { country } = useChainSettings(chain.chainId);
  const [form, setForm] = useState<FormState | null>(customerId ? null : emptyForm());
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  /** Contact details the member may not see: not shown, kept as they are by the server. */
  const [hidden, setHidden] = useState(false);
  // The duplicate warning and the stale notice show beside Save, where the user is.
  const nearSave = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (duplicate || stale) nearSave.current?.querySelector<HTMLElement>('a, button')?.focus();
  }, [duplicate, stale]);

  async function load() {
    if (!customerId) return;
    // Through getCustomer: without contact details for staff who may not see them (`contactHidden`).
    let data: CustomerDoc & { contactHidden?: true };
    try {
      data = (await call('getCustomer', { chainId: chain.chainId, customerId })).customer;
    } catch (err) {
      setBanner({ kind: 'error', text: err instanceof CallError && err.code === 'not-found' ? t('detail.notFound') : errorText(err) });
      return;
    }
    // Phones are edited as they are shown: national for the chain's country, international otherwise.
    const settings = (await readDoc<{ settings?: { country?: string } }>(paths.chain(chain.chainId)))?.settings;
    const loaded = formFromDoc(data);
    for (const kind of Object.keys(loaded.f.phones) as (keyof typeof loaded.f.phones)[])
      loaded.f.phones[kind] = formatPhone(loaded.f.phones[kind], settings?.country ?? null);
    setForm(loaded);
    setHidden(data.contactHidden === true);
    setVersion(data.version);
    setStale(false);
    setErrors({});
    setBanner(null);
  }
  useEffect(() => void load(), [chain.chainId, customerId]);

  if (!form) return <section class="card">{banner ? <Banner kind="error">{banner.text}</Banner> : <p>{t('common.loading')}</p>}</section>;

  // Values of custom fields the chain removed since: shown as such, kept on save unless cleared.
  const defined = new Set(customFields.map((d) => d.key));
  const removedFields = Object.keys(form.f.customFields).filter((key) => !defined.has(key) && form.f.customFields[key] !== '');
  const update = (mutate: (f: FormState) => void) => {
    const next = structuredClone(form);
    mutate(next);
    setForm(next);
  };
  // A phone the chain's country cannot read is saved as typed, with a warning: said before saving.
  const phoneHint = (path: string, value: string | undefined) =>
    path.startsWith('phones.') && value && !parsePhone(value, country).parsed ? t('phone.kept') : undefined;
  const text = (path: string, opts: { type?: 'email' | 'tel' | 'url' | 'date'; hint?: string; required?: boolean } = {}) => {
    const parts = path.split('.');
    const value = parts.length === 2 ? (form.f as any)[parts[0]!][parts[1]!] : (form.f as any)[path];
    return (
      <TextField
        label={fieldLabel(path, lang.value)}
        value={value ?? ''}
        error={errors[path]}
        type={opts.type ?? 'text'}
        {...(opts.hint ? { hint: opts.hint } : phoneHint(path, value) ? { hint: phoneHint(path, value)! } : {})}
        required={opts.required}
        onValue={(v) =>
          update((f) => {
            if (parts.length === 2) (f.f as any)[parts[0]!][parts[1]!] = v;
            else (f.f as any)[path] = v;
          })
        }
      />
    );
  };

  /** A refused save: the status region names the fields by their labels, focus goes to the first. */
  function refused(paths: string[]) {
    const names = [...new Set(paths.map((p) => fieldName(p, Object.fromEntries(customFields.map((d) => [d.key, d.label])))))];
    setBanner({ kind: 'error', text: t('form.fixErrors') });
    notify('error', t('ui.invalidForm', { fields: names.join(', ') }));
    focusFirstInvalid();
  }

  async function submit(e: Event | null, confirmDuplicate = false) {
    e?.preventDefault();
    setDuplicate(null);
    const problems = check(form!, lang.value);
    const tags = toInput(form!).tags ?? [];
    setErrors(
      errorsByField(
        problems.map((p) => ({ path: p.path, text: problemText(p) })),
        tags,
      ),
    );
    if (problems.length) {
      refused(problems.map((p) => p.path));
      return;
    }
    setBusy(true);
    try {
      const saved = await call('saveCustomer', {
        chainId: chain.chainId,
        ...(customerId ? { customerId, expectedVersion: version } : {}),
        customer: toInput(form!),
        consent: form!.consent,
        source: 'backoffice',
        confirmDuplicate,
        ...(hidden ? { keepContact: true } : {}),
      });
      if (saved.warnings.length) notify('info', t('phone.savedWithWarnings'));
      else notify('ok', t('form.saved'));
      navigate(`/customers/${saved.customerId}`);
    } catch (err) {
      if (err instanceof CallError && err.code === 'already-exists' && Array.isArray(err.details.duplicates)) {
        setDuplicate((err.details.duplicates as Duplicate[])[0]!);
        setBanner(null);
        notify('error', t('form.duplicateShort'));
      } else if (err instanceof CallError && err.code === 'aborted') {
        setStale(true);
        setBanner(null);
        notify('error', t('form.stale'));
      } else {
        if (err instanceof CallError && err.problems.length) {
          const byField = errorsByField(
            Object.entries(err.byField()).map(([path, text]) => ({ path, text })),
            toInput(form!).tags ?? [],
          );
          setErrors(byField);
          refused(Object.keys(byField));
        } else notify('error', errorText(err));
      }
    } finally {
      setBusy(false);
    }
  }

  const title = customerId ? t('form.editTitle', { name: `${form.f.firstName} ${form.f.lastName}` }) : t('customers.new');
  return (
    <section class="card">
      <h1>{title}</h1>
      {banner && <Banner kind={banner.kind}>{banner.text}</Banner>}
      <form class="customer-form" onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
        <fieldset>
          <legend>{t('form.identity')}</legend>
          {text('firstName', { required: true })}
          {text('lastName', { required: true })}
          {text('title')}
          {!hidden && <BirthDateField value={form.f.birthDate ?? ''} error={errors.birthDate} onValue={(v) => update((f) => void (f.f.birthDate = v))} />}
          <Field label={fieldLabel('language', lang.value)} error={errors.language}>
            {(id) => (
              <select id={id} value={form.f.language} onChange={(e) => update((f) => (f.f.language = e.currentTarget.value))}>
                <option value="">{t('form.noLanguage')}</option>
                {LANGS.map((l) => (
                  <option value={l}>{{ fr: 'Français', de: 'Deutsch', en: 'English' }[l]}</option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
        {hidden && <p class="muted wide">{t('form.contactHidden')}</p>}
        <fieldset hidden={hidden}>
          <legend>{t('form.contact')}</legend>
          {text('email', { type: 'email' })}
          {text('email2', { type: 'email' })}
          {text('phones.mobile', { type: 'tel' })}
          {text('phones.home', { type: 'tel' })}
          {text('phones.work', { type: 'tel' })}
          {text('phones.pager', { type: 'tel' })}
          {text('phones.fax', { type: 'tel' })}
          {text('website', { type: 'url' })}
        </fieldset>
        <fieldset>
          <legend>{t('form.companyGroup')}</legend>
          {text('company')}
          {text('companyRegistrationNumber')}
          {text('vatNumber')}
          {text('taxId')}
        </fieldset>
        <fieldset hidden={hidden}>
          <legend>{t('form.primaryAddress')}</legend>
          {['line1', 'line2', 'postalCode', 'city', 'state', 'country'].map((k) => text(`address.${k}`))}
        </fieldset>
        <fieldset hidden={hidden}>
          <legend>{t('form.secondaryAddress')}</legend>
          {['line1', 'line2', 'postalCode', 'city', 'state', 'country'].map((k) => text(`address2.${k}`))}
        </fieldset>
        <fieldset>
          <legend>{t('form.commercial')}</legend>
          <Field label={fieldLabel('customerTypeId', lang.value)} error={errors.customerTypeId}>
            {(id) => (
              <select id={id} value={form.f.customerTypeId} onChange={(e) => update((f) => (f.f.customerTypeId = e.currentTarget.value))}>
                <option value="">{t('form.noType')}</option>
                {types.map((ty) => (
                  <option value={ty.id}>{ty.name}</option>
                ))}
              </select>
            )}
          </Field>
          {text('discount', { hint: t('form.discountHint') })}
          {text('salesTax', { hint: t('form.salesTaxHint') })}
          {text('tags', { hint: t('form.tagsHint') })}
          {text('custom')}
        </fieldset>
        {(customFields.length > 0 || removedFields.length > 0) && (
          <fieldset>
            <legend>{t('form.customFields')}</legend>
            {customFields.map((def) => (
              <TextField
                label={def.label}
                value={form.f.customFields[def.key] ?? ''}
                error={errors[`customFields.${def.key}`]}
                onValue={(v) => update((f) => (f.f.customFields[def.key] = v))}
              />
            ))}
            {removedFields.map((key) => (
              <div class="removed-field" data-removed-field={key}>
                <TextField
                  label={t('form.removedField', { key })}
                  value={form.f.customFields[key] ?? ''}
                  hint={t('form.removedFieldHint')}
                  error={errors[`customFields.${key}`]}
                  readOnly
                  onValue={() => undefined}
                />
                <button type="button" onClick={() => update((f) => delete f.f.customFields[key])}>
                  {t('form.clearRemovedField', { key })}
                </button>
              </div>
            ))}
          </fieldset>
        )}
        <fieldset>
          <legend>{t('form.consent')}</legend>
          <p class="hint">{t('form.consentHint')}</p>
          {(['email', 'postalMail', 'phone'] as const).map((channel) => (
            <label class="check">
              <input type="checkbox" checked={form.consent[channel]} onChange={(e) => update((f) => (f.consent[channel] = e.currentTarget.checked))} />
              {fieldLabel(`consent.${channel}`, lang.value)}
            </label>
          ))}
        </fieldset>
        <fieldset class="wide">
          <legend>{t('form.notes')}</legend>
          <Field label={fieldLabel('notes', lang.value)} error={errors.notes}>
            {(id) => <textarea id={id} rows={3} value={form.f.notes} onInput={(e) => update((f) => (f.f.notes = e.currentTarget.value))} />}
          </Field>
        </fieldset>
        <div class="wide near-save" ref={nearSave}>
          {duplicate && (
            <Banner kind="error">
              {t('form.duplicate', {
                what: duplicate.matched.map((m) => t(m === 'email' ? 'form.duplicateEmail' : 'form.duplicatePhone')).join(' / '),
                name: `${duplicate.firstName} ${duplicate.lastName}`,
              })}{' '}
              <a href={`#/customers/${duplicate.customerId}`}>{t('form.openExisting')}</a>{' '}
              <button type="button" onClick={() => void submit(null, true)}>
                {t('form.createAnyway')}
              </button>
            </Banner>
          )}
          {stale && (
            <Banner kind="error">
              {t('form.stale')}{' '}
              <button type="button" onClick={() => void load()}>
                {t('form.reload')}
              </button>
            </Banner>
          )}
        </div>
        <div class="actions wide">
          <button type="submit" class="primary" disabled={busy}>
            {t('form.save')}
          </button>
          <a class="button" href={customerId ? `#/customers/${customerId}` : '#/customers'}>
            {t('common.cancel')}
          </a>
        </div>
      </form>
    </section>
  );
}
