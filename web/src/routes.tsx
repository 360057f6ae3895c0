// The route table: each page once, with its path, who may open it and its navigation entry. It
// drives the router (main.tsx), the navigation (ui/Layout) and role gating. Adding a page is one
// entry here (its texts go in the i18n tables). Patterns match whole paths; a literal segment wins
// over a parameter (`/customers/new` before `/customers/:id`), so the order of entries does not matter.
import type { VNode } from 'preact';
import type { ChainSummary } from '@model/chain';
import { EVERYONE, MANAGERS, type Role } from '@model/roles';
import type { MessageKey } from './i18n';
import { lazyPage } from './ui/lazy';

const Home = lazyPage(() => import('./pages/Home'), 'Home');
const CreateChain = lazyPage(() => import('./pages/CreateChain'), 'CreateChain');
const Members = lazyPage(() => import('./pages/Members'), 'Members');
const CustomerList = lazyPage(() => import('./pages/customers/CustomerList'), 'CustomerList');
const CustomerForm = lazyPage(() => import('./pages/customers/CustomerForm'), 'CustomerForm');
const CustomerDetail = lazyPage(() => import('./pages/customers/CustomerDetail'), 'CustomerDetail');
const CustomerTypes = lazyPage(() => import('./pages/customers/CustomerTypes'), 'CustomerTypes');
const Duplicates = lazyPage(() => import('./pages/customers/Duplicates'), 'Duplicates');
const MergeView = lazyPage(() => import('./pages/customers/Duplicates'), 'MergeView');
const ImportPage = lazyPage(() => import('./pages/imports/ImportPage'), 'ImportPage');
const CardBatches = lazyPage(() => import('./pages/cards/CardBatches'), 'CardBatches');
const BatchCards = lazyPage(() => import('./pages/cards/CardBatches'), 'BatchCards');
const Settings = lazyPage(() => import('./pages/settings/Settings'), 'Settings');
const Posters = lazyPage(() => import('./pages/settings/Posters'), 'Posters');
const AuditLog = lazyPage(() => import('./pages/audit/AuditLog'), 'AuditLog');
const PointOfSale = lazyPage(() => import('./pages/cards/PointOfSale'), 'PointOfSale');

export interface PageContext {
  /** The chain being worked on (null only for routes with `roles: null`). */
  chain: ChainSummary;
  params: Record<string, string>;
}

export interface RouteDef {
  path: string;
  /** Roles of the current chain allowed; null: any signed-in user, with or without a chain. */
  roles: readonly Role[] | null;
  /** The navigation entry's label, in the order of the table; none for a page reached by links. */
  nav?: MessageKey;
  page: (ctx: PageContext) => VNode;
}

export const ROUTES: RouteDef[] = [
  { path: '/', roles: EVERYONE, nav: 'nav.home', page: ({ chain }) => <Home chain={chain} /> },
  { path: '/pos', roles: EVERYONE, nav: 'nav.pos', page: ({ chain }) => <PointOfSale chain={chain} /> },
  { path: '/customers', roles: EVERYONE, nav: 'nav.customers', page: ({ chain }) => <CustomerList chain={chain} /> },
  { path: '/customers/new', roles: EVERYONE, page: ({ chain }) => <CustomerForm chain={chain} /> },
  { path: '/customers/:id', roles: EVERYONE, page: ({ chain, params }) => <CustomerDetail key={params.id} chain={chain} customerId={params.id!} /> },
  {
    path: '/customers/:id/edit',
    roles: EVERYONE,
    page: ({ chain, params }) => <CustomerForm key={params.id} chain={chain} customerId={params.id!} />,
  },
  { path: '/cards', roles: MANAGERS, nav: 'nav.cards', page: ({ chain }) => <CardBatches chain={chain} /> },
  { path: '/cards/:id', roles: MANAGERS, page: ({ chain, params }) => <BatchCards key={params.id} chain={chain} batchId={params.id!} /> },
  { path: '/duplicates', roles: MANAGERS, nav: 'nav.duplicates', page: ({ chain }) => <Duplicates chain={chain} /> },
  {
    path: '/duplicates/:a/:b',
    roles: MANAGERS,
    page: ({ chain, params }) => <MergeView key={`${params.a}|${params.b}`} chain={chain} firstId={params.a!} secondId={params.b!} />,
  },
  { path: '/import', roles: MANAGERS, nav: 'nav.import', page: ({ chain }) => <ImportPage chain={chain} /> },
  { path: '/types', roles: MANAGERS, nav: 'nav.types', page: ({ chain }) => <CustomerTypes chain={chain} /> },
  { path: '/members', roles: MANAGERS, nav: 'nav.members', page: ({ chain }) => <Members chain={chain} /> },
  { path: '/settings', roles: MANAGERS, nav: 'nav.settings', page: ({ chain }) => <Settings chain={chain} /> },
  { path: '/posters', roles: MANAGERS, page: ({ chain }) => <Posters chain={chain} /> },
  { path: '/audit', roles: MANAGERS, nav: 'nav.audit', page: ({ chain }) => <AuditLog chain={chain} /> },
  { path: '/chains/new', roles: null, nav: 'chain.create', page: ({ chain }) => <CreateChain first={!chain} /> },
];

/** Whether a role may open a route (a route for any signed-in user is open to all). */
export function allowed(route: Pick<RouteDef, 'roles'>, role: Role | undefined): boolean {
  return route.roles === null || (!!role && route.roles.includes(role));
}
