// Visit segments as single keys (model/segments.ts): local days in the chain's time zone, the state
// agreeing with the exact block filter, and the daily refresh's transitions giving the same state
// as computing it afresh.
import { describe, expect, it } from 'vitest';
import { ChainSettings, resolveSettings } from '../../functions/src/model/chain';
import {
  addDays,
  dayIndex,
  defaultTimeZone,
  isTimeZone,
  localDay,
  segmentState,
  segmentStateKeys,
  stampFresh,
  stampOf,
  transitionDays,
  type SegmentClock,
  type SegmentState,
} from '../../functions/src/model/segments';
import { DEFAULT_VISIT_SETTINGS, segmentFilter, visitKeys, withImportedVisits, type Segment, type VisitSummary } from '../../functions/src/model/visits';

const at = (iso: string) => Date.parse(iso);
const DAY = 86_400_000;

describe('localDay in Europe/Paris around midnight', () => {
  it('a winter check-in at 00:30 in Paris (23:30 UTC) is on the Paris day, not the UTC one', () => {
    expect(localDay(at('2026-01-15T23:30:00Z'), 'Europe/Paris')).toBe('2026-01-16');
    expect(localDay(at('2026-01-15T23:30:00Z'), 'UTC')).toBe('2026-01-15');
    expect(localDay(at('2026-01-15T22:59:59Z'), 'Europe/Paris')).toBe('2026-01-15');
  });
  it('in summer (UTC+2) the day starts at 22:00 UTC', () => {
    expect(localDay(at('2026-07-15T21:59:59Z'), 'Europe/Paris')).toBe('2026-07-15');
    expect(localDay(at('2026-07-15T22:00:00Z'), 'Europe/Paris')).toBe('2026-07-16');
  });
  it('the last night of the month belongs to the next month in Paris (birthday this month)', () => {
    const now = at('2026-03-31T22:30:00Z'); // 00:30 on 1 April in Paris
    expect(segmentFilter('birthday', DEFAULT_VISIT_SETTINGS, now, 'Europe/Paris').all).toEqual(['~bm:04']);
    expect(segmentFilter('birthday', DEFAULT_VISIT_SETTINGS, now, 'UTC').all).toEqual(['~bm:03']);
  });
});

describe('time zone setting', () => {
  it('accepts IANA names Intl knows and refuses others, naming the field', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(ChainSettings.safeParse({ timeZone: 'America/New_York' }).success).toBe(true);
    expect(ChainSettings.parse({ timeZone: 'europe/paris' }).timeZone).toBe('Europe/Paris');
    const bad = ChainSettings.safeParse({ timeZone: 'Paris' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['timeZone']);
  });
  it('defaults from the country when it has one time zone, else UTC', () => {
    expect(defaultTimeZone('FR')).toBe('Europe/Paris');
    expect(defaultTimeZone('DE')).toBe('Europe/Berlin');
    expect(defaultTimeZone('US')).toBe('UTC');
    expect(defaultTimeZone(null)).toBe('UTC');
    expect(resolveSettings({ country: 'FR' }).timeZone).toBe('Europe/Paris');
    expect(resolveSettings({ country: 'FR', timeZone: 'Europe/Berlin' }).timeZone).toBe('Europe/Berlin');
    expect(resolveSettings(undefined).timeZone).toBe('UTC');
  });
});

// A small deterministic generator of visit summaries.
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}
const SEGS: Segment[] = ['new', 'regular', 'vip', 'lapsed'];
const matches = (keys: string[], f: { all: string[]; any: string[] }) =>
  f.all.every((k) => keys.includes(k)) && (f.any.length === 0 || f.any.some((k) => keys.includes(k)));

function summaries(n: number, nowMs: number): (VisitSummary | null)[] {
  const r = rng(42);
  return Array.from({ length: n }, () => {
    if (r() < 0.1) return null;
    const last = nowMs - Math.floor(r() * 200 * DAY) - Math.floor(r() * DAY);
    const first = last - Math.floor(r() * 120 * DAY);
    return { visits: 1 + Math.floor(r() * 50), firstVisitMs: first, lastVisitMs: last, byLocation: {} };
  });
}

