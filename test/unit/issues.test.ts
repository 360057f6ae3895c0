import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SetMemberInput, CreateChainInput } from '../../functions/src/model/chain';
import { describeIssues, problemMessage, summarizeProblems, validate } from '../../functions/src/model/issues';
import { pickLang } from '../../functions/src/model/lang';

describe('validate / describeIssues', () => {
  const schema = z.strictObject({
    name: z.string().trim().min(1).max(127),
    email: z.email().optional(),
    role: z.enum(['owner', 'staff']),
    count: z.number().int().max(10).optional(),
  });

  it('names every field path and says what is wrong, in each language', () => {
    const result = validate(schema, { name: ' ', email: 'nope', role: 'boss', count: 1.5, extra: true }, 'en');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { path: 'name', code: 'required', message: 'is required' },
      { path: 'email', code: 'email', message: 'is not a valid email address' },
      { path: 'role', code: 'oneOf', message: 'must be one of: owner, staff', params: { values: 'owner, staff' } },
      { path: 'count', code: 'integer', message: 'must be a whole number' },
      { path: 'extra', code: 'unknownKeys', message: 'unknown field: extra', params: { keys: 'extra', count: 1 } },
    ]);
    const fr = validate(schema, { name: 'x'.repeat(128), role: 'owner' }, 'fr');
    expect(!fr.ok && fr.problems).toEqual([{ path: 'name', code: 'tooLong', message: 'doit comporter moins de 128 caractères', params: { limit: 128 } }]);
    const de = validate(schema, { role: 'owner' }, 'de');
    expect(!de.ok && de.problems[0]).toEqual({ path: 'name', code: 'required', message: 'ist erforderlich' });
  });

  it('reports each unknown key at its own path, nested ones too', () => {
    const nested = z.strictObject({ customer: z.strictObject({ name: z.string() }) });
    const result = validate(nested, { customer: { name: 'Ann', nickname: 'A', age: 3 }, other: 1 }, 'en');
    expect(!result.ok && result.problems.map((p) => [p.path, p.code, p.params])).toEqual([
      ['customer.nickname', 'unknownKeys', { keys: 'nickname', count: 1 }],
      ['customer.age', 'unknownKeys', { keys: 'age', count: 1 }],
      ['other', 'unknownKeys', { keys: 'other', count: 1 }],
    ]);
  });

  it('accepts valid input and returns the parsed value', () => {
    expect(validate(schema, { name: '  Ann ', role: 'staff' })).toEqual({ ok: true, value: { name: 'Ann', role: 'staff' } });
  });

  it('reports a whole missing object as one problem at the root', () => {
    const result = validate(schema, null, 'en');
    expect(!result.ok && result.problems).toEqual([{ path: '', code: 'required', message: 'is required' }]);
  });

  it('summarizes problems on one line, and falls back to English for an unknown key', () => {
    expect(summarizeProblems(describeIssues(schema.safeParse({ role: 'x', name: 'a' }).error!.issues))).toBe('role: must be one of: owner, staff');
    expect(problemMessage('de', 'no-such-key')).toBe('ist ungültig');
  });
});

describe('chain inputs', () => {
  it('setMember needs exactly one of email or uid, and says so with the other problems', () => {
    const neither = validate(SetMemberInput, { chainId: 'c1', role: 'boss' });
    expect(!neither.ok && neither.problems.map((p) => [p.path, p.code])).toEqual([
      ['role', 'oneOf'],
      ['email', 'emailOrUid'],
    ]);
    const both = validate(SetMemberInput, { chainId: 'c1', email: 'a@b.co', uid: 'u1', role: 'staff' });
    expect(!both.ok && both.problems.map((p) => p.code)).toEqual(['emailOrUid']);
    expect(validate(SetMemberInput, { chainId: 'c1', uid: 'u1', role: null }).ok).toBe(true);
  });

  it('rejects chain ids that could escape their collection', () => {
    for (const chainId of ['../x', 'a/b', '', 'x'.repeat(129)]) {
      expect(validate(SetMemberInput, { chainId, uid: 'u', role: 'staff' }).ok, chainId).toBe(false);
    }
  });

  it('createChain trims names and defaults locations', () => {
    expect(validate(CreateChainInput, { name: ' A ' })).toEqual({ ok: true, value: { name: 'A', locations: [] } });
  });
});

describe('pickLang', () => {
  it.each([
    ['fr-CH', 'fr'],
    ['de', 'de'],
    ['DE-at', 'de'],
    ['en-GB', 'en'],
    ['es-ES', 'en'],
    [undefined, 'en'],
    ['', 'en'],
  ])('%s -> %s', (tag, lang) => {
    expect(pickLang(tag)).toBe(lang);
  });
});

describe('lone surrogates in any string input', () => {
  it('are refused with their field path and a catalog message, before the schema runs', () => {
    const schema = z.strictObject({ customer: z.strictObject({ firstName: z.string(), tags: z.array(z.string()) }), custom: z.record(z.string(), z.string()) });
    const r = validate(schema, { customer: { firstName: 'Ana\uD83D', tags: ['ok', '\uDE00x'] }, custom: { ['k\uD800']: 'v' } }, 'fr');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toEqual([
      { path: 'customer.firstName', code: 'loneSurrogate', message: problemMessage('fr', 'loneSurrogate') },
      { path: 'customer.tags.1', code: 'loneSurrogate', message: problemMessage('fr', 'loneSurrogate') },
      { path: 'custom.k\uD800', code: 'loneSurrogate', message: problemMessage('fr', 'loneSurrogate') },
    ]);
    expect(problemMessage('de', 'loneSurrogate')).not.toBe(problemMessage('en', 'invalid'));
  });

  it('accepts whole surrogate pairs (emoji)', () => {
    expect(validate(z.strictObject({ name: z.string() }), { name: 'Ana 😀' }).ok).toBe(true);
  });
});

describe('paging cursors', () => {
  it('refuse an empty, foreign or malformed cursor with the path `cursor`', async () => {
    const { SearchCustomersInput } = await import('../../functions/src/model/search');
    const { FindDuplicatesInput } = await import('../../functions/src/model/merge');
    for (const cursor of ['', '.', '..', 'a/b', '__x__', 'x'.repeat(1501)]) {
      const r = validate(SearchCustomersInput, { chainId: 'c', cursor });
      expect(!r.ok && r.problems.map((p) => `${p.path}:${p.code}`)).toEqual(['cursor:invalid']);
    }
    expect(validate(SearchCustomersInput, { chainId: 'c', cursor: 'dupont jean abc' }).ok).toBe(true);
    for (const cursor of ['', ':', '2:', 'x:' + 'a'.repeat(40), '2:' + 'a'.repeat(39), '2:' + 'A'.repeat(40), 'dupont jean abc']) {
      const r = validate(FindDuplicatesInput, { chainId: 'c', cursor });
      expect(!r.ok && r.problems.map((p) => `${p.path}:${p.code}`)).toEqual(['cursor:invalid']);
    }
    expect(validate(FindDuplicatesInput, { chainId: 'c', cursor: '2:' + 'a'.repeat(40) }).ok).toBe(true);
  });
});
