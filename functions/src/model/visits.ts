// Visits at the till: the check-in input, the chain's visit settings, and the search keys that make
// visit segments (new, regular, VIP, lapsed, birthday this month, visited a location) equality
// filters on the index row's map `k`, so they combine with search and the other filters.
//
// Time-relative segments are not rewritten as days pass. A day is a number (days since 1970-01-01,
// UTC); the row holds, for the first and the last visit, one key per power-of-two block containing
// that day (`~lv3:2598` = the last visit is in days 2598·8 … 2598·8+7). Any range of days is the
// union of at most two blocks per level, so "last visit before day D" (lapsed) is an OR of at most
// 16 equalities, computed at query time from today. Visit counts work the same way (`~vc<level>:`),
// so thresholds are chain settings that can change without rewriting a row. Pure: shared with web/.
import { z } from 'zod';
import { DocId } from './ids';
import { dayIndex, localDay, segmentStateKeys, type SegmentState } from './segments';

export const VISIT_SOURCES = ['scan', 'code', 'search'] as const;
export type VisitSource = (typeof VISIT_SOURCES)[number];

/** A check-in can be undone for this long. */
export const UNDO_CHECK_IN_MS = 10 * 60 * 1000;
/** Counter shards per chain and day: a busy till never waits on one hot document. */
export const STATS_SHARDS = 4;
/** Days a dashboard shows. */
export const DASHBOARD_DAYS = 90;
/** Days the day counters (`stats`) are kept: the dashboard's 90 days and a year to compare with; older ones are purged. */
export const STATS_KEEP_DAYS = 400;

/** The chain's visit settings as stored (`settings.visits`, every field optional; saved field by field). */
export const VisitSettingsInput = z.strictObject({
  /** Check the customer in as soon as a card is scanned (else: a tap on "Check in"). */
  autoCheckIn: z.boolean().optional(),
  /** A second check-in at the same location within this many minutes is the same visit. */
  sameVisitMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
  /** Regulars have at least this many visits (and fewer than `vipVisits`). */
  regularVisits: z.number().int().min(1).max(9999).optional(),
  /** VIPs have at least this many visits ("over 30" by default). */
  vipVisits: z.number().int().min(2).max(10000).optional(),
  /** New: first visit within this many days. */
  newDays: z.number().int().min(1).max(3650).optional(),
  /** Lapsed: no visit for this many days. */
  lapsedDays: z.number().int().min(1).max(3650).optional(),
});
export type VisitSettingsInput = z.output<typeof VisitSettingsInput>;
export type VisitSettings = Required<VisitSettingsInput>;

/** Defaults from Clover's anchors: regulars 15 to 30 visits, VIPs over 30. */
export const DEFAULT_VISIT_SETTINGS: VisitSettings = {
  autoCheckIn: false,
  sameVisitMinutes: 30,
  regularVisits: 15,
  vipVisits: 31,
  newDays: 30,
  lapsedDays: 90,
};

export function resolveVisitSettings(stored: VisitSettingsInput | undefined | null): VisitSettings {
  const out = { ...DEFAULT_VISIT_SETTINGS };
  for (const [key, value] of Object.entries(stored ?? {})) if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  return out;
}

export const CheckInInput = z.strictObject({
  chainId: DocId,
  customerId: DocId,
  locationId: DocId,
  source: z.enum(VISIT_SOURCES),
});
export type CheckInInput = z.output<typeof CheckInInput>;

export const UndoCheckInInput = z.strictObject({ chainId: DocId, customerId: DocId, visitId: DocId });
export type UndoCheckInInput = z.output<typeof UndoCheckInInput>;

export const ListVisitsInput = z.strictObject({ chainId: DocId, customerId: DocId, limit: z.number().int().min(1).max(200).default(50) });

export interface CheckInResult {
  visitId: string;
  /** False when a check-in of the same customer at the same location was still open (the same visit). */
  created: boolean;
  visits: number;
  /** Until when `undoCheckIn` accepts this visit (ms since epoch). */
  undoUntil: number;
}

export const SEGMENTS = ['new', 'regular', 'vip', 'lapsed', 'birthday'] as const;
export type Segment = (typeof SEGMENTS)[number];

const DAY_MS = 86_400_000;
/** Levels of day blocks: 2^16 days reach the year 2149. */
const DAY_LEVELS = 16;
/** Levels of visit-count blocks; counts above 2^14 - 1 count as that. */
const COUNT_LEVELS = 14;
const MAX_COUNT = 2 ** COUNT_LEVELS - 1;

