// The birth date of the customer form: a full date, or, with "year not known" ticked, a day and a
// month (stored `--MM-DD`, what customers who keep their year to themselves give).
import { useState } from 'preact/hooks';
import { fieldLabel } from '@model/fieldLabels';
import { lang, t } from '../../i18n';
import { Field, TextField } from '../../ui/forms';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const DAYS = Array.from({ length: 31 }, (_, i) => i + 1);
const pad = (n: number) => String(n).padStart(2, '0');

/** `--03-21` -> "21 March" (in the UI language); a full date as it is. */
export function formatBirthDate(value: string, language: string): string {
  const m = /^--(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, Number(m[1]) - 1, Number(m[2]))));
}

export function BirthDateField({ value, error, onValue }: { value: string; error?: string | undefined; onValue: (v: string) => void }) {
  const [noYear, setNoYear] = useState(value.startsWith('--'));
  const [month, day] = value.startsWith('--') ? value.slice(2).split('-').map(Number) : [0, 0];
  const monthName = (m: number) => new Intl.DateTimeFormat(lang.value, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, m - 1, 1)));
  const set = (d: number, m: number) => onValue(d && m ? `--${pad(m)}-${pad(d)}` : '');
  return (
    <div class="birth-date">
      {noYear ? (
        <Field label={fieldLabel('birthDate', lang.value)} error={error}>
          {(id, describedBy) => (
            <span class="inline">
              <select
                id={id}
                aria-describedby={describedBy}
                aria-label={t('form.birthDay')}
                value={String(day ?? 0)}
                onChange={(e) => set(Number(e.currentTarget.value), month ?? 0)}
              >
                <option value="0">{t('form.birthDay')}</option>
                {DAYS.map((d) => (
                  <option value={String(d)}>{d}</option>
                ))}
              </select>
              <select aria-label={t('form.birthMonth')} value={String(month ?? 0)} onChange={(e) => set(day ?? 0, Number(e.currentTarget.value))}>
                <option value="0">{t('form.birthMonth')}</option>
                {MONTHS.map((m) => (
                  <option value={String(m)}>{monthName(m)}</option>
                ))}
              </select>
            </span>
          )}
        </Field>
      ) : (
        <TextField label={fieldLabel('birthDate', lang.value)} type="date" value={value} error={error} onValue={onValue} />
      )}
      <label class="check">
        <input
          type="checkbox"
          checked={noYear}
          onChange={(e) => {
            const checked = e.currentTarget.checked;
            setNoYear(checked);
            // A full date keeps its day and month without its year; a yearless one is cleared to be re-entered.
            onValue(checked ? (/^\d{4}-/.test(value) ? `--${value.slice(5)}` : '') : '');
          }}
        />
        {t('form.birthNoYear')}
      </label>
    </div>
  );
}