describe('segmentState', () => {
  const settings = { ...DEFAULT_VISIT_SETTINGS, newDays: 20, lapsedDays: 45, regularVisits: 5, vipVisits: 12 };
  for (const timeZone of ['Europe/Paris', 'UTC', 'Pacific/Kiritimati']) {
    it(`agrees with the exact block filter for every segment (${timeZone})`, () => {
      const nowMs = at('2026-12-02T23:30:00Z');
      const clock: SegmentClock = { settings, timeZone, nowMs };
      const wrong: string[] = [];
      for (const v of summaries(600, nowMs)) {
        const state = segmentState(v, clock);
        const keys = visitKeys(v, '', state);
        for (const s of SEGS) {
          const byBlocks = matches(keys, segmentFilter(s, settings, nowMs, timeZone));
          const byKey = keys.includes(`~seg:${s}`);
          if (byBlocks !== byKey) wrong.push(`${s} ${JSON.stringify(v)}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('has no segment and no key without a visit', () => {
    const clock = { settings, timeZone: 'UTC', nowMs: Date.now() };
    expect(segmentState(null, clock)).toBeNull();
    expect(segmentState({ visits: 0, firstVisitMs: null, lastVisitMs: null, byLocation: {} }, clock)).toBeNull();
    expect(segmentStateKeys(null)).toEqual([]);
  });

  it('counts a visit at 00:30 in Paris on the Paris day: new until newDays later, lapsed from lapsedDays later', () => {
    const visit = at('2026-01-15T23:30:00Z'); // 16 January in Paris
    const v = { visits: 1, firstVisitMs: visit, lastVisitMs: visit, byLocation: {} };
    const on = (day: string) => segmentState(v, { settings, timeZone: 'Europe/Paris', nowMs: at(`${day}T12:00:00Z`) })!;
    expect(on('2026-01-16').firstDay).toBe('2026-01-16');
    expect(on(addDays('2026-01-16', settings.newDays - 1)).members).toContain('new');
    expect(on(addDays('2026-01-16', settings.newDays)).members).not.toContain('new');
    expect(on(addDays('2026-01-16', settings.lapsedDays - 1)).members).not.toContain('lapsed');
    expect(on(addDays('2026-01-16', settings.lapsedDays)).members).toContain('lapsed');
    // The same instant in UTC is the 15th: one day earlier.
    expect(segmentState(v, { settings, timeZone: 'UTC', nowMs: visit })!.firstDay).toBe('2026-01-15');
  });
});

describe('refresh by transitions', () => {
  it('re-keying only the rows whose first or last visit falls on a transition day gives the fresh state', () => {
    const settings = { ...DEFAULT_VISIT_SETTINGS, newDays: 7, lapsedDays: 30 };
    const timeZone = 'Europe/Paris';
    const start = at('2026-11-01T10:00:00Z');
    const wrong: string[] = [];
    for (const gap of [1, 2, 5, 40]) {
      const later = start + gap * DAY;
      const from = localDay(start, timeZone);
      const to = localDay(later, timeZone);
      const { lastDays, firstDays } = transitionDays(from, to, settings);
      expect(lastDays.length).toBe(dayIndex(to) - dayIndex(from));
      for (const v of summaries(400, start)) {
        const old = segmentState(v, { settings, timeZone, nowMs: start });
        const fresh = segmentState(v, { settings, timeZone, nowMs: later });
        const touched = !!old && (lastDays.includes(old.lastDay!) || firstDays.includes(old.firstDay!));
        const kept: SegmentState | null = touched ? fresh : old;
        if (kept?.members.join() !== fresh?.members.join()) wrong.push(`gap ${gap}: ${JSON.stringify(v)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a stamp is fresh only for today and the current thresholds and time zone', () => {
    const clock = { settings: DEFAULT_VISIT_SETTINGS, timeZone: 'Europe/Paris', nowMs: at('2026-12-02T10:00:00Z') };
    const stamp = stampOf(clock);
    expect(stampFresh(stamp, clock)).toBe(true);
    expect(stampFresh(stamp, { ...clock, nowMs: clock.nowMs + DAY })).toBe(false);
    expect(stampFresh(stamp, { ...clock, timeZone: 'UTC' })).toBe(false);
    expect(stampFresh(stamp, { ...clock, settings: { ...DEFAULT_VISIT_SETTINGS, lapsedDays: 60 } })).toBe(false);
    expect(stampFresh(null, clock)).toBe(false);
  });
});

describe('imported visit days', () => {
  it('are noon UTC, the same calendar day in Paris and in New York', () => {
    const v = withImportedVisits(
      { visits: 0, firstVisitMs: null, lastVisitMs: null, byLocation: {} },
      { count: 3, firstDay: '2026-02-01', lastDay: '2026-03-01' },
    )!;
    for (const tz of ['Europe/Paris', 'America/New_York', 'UTC']) {
      expect(localDay(v.firstVisitMs!, tz)).toBe('2026-02-01');
      expect(localDay(v.lastVisitMs!, tz)).toBe('2026-03-01');
    }
  });
});
