// The chain settings' "Visits and segments" section: automatic check-in on scan, the same-visit
// window, the thresholds of the segments (model/visits.ts, defaults from Clover's anchors) and the
// chain's time zone (its days; default from the country, model/segments.ts).
import { useEffect, useState } from 'preact/hooks';
import { resolveSettings, type ChainSettings, type ChainSummary } from '@model/chain';
import { resolveVisitSettings, type VisitSettings } from '@model/visits';
import { t, type MessageKey } from '../../i18n';
import { TextField } from '../../ui/forms';

/** Every IANA time zone the browser knows (Intl), UTC first. */
const ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];

const NUMBERS = ['sameVisitMinutes', 'regularVisits', 'vipVisits', 'newDays', 'lapsedDays'] as const;

export function VisitsSection({
  settings,
  save,
  disabled,
}: {
  chain: ChainSummary;
  settings: ChainSettings;
  save: (s: ChainSettings) => Promise<boolean>;
  disabled: boolean;
}) {
  const current = resolveVisitSettings(settings.visits);
  const [form, setForm] = useState<Record<(typeof NUMBERS)[number], string>>(() => Object.fromEntries(NUMBERS.map((k) => [k, String(current[k])])) as never);
  useEffect(() => setForm(Object.fromEntries(NUMBERS.map((k) => [k, String(current[k])])) as never), [JSON.stringify(settings.visits ?? {})]);
  return (
    <form
      class="card"
      aria-label={t('settings.visits')}
      onSubmit={(e) => {
        e.preventDefault();
        const visits: Partial<VisitSettings> = {};
        for (const k of NUMBERS) visits[k] = Number(form[k]);
        void save({ visits });
      }}
    >
      <h2>{t('settings.visits')}</h2>
      <label class="checkbox">
        <input
          type="checkbox"
          name="autoCheckIn"
          checked={current.autoCheckIn}
          disabled={disabled}
          onChange={(e) => void save({ visits: { autoCheckIn: e.currentTarget.checked } })}
        />
        {t('settings.autoCheckIn')}
      </label>
      <label>
        {t('settings.timeZone')}{' '}
        <select
          name="timeZone"
          value={resolveSettings(settings).timeZone}
          disabled={disabled}
          aria-describedby="time-zone-hint"
          onChange={(e) => void save({ timeZone: e.currentTarget.value })}
        >
          {ZONES.map((z) => (
            <option value={z}>{z}</option>
          ))}
        </select>
      </label>
      <p class="hint" id="time-zone-hint">
        {t('settings.timeZoneHint', { zone: resolveSettings(settings).timeZone })}
      </p>
      {NUMBERS.map((k) => (
        <TextField
          label={t(`settings.${k}` as MessageKey)}
          name={k}
          type="number"
          min="1"
          value={form[k]}
          disabled={disabled}
          onValue={(v) => setForm({ ...form, [k]: v })}
          hint={k === 'sameVisitMinutes' ? t('settings.sameVisitMinutesHint') : k === 'vipVisits' ? t('settings.thresholdsHint') : undefined}
        />
      ))}
      {!disabled && <button type="submit">{t('settings.save')}</button>}
    </form>
  );
}
