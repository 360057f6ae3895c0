// Visit segments as single equality filters (`~seg:regular` on the index row), kept exact as days
// pass and settings change. Pure: shared with web/ and the tests.
//
// A segment (new, regular, VIP, lapsed) depends on three things: the customer's visit summary,
// the chain's thresholds and time zone (the `label`), and today in that time zone. The write path
// computes the customer's `SegmentState` whenever the visit summary changes (check-in, undo,
// import of visit columns, merge, unmerge) and keeps it on the customer document, so every other
// write copies it to the rebuilt row unchanged. The state holds the local day of the first and the
// last visit, and the row holds them as keys (`~fvd:<day>`, `~lvd:<day>`), so the rows whose
// membership changes on a given day are found by equality: on day D, rows whose last visit was on
// D - lapsedDays become lapsed, rows whose first visit was on D - newDays stop being new. Counts
// (regular, VIP) never change without a write.
//
// The chain document holds a stamp `segmentKeys: { label, day }`: every row is keyed for that
// label as of that day. A search uses the single key only when the stamp is today's with the
// current label; otherwise (after local midnight until the refresh has run, or after a settings
// change until every row is re-keyed) it uses the block keys of model/visits.ts, exact but an OR.
import type { Segment, VisitSettings, VisitSummary } from './visits';

const DAY_MS = 86_400_000;

/** What a segment is relative to: the chain's thresholds and time zone, and now. */
export interface SegmentClock {
  settings: VisitSettings;
  timeZone: string;
  nowMs: number;
}

/** `chains/{chainId}.segmentKeys`: every index row is keyed for `label` as of `day` (local). */
export interface SegmentStamp {
  label: string;
  day: string;
}

/** `customers/{id}.segments`: the visit segments of a customer as of `day`, and its local visit days. */
export interface SegmentState {
  label: string;
  day: string;
  members: Segment[];
  firstDay: string | null;
  lastDay: string | null;
}

/** The segments kept as keys on the row (birthday and location are keys of their own). */
export const KEYED_SEGMENTS = ['new', 'regular', 'vip', 'lapsed'] as const satisfies readonly Segment[];

export const stateKey = {
  segment: (s: Segment) => `~seg:${s}`,
  firstDay: (day: string) => `~fvd:${day}`,
  lastDay: (day: string) => `~lvd:${day}`,
};

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for an IANA time zone name that Intl knows (`Europe/Paris`, `UTC`). */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** Intl's spelling of a time zone it knows (`europe/paris` is `Europe/Paris`). */
export const canonicalTimeZone = (name: string): string => formatter(name).resolvedOptions().timeZone;

