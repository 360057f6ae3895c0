import { describe, expect, it } from 'vitest';
import { chainLocale, decimalSeparator, regionListSeparator } from '../../functions/src/model/locale';

describe("the chain's locale and the export's list separator", () => {
  it('derives the locale from language and country', () => {
    expect(chainLocale('fr', 'FR')).toBe('fr-FR');
    expect(chainLocale('de', 'CH')).toBe('de-CH');
    expect(chainLocale('en', null)).toBe('en');
    expect(decimalSeparator('fr-FR')).toBe(',');
    expect(decimalSeparator('en-US')).toBe('.');
  });

  it.each([
    ['fr', 'FR', 'semicolon'],
    ['de', 'DE', 'semicolon'],
    ['en', 'FR', 'semicolon'], // an English-speaking team in France: French Excel
    ['de', 'CH', 'semicolon'],
    ['fr', 'CH', 'semicolon'],
    ['en', 'US', 'comma'],
    ['en', 'GB', 'comma'],
    ['fr', 'CA', 'semicolon'],
    ['en', 'CA', 'comma'],
    ['en', null, 'comma'],
    ['fr', null, 'semicolon'],
  ] as const)('%s in %s: %s', (language, country, separator) => {
    expect(regionListSeparator(language, country)).toBe(separator);
  });
});
