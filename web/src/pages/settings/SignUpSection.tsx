// Settings: self sign-up on or off, the wording of each consent box per language, and the brand
// (logo, accent colour) of the public pages and emails; a link to the printable posters.
import { useEffect, useState } from 'preact/hooks';
import type { ChainSettings, ChainSummary } from '@model/chain';
import { CONSENT_CHANNELS, type ConsentChannel } from '@model/customer';
import { LANGS, type Lang } from '@model/lang';
import { t, type MessageKey } from '../../i18n';
import { TextField } from '../../ui/forms';

type Wording = Partial<Record<ConsentChannel, Partial<Record<Lang, string>>>>;

interface Props {
  chain: ChainSummary;
  settings: ChainSettings;
  save: (settings: ChainSettings) => Promise<boolean>;
  disabled: boolean;
}

export function SignUpSection({ settings, save, disabled }: Props) {
  const [wording, setWording] = useState<Wording>(settings.signUp?.consentWording ?? {});
  const [logoUrl, setLogoUrl] = useState(settings.brand?.logoUrl ?? '');
  const [accentColor, setAccentColor] = useState(settings.brand?.accentColor ?? '');
  useEffect(() => {
    setWording(settings.signUp?.consentWording ?? {});
    setLogoUrl(settings.brand?.logoUrl ?? '');
    setAccentColor(settings.brand?.accentColor ?? '');
  }, [settings.signUp, settings.brand]);
  const setText = (ch: ConsentChannel, l: Lang) => (v: string) => setWording({ ...wording, [ch]: { ...(wording[ch] ?? {}), [l]: v } });

  return (
    <form
      class="card"
      onSubmit={(e) => {
        e.preventDefault();
        void save({ signUp: { consentWording: wording }, brand: { logoUrl, accentColor } });
      }}
    >
      <h2>{t('signUp.section')}</h2>
      <label class="checkbox">
        <input
          type="checkbox"
          name="signUpEnabled"
          checked={settings.signUp?.enabled === true}
          disabled={disabled}
          onChange={(e) => void save({ signUp: { enabled: e.currentTarget.checked } })}
        />
        {t('signUp.enabled')}
      </label>
      <small class="hint">{t('signUp.enabledHint')}</small>
      <p>
        <a href="#/posters">{t('signUp.posters')}</a>
      </p>
      <TextField label={t('signUp.logoUrl')} name="logoUrl" type="url" value={logoUrl} disabled={disabled} onValue={setLogoUrl} />
      <TextField label={t('signUp.accentColor')} name="accentColor" placeholder="#1a6b4f" value={accentColor} disabled={disabled} onValue={setAccentColor} />
      <fieldset>
        <legend>{t('signUp.wording')}</legend>
        <small class="hint">{t('signUp.wordingHint')}</small>
        {CONSENT_CHANNELS.map((ch) =>
          LANGS.map((l) => (
            <TextField
              label={`${t(`signUp.channel.${ch}` as MessageKey)} (${l.toUpperCase()})`}
              name={`wording-${ch}-${l}`}
              maxLength={499}
              value={wording[ch]?.[l] ?? ''}
              disabled={disabled}
              onValue={setText(ch, l)}
            />
          )),
        )}
      </fieldset>
      {!disabled && <button type="submit">{t('settings.save')}</button>}
    </form>
  );
}