/** The calendar day (`YYYY-MM-DD`) of an instant in a time zone. */
export function localDay(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Days since 1970-01-01 of a calendar day, and back. */
export const dayIndex = (day: string): number => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
export const dayAt = (index: number): string => new Date(index * DAY_MS).toISOString().slice(0, 10);
export const addDays = (day: string, n: number): string => dayAt(dayIndex(day) + n);

/** The wall clock of a time zone at an instant (to compare zones). */
const clockAt = (ms: number, timeZone: string) => new Date(ms).toLocaleString('en-GB', { timeZone, hourCycle: 'h23' });
/** Instants that tell zones apart: mid-winter and mid-summer, and the usual switch weeks. */
const PROBES = ['2026-01-15', '2026-03-29', '2026-07-15', '2026-10-25', '2026-11-02'].map((d) => Date.parse(`${d}T12:00:00Z`));

/**
 * The time zone of a country (Intl's data) when all its zones keep the same clock (`DE`: Berlin and
 * Büsingen), else UTC: a country over several clocks (`US`) needs the owner to choose.
 */
export function defaultTimeZone(country: string | null): string {
  if (!country) return 'UTC';
  let zone = countryZones.get(country);
  if (zone === undefined) countryZones.set(country, (zone = zoneOfCountry(country)));
  return zone;
}
const countryZones = new Map<string, string>();

function zoneOfCountry(country: string): string {
  try {
    const locale = new Intl.Locale(`und-${country}`) as Intl.Locale & { timeZones?: string[]; getTimeZones?: () => string[] };
    const zones = (locale.getTimeZones?.() ?? locale.timeZones ?? []).filter(isTimeZone);
    const first = zones[0];
    if (!first) return 'UTC';
    return zones.every((z) => PROBES.every((ms) => clockAt(ms, z) === clockAt(ms, first))) ? first : 'UTC';
  } catch {
    return 'UTC';
  }
}

/** What the keys of a row depend on besides the customer: thresholds and time zone. */
export function segmentLabel(settings: VisitSettings, timeZone: string): string {
  return `r${settings.regularVisits}v${settings.vipVisits}n${settings.newDays}l${settings.lapsedDays}@${timeZone}`;
}

export const stampOf = (clock: SegmentClock): SegmentStamp => ({
  label: segmentLabel(clock.settings, clock.timeZone),
  day: localDay(clock.nowMs, clock.timeZone),
});

/** True when every row is keyed for the clock's label and day: a keyed segment is one equality. */
export function stampFresh(stamp: SegmentStamp | null | undefined, clock: SegmentClock): boolean {
  const now = stampOf(clock);
  return !!stamp && stamp.label === now.label && stamp.day === now.day;
}

/** The keyed segments of a visit summary at the clock's day (none without a visit). */
export function segmentState(v: VisitSummary | null, clock: SegmentClock): SegmentState | null {
  if (!v || v.visits <= 0) return null;
  const { settings, timeZone } = clock;
  const today = localDay(clock.nowMs, timeZone);
  const firstDay = v.firstVisitMs === null ? null : localDay(v.firstVisitMs, timeZone);
  const lastDay = v.lastVisitMs === null ? null : localDay(v.lastVisitMs, timeZone);
  const members: Segment[] = [];
  // First visit within the last `newDays` days, today included.
  if (firstDay !== null && dayIndex(firstDay) > dayIndex(today) - settings.newDays) members.push('new');
  if (v.visits >= settings.regularVisits && v.visits < settings.vipVisits) members.push('regular');
  if (v.visits >= settings.vipVisits) members.push('vip');
  // A visit once, none in the last `lapsedDays` days.
  if (lastDay !== null && dayIndex(lastDay) <= dayIndex(today) - settings.lapsedDays) members.push('lapsed');
  return { label: segmentLabel(settings, timeZone), day: today, members, firstDay, lastDay };
}

/** The row keys of a segment state. */
export function segmentStateKeys(state: SegmentState | null | undefined): string[] {
  if (!state) return [];
  const keys = state.members.map(stateKey.segment);
  if (state.firstDay) keys.push(stateKey.firstDay(state.firstDay));
  if (state.lastDay) keys.push(stateKey.lastDay(state.lastDay));
  return keys;
}

/** Two states with the same membership and days (the day they were computed on aside). */
export function sameState(a: SegmentState | null | undefined, b: SegmentState | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.label === b.label && a.firstDay === b.firstDay && a.lastDay === b.lastDay && a.members.join() === b.members.join();
}

/**
 * The days whose transitions a refresh from stamp `from` to today must apply: for each day D after
 * `from` up to today, the last-visit day D - lapsedDays and the first-visit day D - newDays.
 */
export function transitionDays(from: string, today: string, settings: VisitSettings): { lastDays: string[]; firstDays: string[] } {
  const lastDays: string[] = [];
  const firstDays: string[] = [];
  for (let d = dayIndex(from) + 1; d <= dayIndex(today); d++) {
    lastDays.push(dayAt(d - settings.lapsedDays));
    firstDays.push(dayAt(d - settings.newDays));
  }
  return { lastDays, firstDays };
}
