// One phone of the customer detail: national format for the chain's country, international otherwise
// (a `tel:` link), or as stored with a "kept as typed" mark when it is not a valid number.
import { fieldLabel } from '@model/fieldLabels';
import { formatPhone, phoneHref } from '@model/phone';
import { lang, t } from '../../i18n';

export function PhoneRow({ kind, value, country }: { kind: 'mobile' | 'home' | 'work' | 'pager' | 'fax'; value: string; country: string | null }) {
  const href = phoneHref(value, country);
  return (
    <>
      <dt>{fieldLabel(`phones.${kind}`, lang.value)}</dt>
      <dd data-field={`phones.${kind}`}>{value ? href ? <a href={href}>{formatPhone(value, country)}</a> : value : '—'}</dd>
      {value && !href && (
        <dd class="hint" data-phone-kept={kind}>
          {t('phone.kept')}
        </dd>
      )}
    </>
  );
}
