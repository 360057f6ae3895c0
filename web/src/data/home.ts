// The home page's counts, from the getHomeCounts callable (count() aggregations on the server):
// every member gets them, staff of a chain that keeps contact details from them included (the rules
// refuse them the search rows these counts are made from).
import type { HomeCounts } from '@model/home';
import { call } from '../api';

export type { HomeCounts };

export function homeCounts(chainId: string): Promise<HomeCounts> {
  return call('getHomeCounts', { chainId });
}
