// Session state: the signed-in user, their chains and the chain being worked on.
import { computed, effect, signal } from '@preact/signals';
import { onAuthStateChanged, type User } from 'firebase/auth';
import type { ChainSummary } from '@model/chain';
import type { CustomerQueryInput, Sort } from '@model/search';
import { call } from './api';
import { auth } from './firebase';

export const user = signal<User | null | undefined>(undefined); // undefined: not known yet
export const chains = signal<ChainSummary[] | undefined>(undefined);
const CHAIN_KEY = 'regulars.chain';
export const currentChainId = signal<string | null>(localStorage.getItem(CHAIN_KEY));

export const currentChain = computed(() => {
  const list = chains.value ?? [];
  return list.find((c) => c.chainId === currentChainId.value) ?? list[0] ?? null;
});

effect(() => {
  const id = currentChain.value?.chainId;
  if (id) localStorage.setItem(CHAIN_KEY, id);
});

export function selectChain(chainId: string): void {
  currentChainId.value = chainId;
}

export async function refreshChains(): Promise<void> {
  const result = await call('listMyChains', {});
  chains.value = result.chains;
}

onAuthStateChanged(auth, (u) => {
  user.value = u;
  chains.value = undefined;
  if (u) void refreshChains().catch(() => (chains.value = []));
});

/** The customer list's current search and filters (the export uses the same). */
export const customerQuery = signal<CustomerQueryInput>({ text: '' });

/** The customer list's order (model/search.ts SORTS), kept across pages and visits of the list. */
export const customerSort = signal<Sort>('name');
