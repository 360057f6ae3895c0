// Hash routes (`#/members`), so the app works from any static host without rewrites.
import { signal } from '@preact/signals';

function current(): string {
  return location.hash.replace(/^#/, '') || '/';
}

export const route = signal(current());
window.addEventListener('hashchange', () => (route.value = current()));

export function navigate(path: string): void {
  location.hash = path;
}

/** `/customers/abc` matched against `/customers/:id` -> `{ id: 'abc' }`, or null. */
export function match(pattern: string, path = route.value.split('?')[0] ?? ''): Record<string, string> | null {
  const p = pattern.split('/');
  const a = path.split('/');
  if (p.length !== a.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i]!.startsWith(':')) params[p[i]!.slice(1)] = decodeURIComponent(a[i]!);
    else if (p[i] !== a[i]) return null;
  }
  return params;
}

/**
 * The route of `routes` matching `path`, with its parameters: among several matches, the one with
 * the most literal segments (`/customers/new` over `/customers/:id`), so a table's order does not matter.
 */
export function resolve<R extends { path: string }>(
  routes: readonly R[],
  path = route.value.split('?')[0] ?? '',
): { route: R; params: Record<string, string> } | null {
  let best: { route: R; params: Record<string, string>; literal: number } | null = null;
  for (const r of routes) {
    const params = match(r.path, path);
    if (!params) continue;
    const literal = r.path.split('/').filter((s) => s && !s.startsWith(':')).length;
    if (!best || literal > best.literal) best = { route: r, params, literal };
  }
  return best && { route: best.route, params: best.params };
}

/** Scrolls the page to the top (after a page change of a list, or a new route). */
export function scrollToTop(): void {
  window.scrollTo({ top: 0 });
}
