// The chain's settings, one section per group; owners change them, managers read them.
// A feature adds its group as its own section component in the list below.
import { useEffect, useRef, useState } from 'preact/hooks';
import { paths } from '@model/paths';
import type { ChainSettings, ChainSummary } from '@model/chain';
import { LANGS } from '@model/lang';
import { call } from '../../api';
import { useDocData } from '../../data';
import { lang, t } from '../../i18n';
import { Banner, Field } from '../../ui/forms';
import { notify } from '../../ui/feedback';
import { callRefused, clearMarks } from '../../ui/refusal';
import { countryOptions } from '../../ui/locale';
import { SignUpSection } from './SignUpSection';
import { VisitsSection } from './VisitsSection';
import { WalletSection } from './WalletSection';

interface SectionProps {
  chain: ChainSummary;
  settings: ChainSettings;
  save: (settings: ChainSettings) => Promise<boolean>;
  disabled: boolean;
}

function GeneralSection({ settings, save, disabled }: SectionProps) {
  const [country, setCountry] = useState(settings.country ?? '');
  const [language, setLanguage] = useState(settings.language ?? 'en');
  useEffect(() => {
    setCountry(settings.country ?? '');
    setLanguage(settings.language ?? 'en');
  }, [settings.country, settings.language]);
  return (
    <form
      class="card"
      onSubmit={(e) => {
        e.preventDefault();
        void save({ ...(country ? { country } : {}), language });
      }}
    >
      <h2>{t('settings.general')}</h2>
      <Field label={t('settings.country')} hint={t('settings.countryHint')}>
        {(id) => (
          <select id={id} name="country" value={country} disabled={disabled} onChange={(e) => setCountry(e.currentTarget.value)}>
            <option value="">{t('settings.noCountry')}</option>
            {countryOptions(lang.value).map((c) => (
              <option value={c.code}>{c.name}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('settings.language')} hint={t('settings.languageHint')}>
        {(id) => (
          <select id={id} name="language" value={language} disabled={disabled} onChange={(e) => setLanguage(e.currentTarget.value as typeof language)}>
            {LANGS.map((l) => (
              <option value={l}>{new Intl.DisplayNames([l], { type: 'language' }).of(l)}</option>
            ))}
          </select>
        )}
      </Field>
      {!disabled && <button type="submit">{t('settings.save')}</button>}
    </form>
  );
}

function PrivacySection({ settings, save, disabled }: SectionProps) {
  return (
    <section class="card">
      <h2>{t('settings.privacy')}</h2>
      <label class="checkbox">
        <input
          type="checkbox"
          name="staffSeeContact"
          checked={settings.staffSeeContact === true}
          disabled={disabled}
          onChange={(e) => void save({ staffSeeContact: e.currentTarget.checked })}
        />
        {t('settings.staffSeeContact')}
      </label>
      <small class="hint">{t('settings.staffSeeContactHint')}</small>
    </section>
  );
}

const SECTIONS = [GeneralSection, PrivacySection, SignUpSection, VisitsSection, WalletSection];

export function Settings({ chain }: { chain: ChainSummary }) {
  const doc = useDocData<{ settings?: ChainSettings }>(paths.chain(chain.chainId));
  const isOwner = chain.role === 'owner';
  const root = useRef<HTMLDivElement>(null);

  /**
   * Saves a section. Feedback goes to the status region (the sections are long: a banner at the top
   * would be out of sight); a refused field is named by its label and gets the focus.
   */
  async function save(settings: ChainSettings): Promise<boolean> {
    clearMarks(root.current);
    try {
      await call('saveChainSettings', { chainId: chain.chainId, settings });
      notify('ok', t('settings.saved'));
      return true;
    } catch (err) {
      callRefused(err, root.current, {}, true);
      return false;
    }
  }

  if (doc === undefined) return <p class="loading">{t('common.loading')}</p>;
  const settings = doc?.settings ?? {};
  return (
    <div class="settings" ref={root}>
      <h1>{t('settings.title')}</h1>
      {!isOwner && <Banner kind="info">{t('settings.ownersOnly')}</Banner>}
      {SECTIONS.map((Section) => (
        <Section chain={chain} settings={settings} save={save} disabled={!isOwner} />
      ))}
    </div>
  );
}
