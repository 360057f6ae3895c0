// The public pages, a bundle of their own (public.html: no sign-in, no back office code):
//   /join/{chainId}[/{locationId}]   sign-up          /join/{chainId}/confirm#t=…   confirmation
//   /me/{chainId}#t=…                preferences
import { render } from 'preact';
import { ConfirmPage } from './ConfirmPage';
import { t } from './i18n';
import { PreferencesPage } from './PreferencesPage';
import { SignUpPage } from './SignUpPage';

const ID = '([A-Za-z0-9_-]{1,128})';
const ROUTES: { pattern: RegExp; page: (m: string[], token: string | null) => preact.JSX.Element }[] = [
  { pattern: new RegExp(`^/join/${ID}/confirm/?$`), page: (m, token) => <ConfirmPage chainId={m[1]!} token={token} /> },
  { pattern: new RegExp(`^/join/${ID}(?:/${ID})?/?$`), page: (m) => <SignUpPage chainId={m[1]!} locationId={m[2]} /> },
  { pattern: new RegExp(`^/me/${ID}/?$`), page: (m, token) => <PreferencesPage chainId={m[1]!} token={token} /> },
];

function Page() {
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('t');
  for (const route of ROUTES) {
    const m = route.pattern.exec(location.pathname);
    if (m) return route.page([...m] as string[], token);
  }
  return <p class="banner banner--error">{t('public.badLink')}</p>;
}

render(<Page />, document.getElementById('app')!);
