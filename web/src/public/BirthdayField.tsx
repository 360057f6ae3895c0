// The sign-up page's birthday: a day and a month, the year optional (model/birthday.ts turns the
// three boxes into the stored `--MM-DD` or `YYYY-MM-DD`). One group with one error underneath.
import { useId } from 'preact/hooks';
import type { BirthdayParts } from '@model/birthday';
import { t } from './i18n';

export function BirthdayField({ value, error, onValue }: { value: BirthdayParts; error?: string | undefined; onValue: (v: BirthdayParts) => void }) {
  const id = useId();
  const errorId = `${id}-error`;
  const box = (part: keyof BirthdayParts, label: string, size: number, autocomplete: string) => (
    <label class="birthday-part">
      {label}
      <input
        name={`birthday-${part}`}
        inputMode="numeric"
        autocomplete={autocomplete}
        maxLength={size}
        size={size + 1}
        value={value[part]}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? errorId : undefined}
        onInput={(e) => onValue({ ...value, [part]: e.currentTarget.value })}
      />
    </label>
  );
  return (
    <fieldset class={`birthday${error ? ' field--invalid' : ''}`}>
      <legend>{t('public.birthDate')}</legend>
      <div class="birthday-parts">
        {box('day', t('public.day'), 2, 'bday-day')}
        {box('month', t('public.month'), 2, 'bday-month')}
        {box('year', t('public.year'), 4, 'bday-year')}
      </div>
      {error && (
        <small class="error" id={errorId} role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}