export const dayNumber = (ms: number): number => Math.floor(ms / DAY_MS);
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function blockKeys(prefix: string, value: number, levels: number): string[] {
  return Array.from({ length: levels }, (_, level) => `${prefix}${level}:${Math.floor(value / 2 ** level)}`);
}

/** The fewest aligned blocks that exactly cover [lo, hi) (hi exclusive), as keys. */
export function rangeKeys(prefix: string, lo: number, hi: number, levels: number): string[] {
  const keys: string[] = [];
  let at = Math.max(0, lo);
  const end = Math.min(hi, 2 ** levels);
  while (at < end) {
    let level = 0;
    while (level + 1 < levels && at % 2 ** (level + 1) === 0 && at + 2 ** (level + 1) <= end) level++;
    keys.push(`${prefix}${level}:${at / 2 ** level}`);
    at += 2 ** level;
  }
  return keys;
}

/** What the index row needs to know about a customer's visits. */
export interface VisitSummary {
  visits: number;
  firstVisitMs: number | null;
  lastVisitMs: number | null;
  byLocation: Record<string, number>;
}

export const segmentKey = {
  lastVisit: '~lv',
  firstVisit: '~fv',
  count: '~vc',
  location: (locationId: string) => `~loc:${locationId}`,
  birthMonth: (month: string) => `~bm:${month}`,
};

/**
 * The visit keys of an index row. With the customer's segment state (model/segments.ts), days are
 * the chain's local days and the state's keys (`~seg:`, `~fvd:`, `~lvd:`) are added.
 */
export function visitKeys(v: VisitSummary | null, birthDate: string, state: SegmentState | null = null): string[] {
  const keys: string[] = [];
  if (/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) keys.push(segmentKey.birthMonth(birthDate.slice(5, 7)));
  if (!v || v.visits <= 0) return keys;
  keys.push(...blockKeys(segmentKey.count, Math.min(v.visits, MAX_COUNT), COUNT_LEVELS));
  const lastDay = state?.lastDay ? dayIndex(state.lastDay) : v.lastVisitMs !== null ? dayNumber(v.lastVisitMs) : null;
  const firstDay = state?.firstDay ? dayIndex(state.firstDay) : v.firstVisitMs !== null ? dayNumber(v.firstVisitMs) : null;
  if (lastDay !== null) keys.push(...blockKeys(segmentKey.lastVisit, lastDay, DAY_LEVELS));
  if (firstDay !== null) keys.push(...blockKeys(segmentKey.firstVisit, firstDay, DAY_LEVELS));
  for (const [loc, n] of Object.entries(v.byLocation)) if (n > 0) keys.push(segmentKey.location(loc));
  keys.push(...segmentStateKeys(state));
  return keys;
}

/**
 * A segment as block keys: `all` must all match, and one of `any` (when not empty). Computed from
 * today in the chain's time zone and the chain's settings. Exact whatever the rows' stamp; the
 * search prefers the single `~seg:` key when the chain's stamp is fresh (model/segments.ts).
 */
export function segmentFilter(segment: Segment, settings: VisitSettings, nowMs: number, timeZone = 'UTC'): { all: string[]; any: string[] } {
  const todayDay = localDay(nowMs, timeZone);
  const today = dayIndex(todayDay);
  switch (segment) {
    case 'birthday':
      return { all: [segmentKey.birthMonth(todayDay.slice(5, 7))], any: [] };
    case 'new':
      // First visit in the last N days, today included.
      return { all: [], any: rangeKeys(segmentKey.firstVisit, today - settings.newDays + 1, today + 1, DAY_LEVELS) };
    case 'lapsed':
      // A visit once, none in the last N days.
      return { all: [], any: rangeKeys(segmentKey.lastVisit, 0, today - settings.lapsedDays + 1, DAY_LEVELS) };
    case 'regular':
      return { all: [], any: rangeKeys(segmentKey.count, settings.regularVisits, Math.max(settings.regularVisits, settings.vipVisits), COUNT_LEVELS) };
    case 'vip':
      return { all: [], any: rangeKeys(segmentKey.count, settings.vipVisits, MAX_COUNT + 1, COUNT_LEVELS) };
  }
}

export const GetDashboardInput = z.strictObject({ chainId: DocId });

