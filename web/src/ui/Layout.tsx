import type { ComponentChildren } from 'preact';
import { signOut } from 'firebase/auth';
import { auth, usingEmulators } from '../firebase';
import { LANGS, lang, setLang, t, type Lang, type MessageKey } from '../i18n';
import { route } from '../router';
import { chains, currentChain, selectChain, user } from '../state';
import { ConfirmHost, ToastRegion } from './feedback';

export interface NavItem {
  path: string;
  label: MessageKey;
  visible: boolean;
}

export function LanguagePicker() {
  return (
    <label class="lang">
      <span>{t('lang.label')}</span>
      <select value={lang.value} onChange={(e) => setLang(e.currentTarget.value as Lang)} aria-label={t('lang.label')}>
        {LANGS.map((l) => (
          <option value={l}>{{ fr: 'Français', de: 'Deutsch', en: 'English' }[l]}</option>
        ))}
      </select>
    </label>
  );
}

export function Layout({ nav, children }: { nav: NavItem[]; children: ComponentChildren }) {
  const chain = currentChain.value;
  const path = route.value.split('?')[0] ?? '/';
  return (
    <div class="shell">
      <header class="topbar">
        <a class="brand" href="#/">
          {t('app.name')}
        </a>
        {chains.value && chains.value.length > 0 && (
          <label class="chain-switch">
            <span>{t('chain.switch')}</span>
            <select value={chain?.chainId} onChange={(e) => selectChain(e.currentTarget.value)} aria-label={t('chain.switch')}>
              {chains.value.map((c) => (
                <option value={c.chainId}>{c.name}</option>
              ))}
            </select>
          </label>
        )}
        <span class="spacer" />
        <LanguagePicker />
        <span class="who">{user.value?.email}</span>
        <button class="link" onClick={() => void signOut(auth)}>
          {t('nav.signOut')}
        </button>
      </header>
      {usingEmulators && <div class="emulator-notice">{t('emulators.notice')}</div>}
      <nav class="sidenav" aria-label="main">
        {nav
          .filter((n) => n.visible)
          .map((n) => (
            <a href={`#${n.path}`} aria-current={path === n.path || (n.path !== '/' && path.startsWith(n.path)) ? 'page' : undefined}>
              {t(n.label)}
            </a>
          ))}
      </nav>
      <main class="content">{children}</main>
      <ToastRegion />
      <ConfirmHost />
    </div>
  );
}
