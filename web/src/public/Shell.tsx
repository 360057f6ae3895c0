// The frame of a public page: the chain's logo, name and accent colour, and the FR/DE/EN switch.
import type { ComponentChildren } from 'preact';
import { LANGS } from '@model/lang';
import { choose, pageLang } from './i18n';

export function Shell({ name, logoUrl, accentColor, children }: { name: string; logoUrl?: string; accentColor?: string; children: ComponentChildren }) {
  const style = accentColor ? { '--accent': accentColor } : {};
  return (
    <main class="public" style={style}>
      <header class="public-header">
        {logoUrl && <img class="public-logo" src={logoUrl} alt="" />}
        <strong class="public-chain">{name}</strong>
        <nav class="public-langs" aria-label="Language">
          {LANGS.map((l) => (
            <button type="button" class={l === pageLang() ? 'active' : ''} aria-pressed={l === pageLang()} lang={l} onClick={() => choose(l)}>
              {l.toUpperCase()}
            </button>
          ))}
        </nav>
      </header>
      {children}
    </main>
  );
}