/** What the dashboard shows (owners and managers): counters of the last DASHBOARD_DAYS days, segment sizes, cards, emails. */
export interface Dashboard {
  from: string;
  to: string;
  locations: { id: string; name: string }[];
  /** One entry per day from `from` to `to`, zeros included. */
  days: { day: string; checkIns: number; byLocation: Record<string, number> }[];
  /** New customers (first visit) per week, weeks starting on Monday (`week`: the Monday). */
  weeks: { week: string; newCustomers: number }[];
  segments: Record<Segment, number>;
  cardsBound: number;
  emailFailures: number;
}

/** The Monday (UTC) of a day's week. */
export function weekOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** Sums the shards of each day into the dashboard's days and weeks (pure, so the web and tests share it). */
export function sumStats(stats: StatsDoc[], from: string, to: string): Pick<Dashboard, 'days' | 'weeks'> {
  const byDay = new Map<string, { checkIns: number; byLocation: Record<string, number>; firstVisits: number }>();
  for (let d = from; d <= to; d = dayOf(Date.parse(`${d}T00:00:00Z`) + DAY_MS)) byDay.set(d, { checkIns: 0, byLocation: {}, firstVisits: 0 });
  for (const s of stats) {
    const day = byDay.get(s.day);
    if (!day) continue;
    day.checkIns += s.checkIns ?? 0;
    day.firstVisits += s.firstVisits ?? 0;
    for (const [loc, n] of Object.entries(s.byLocation ?? {})) day.byLocation[loc] = (day.byLocation[loc] ?? 0) + n;
  }
  const weeks = new Map<string, number>();
  for (const [day, v] of byDay) weeks.set(weekOf(day), (weeks.get(weekOf(day)) ?? 0) + v.firstVisits);
  return {
    days: [...byDay].map(([day, v]) => ({ day, checkIns: v.checkIns, byLocation: v.byLocation })),
    weeks: [...weeks].map(([week, newCustomers]) => ({ week, newCustomers })),
  };
}

/** Visit columns of an imported row (Square's first and last visit and transaction count, Shopify's order count, regulars' own). */
export interface ImportedVisits {
  count?: number;
  /** `YYYY-MM-DD` */
  firstDay?: string;
  lastDay?: string;
}

/**
 * A stored visit summary with an import's visit columns: the larger count, the earlier first and the
 * later last visit, compared by day (a day equal to the stored one keeps the stored time), so that
 * importing an export again changes nothing. Null when nothing changes.
 */
export function withImportedVisits(v: VisitSummary, imported: ImportedVisits): VisitSummary | null {
  // Noon UTC: the same calendar day in every time zone from UTC-12 to UTC+11 (model/segments.ts).
  const ms = (day: string) => Date.parse(`${day}T12:00:00Z`);
  const out: VisitSummary = { ...v, byLocation: { ...v.byLocation } };
  if (imported.count !== undefined && imported.count > out.visits) out.visits = imported.count;
  if (imported.firstDay && (out.firstVisitMs === null || imported.firstDay < dayOf(out.firstVisitMs))) out.firstVisitMs = ms(imported.firstDay);
  if (imported.lastDay && (out.lastVisitMs === null || imported.lastDay > dayOf(out.lastVisitMs))) out.lastVisitMs = ms(imported.lastDay);
  // A first or last visit implies at least one visit (and two distinct days, two).
  const days =
    out.firstVisitMs !== null && out.lastVisitMs !== null && dayOf(out.firstVisitMs) !== dayOf(out.lastVisitMs)
      ? 2
      : out.firstVisitMs !== null || out.lastVisitMs !== null
        ? 1
        : 0;
  if (out.visits < days) out.visits = days;
  if (out.firstVisitMs === null && out.lastVisitMs !== null) out.firstVisitMs = out.lastVisitMs;
  if (out.lastVisitMs === null && out.firstVisitMs !== null) out.lastVisitMs = out.firstVisitMs;
  const same = out.visits === v.visits && out.firstVisitMs === v.firstVisitMs && out.lastVisitMs === v.lastVisitMs;
  return same ? null : out;
}

/** The stats document of a day and shard: `<YYYY-MM-DD>-<shard>`. */
export const statsId = (day: string, shard: number) => `${day}-${shard}`;

/** `chains/{chainId}/stats/{day-shard}`: counters written with each check-in (summed by the dashboard). */
export interface StatsDoc {
  day: string;
  checkIns: number;
  /** Check-ins per location id. */
  byLocation: Record<string, number>;
  /** Customers whose first visit this was. */
  firstVisits: number;
}
