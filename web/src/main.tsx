import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import { t } from './i18n';
import { resolve, route, scrollToTop } from './router';
import { ROUTES, allowed } from './routes';
import { chains, currentChain, user } from './state';
import { SignIn } from './pages/SignIn';
import { Layout, type NavItem } from './ui/Layout';

const CREATE_CHAIN = ROUTES.find((r) => r.path === '/chains/new')!;
const HOME = ROUTES.find((r) => r.path === '/')!;

/** The page of the current route (the route table), or a refusal when the role may not open it. */
function Page() {
  const chain = currentChain.value;
  const path = route.value.split('?')[0] ?? '/';
  useEffect(scrollToTop, [path]);
  // Without a chain, the only page is the one that creates it.
  if (!chain) return CREATE_CHAIN.page({ chain: null as never, params: {} });
  const found = resolve(ROUTES) ?? { route: HOME, params: {} };
  if (!allowed(found.route, chain.role)) return <p class="banner banner--error">{t('common.forbidden')}</p>;
  return found.route.page({ chain, params: found.params });
}

function App() {
  if (user.value === undefined) return <p class="loading">{t('common.loading')}</p>;
  if (user.value === null) return <SignIn />;
  if (chains.value === undefined) return <p class="loading">{t('common.loading')}</p>;
  const role = currentChain.value?.role;
  const nav: NavItem[] = ROUTES.filter((r) => r.nav).map((r) => ({
    path: r.path,
    label: r.nav!,
    visible: r.roles === null || (!!role && allowed(r, role)),
  }));
  void route.value; // re-render on navigation
  return (
    <Layout nav={nav}>
      <Page />
    </Layout>
  );
}

render(<App />, document.getElementById('app')!);
