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
