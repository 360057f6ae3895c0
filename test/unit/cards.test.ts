import { describe, expect, it } from 'vitest';
import { generateCode } from '../../functions/src/common/cardCodes';
import { CardCode, checkCharacter, CODE_ALPHABET, codeProblem, formatCode, normalizeCode } from '../../functions/src/model/card';
import { validate } from '../../functions/src/model/issues';
import { sortCards } from '../../web/src/pages/cards/cardSort';

describe('card codes', () => {
  const codes = Array.from({ length: 2000 }, generateCode);

  it('are 21 URL-safe characters: 20 random (100 bits) and a check character', () => {
    for (const code of codes) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{21}$/);
      expect(encodeURIComponent(code)).toBe(code);
      expect(codeProblem(code)).toBeNull();
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('use every character of the alphabet about evenly (no bias from the byte conversion)', () => {
    const counts = new Map<string, number>();
    for (const code of codes) for (const c of code.slice(0, 20)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(32);
    const expected = (codes.length * 20) / 32;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.15);
  });

  it('reject every single mistyped character', () => {
    for (const code of codes.slice(0, 50)) {
      for (let i = 0; i < code.length; i++) {
        for (const c of CODE_ALPHABET) {
          if (c === code[i]) continue;
          expect(codeProblem(code.slice(0, i) + c + code.slice(i + 1)), `${code} at ${i} -> ${c}`).not.toBeNull();
        }
      }
    }
  });

  it('reject swaps of neighbouring characters (nearly all)', () => {
    let caught = 0;
    let swaps = 0;
    for (const code of codes.slice(0, 200)) {
      for (let i = 0; i < code.length - 1; i++) {
        if (code[i] === code[i + 1]) continue;
        swaps++;
        if (codeProblem(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2))) caught++;
      }
    }
    expect(caught / swaps).toBeGreaterThan(0.9);
  });

  it('are read forgivingly: case, spaces, dashes, O for 0, I and L for 1, a point-of-sale link', () => {
    const payload = 'ABCDEFGH01JKMNPQRSTV';
    const code = payload + checkCharacter(payload);
    expect(normalizeCode(formatCode(code).toLowerCase())).toBe(code);
    expect(normalizeCode(` ${code.slice(0, 8).replace('0', 'O').replace('1', 'l')} ${code.slice(8)} `)).toBe(code);
    expect(normalizeCode(`https://pos.example/#/pos?card=${code}`)).toBe(code);
    expect(formatCode(code)).toBe(`${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8, 12)}-${code.slice(12, 16)}-${code.slice(16, 20)}-${code.slice(20)}`);
  });

  it('say what is wrong with a bad code', () => {
    const bad = (input: string) => {
      const r = validate(CardCode, input);
      return r.ok ? null : r.problems[0]!.code;
    };
    expect(bad('ABC')).toBe('cardCodeLength');
    expect(bad('ABCDEFGHJKMNPQRSTVWX!')).toBe('cardCodeCharacters');
    expect(bad('ABCDEFGHJKMNPQRSTVWXU')).toBe('cardCodeCharacters');
    const code = generateCode();
    const wrong = code.slice(0, -1) + CODE_ALPHABET[(CODE_ALPHABET.indexOf(code.slice(-1)) + 1) % 32];
    expect(bad(wrong)).toBe('cardCodeCheck');
    expect(bad(code)).toBeNull();
  });
});

describe('a batch page’s card orders (web/src/pages/cards/cardSort.ts)', () => {
  const cards = [
    { code: 'C3', status: 'revoked' as const },
    { code: 'A1', status: 'bound' as const },
    { code: 'B2', status: 'unbound' as const },
    { code: 'D4', status: 'bound' as const },
    { code: 'E5', status: 'unbound' as const },
  ];
  const names = new Map([
    ['A1', 'Zola Émile'],
    ['D4', 'étienne Ana'],
    ['C3', 'Adam Bob'],
  ]);
  const codes = (sort: Parameters<typeof sortCards>[1]) => sortCards(cards, sort, names, 'fr').map((c) => c.code);

  it('by code either way, by state then code, by bound name (accents and case folded) with nameless cards last', () => {
    expect(codes('code')).toEqual(['A1', 'B2', 'C3', 'D4', 'E5']);
    expect(codes('-code')).toEqual(['E5', 'D4', 'C3', 'B2', 'A1']);
    expect(codes('status')).toEqual(['B2', 'E5', 'A1', 'D4', 'C3']);
    expect(codes('customer')).toEqual(['C3', 'D4', 'A1', 'B2', 'E5']);
    // The input is left as it was.
    expect(cards.map((c) => c.code)).toEqual(['C3', 'A1', 'B2', 'D4', 'E5']);
  });
});
