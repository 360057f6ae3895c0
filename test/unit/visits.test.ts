// The visit segment keys (model/visits.ts): ranges of days and counts as OR-able blocks, exact.
import { describe, expect, it } from 'vitest';
import {
  dayNumber,
  DEFAULT_VISIT_SETTINGS,
  rangeKeys,
  resolveVisitSettings,
  segmentFilter,
  visitKeys,
  VisitSettingsInput,
} from '../../functions/src/model/visits';

const blocks = (prefix: string, v: number, levels: number) => Array.from({ length: levels }, (_, l) => `${prefix}${l}:${Math.floor(v / 2 ** l)}`);

describe('rangeKeys', () => {
  it('covers exactly [lo, hi) for every range of 8-bit values', () => {
    const wrong: string[] = [];
    let largest = 0;
    for (let lo = 0; lo < 256; lo += 7) {
      for (let hi = lo; hi <= 256; hi += 5) {
        const keys = new Set(rangeKeys('~x', lo, hi, 8));
        largest = Math.max(largest, keys.size);
        for (let v = 0; v < 256; v++) {
          const hit = blocks('~x', v, 8).filter((b) => keys.has(b)).length;
          // In the range: exactly one block matches (the queries of a search are disjoint); outside: none.
          if (hit !== (v >= lo && v < hi ? 1 : 0)) wrong.push(`v=${v} lo=${lo} hi=${hi}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(largest).toBeLessThanOrEqual(2 * 8);
  });
});

describe('segmentFilter', () => {
  const now = Date.UTC(2026, 11, 2, 12);
  const today = dayNumber(now);
  const matches = (keys: string[], f: { all: string[]; any: string[] }) =>
    f.all.every((k) => keys.includes(k)) && (!f.any.length || f.any.some((k) => keys.includes(k)));
  const customer = (visits: number, firstDaysAgo: number, lastDaysAgo: number, birthDate = '') =>
    visitKeys({ visits, firstVisitMs: now - firstDaysAgo * 86_400_000, lastVisitMs: now - lastDaysAgo * 86_400_000, byLocation: { L1: visits } }, birthDate);

  it('lapsed: a visit once, none in the last 90 days (the boundary day included)', () => {
    const f = segmentFilter('lapsed', DEFAULT_VISIT_SETTINGS, now);
    expect(f.any.length).toBeLessThanOrEqual(16);
    expect(matches(customer(3, 400, 90), f)).toBe(true);
    expect(matches(customer(3, 400, 89), f)).toBe(false);
    expect(matches(customer(1, 4000, 4000), f)).toBe(true);
    expect(matches(visitKeys(null, ''), f)).toBe(false);
  });

  it('new: first visit within the last 30 days, today included', () => {
    const f = segmentFilter('new', DEFAULT_VISIT_SETTINGS, now);
    expect(matches(customer(1, 0, 0), f)).toBe(true);
    expect(matches(customer(2, 29, 1), f)).toBe(true);
    expect(matches(customer(2, 30, 1), f)).toBe(false);
  });

  it('regular 15 to 30 visits, VIP over 30, with other thresholds too', () => {
    const regular = segmentFilter('regular', DEFAULT_VISIT_SETTINGS, now);
    const vip = segmentFilter('vip', DEFAULT_VISIT_SETTINGS, now);
    for (const n of [1, 14, 15, 22, 30, 31, 200, 20000]) {
      expect(matches(customer(n, 10, 1), regular), `regular ${n}`).toBe(n >= 15 && n <= 30);
      expect(matches(customer(n, 10, 1), vip), `vip ${n}`).toBe(n > 30);
    }
    const other = resolveVisitSettings({ regularVisits: 3, vipVisits: 10 });
    expect(matches(customer(3, 10, 1), segmentFilter('regular', other, now))).toBe(true);
    expect(matches(customer(10, 10, 1), segmentFilter('regular', other, now))).toBe(false);
    expect(matches(customer(10, 10, 1), segmentFilter('vip', other, now))).toBe(true);
  });

  it('birthday this month, from the birth date, whatever the visits', () => {
    const f = segmentFilter('birthday', DEFAULT_VISIT_SETTINGS, now);
    expect(matches(visitKeys(null, '1984-12-29'), f)).toBe(true);
    expect(matches(visitKeys(null, '1984-02-29'), f)).toBe(false);
    expect(matches(visitKeys(null, ''), f)).toBe(false);
  });

  it('counts far in the past and future days stay exact', () => {
    expect(today).toBeGreaterThan(20000);
    expect(new Set(visitKeys({ visits: 1, firstVisitMs: 0, lastVisitMs: 0, byLocation: {} }, '')).size).toBe(14 + 16 + 16);
  });
});

describe('visit settings', () => {
  it('defaults to the anchors (regulars 15 to 30, VIPs over 30, same visit within 30 minutes)', () => {
    expect(resolveVisitSettings(undefined)).toEqual({
      autoCheckIn: false,
      sameVisitMinutes: 30,
      regularVisits: 15,
      vipVisits: 31,
      newDays: 30,
      lapsedDays: 90,
    });
  });
  it('refuses bad values and unknown fields', () => {
    expect(VisitSettingsInput.safeParse({ sameVisitMinutes: 0 }).success).toBe(false);
    expect(VisitSettingsInput.safeParse({ vipVisits: 1.5 }).success).toBe(false);
    expect(VisitSettingsInput.safeParse({ nope: true }).success).toBe(false);
    expect(VisitSettingsInput.parse({ lapsedDays: 60 })).toEqual({ lapsedDays: 60 });
  });
});
