import { render } from 'preact';
import { t } from './i18n';
import { match, route } from './router';
import { chains, currentChain, user } from './state';
import { CreateChain } from './pages/CreateChain';
import { Home } from './pages/Home';
import { Members } from './pages/Members';
import { CustomerDetail } from './pages/customers/CustomerDetail';
import { CustomerForm } from './pages/customers/CustomerForm';
import { CustomerList } from './pages/customers/CustomerList';
import { CustomerTypes } from './pages/customers/CustomerTypes';
import { Duplicates, MergeView } from './pages/customers/Duplicates';
import { ImportPage } from './pages/imports/ImportPage';
import { BatchCards, CardBatches } from './pages/cards/CardBatches';
import { PointOfSale } from './pages/cards/PointOfSale';
import { SignIn } from './pages/SignIn';
import { Settings } from './pages/settings/Settings';
import { Layout, type NavItem } from './ui/Layout';
import { MANAGERS } from '@model/roles';

function Page() {
  const chain = currentChain.value;
  if (!chain || match('/chains/new')) return <CreateChain first={!chain} />;
  if (match('/members')) return <Members chain={chain} />;
  if (match('/customers')) return <CustomerList chain={chain} />;
  if (match('/customers/new')) return <CustomerForm chain={chain} />;
  let m = match('/customers/:id/edit');
  if (m) return <CustomerForm key={m.id} chain={chain} customerId={m.id!} />;
  m = match('/customers/:id');
  if (m) return <CustomerDetail key={m.id} chain={chain} customerId={m.id!} />;
  if (match('/types')) return <CustomerTypes chain={chain} />;
  if (match('/duplicates') && MANAGERS.includes(chain.role)) return <Duplicates chain={chain} />;
  m = match('/duplicates/:a/:b');
  if (m && MANAGERS.includes(chain.role)) return <MergeView key={`${m.a}|${m.b}`} chain={chain} firstId={m.a!} secondId={m.b!} />;
  if (match('/import') && MANAGERS.includes(chain.role)) return <ImportPage chain={chain} />;
  if (match('/settings') && MANAGERS.includes(chain.role)) return <Settings chain={chain} />;
  if (match('/pos')) return <PointOfSale chain={chain} />;
  if (match('/cards') && MANAGERS.includes(chain.role)) return <CardBatches chain={chain} />;
  m = match('/cards/:id');
  if (m && MANAGERS.includes(chain.role)) return <BatchCards key={m.id} chain={chain} batchId={m.id!} />;
  return <Home chain={chain} />;
}

function App() {
  if (user.value === undefined) return <p class="loading">{t('common.loading')}</p>;
  if (user.value === null) return <SignIn />;
  if (chains.value === undefined) return <p class="loading">{t('common.loading')}</p>;
  const role = currentChain.value?.role;
  const isManager = !!role && MANAGERS.includes(role);
  const nav: NavItem[] = [
    { path: '/', label: 'nav.home', visible: !!role },
    { path: '/pos', label: 'nav.pos', visible: !!role },
    { path: '/customers', label: 'nav.customers', visible: !!role },
    { path: '/cards', label: 'nav.cards', visible: isManager },
    { path: '/duplicates', label: 'nav.duplicates', visible: isManager },
    { path: '/import', label: 'nav.import', visible: isManager },
    { path: '/types', label: 'nav.types', visible: isManager },
    { path: '/members', label: 'nav.members', visible: isManager },
    { path: '/settings', label: 'nav.settings', visible: isManager },
    { path: '/chains/new', label: 'chain.create', visible: true },
  ];
  void route.value; // re-render on navigation
  return (
    <Layout nav={nav}>
      <Page />
    </Layout>
  );
}

render(<App />, document.getElementById('app')!);
