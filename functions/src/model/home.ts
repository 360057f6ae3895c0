// Home's counts, served by the getHomeCounts callable to every member: plain numbers, no personal
// data, so staff of a chain that keeps contact details from them (settings.staffSeeContact off),
// whom the rules refuse search rows, see them too.
import { z } from 'zod';
import { DocId } from './ids';

export const GetHomeCountsInput = z.strictObject({ chainId: DocId });

export interface HomeCounts {
  customers: number;
  /** Created in the last 7 days, today included (UTC days). */
  newThisWeek: number;
  /** The first day counted as "new this week" (YYYY-MM-DD, UTC). */
  since: string;
  cardsBound: number;
  /** Cards whose email could not be delivered. */
  emailsFailed: number;
}
