// The import's row parser reads phones with the chain's country (model/phone.ts): E.164, or the cell
// kept as typed with a warning naming the column and the cell, said in the report's language.
import { describe, expect, it } from 'vitest';
import { checkRow, mergeRow, readRow, type RowContext } from '../../functions/src/imports/rows';
import { message } from '../../functions/src/model/messages';

const headers = ['Prénom', 'Nom', 'Mobile', 'Domicile', 'Travail'];
const ctx = (country: string | null): RowContext => ({
  headers,
  targets: ['firstName', 'lastName', 'phones.mobile', 'phones.home', 'phones.work'],
  types: new Map(),
  emptyCells: 'keep',
  lang: 'fr',
  country,
  dateOrder: 'dmy',
  spill: new Map(),
});
const kept = (country: string) => message('fr', 'problem.phoneKept', { country });

describe('readRow: phones', () => {
  it.each([
    // trunk prefixes, `(0)`, `00` and `+` international prefixes, dots, dashes, an extension
    ['FR', ['06 12 34 56 78', '+44 (0)20 7946 0000', '0033 (0)1 40 00 00 02'], ['+33612345678', '+442079460000', '+33140000002']],
    ['DE', ['030 1234567', '+49 (0)89 1234567', '0041 22 123 45 67'], ['+49301234567', '+49891234567', '+41221234567']],
    ['GB', ['020 7946 0000', '07911 123456', '+33 6 12 34 56 78'], ['+442079460000', '+447911123456', '+33612345678']],
    ['US', ['(202) 555-0142', '202.555.0142 ext. 7', '011 33 6 12 34 56 78'], ['+12025550142', '+12025550142;ext=7', '+33612345678']],
    ['CH', ['022 123 45 67', '044-668-18-00', '0049 30 1234567'], ['+41221234567', '+41446681800', '+49301234567']],
  ])('in a chain of %s, stores %j as %j, without warnings', (country, cells, stored) => {
    const read = readRow(['Ana', 'Lima', ...cells], ctx(country));
    expect(read.problems).toEqual([]);
    expect(read.warnings).toEqual([]);
    expect(Object.fromEntries(read.values)).toEqual({
      firstName: 'Ana',
      lastName: 'Lima',
      'phones.mobile': stored[0],
      'phones.home': stored[1],
      'phones.work': stored[2],
    });
  });

  it('keeps a number it cannot read exactly as typed (trimmed), imports the row, and warns once per cell', () => {
    const read = readRow(['Ana', 'Lima', ' 12345 ', '0612345678 poste 12', '06 12 34 56 78'], ctx('FR'));
    expect(read.problems).toEqual([]);
    expect(read.values.get('phones.mobile')).toBe('12345');
    expect(read.values.get('phones.home')).toBe('0612345678 poste 12');
    expect(read.values.get('phones.work')).toBe('+33612345678');
    expect(read.warnings).toEqual([
      { column: 'Mobile', value: ' 12345 ', message: kept('FR') },
      { column: 'Domicile', value: '0612345678 poste 12', message: kept('FR') },
    ]);
    expect(read.warnings[0]!.message).toContain('gardé tel que saisi');
    // the row is valid and goes in as it is
    const checked = checkRow(mergeRow(null, read.values), ctx('FR'), ['Ana', 'Lima', ' 12345 ', '0612345678 poste 12', '06 12 34 56 78']);
    expect(checked.ok && checked.fields.phones).toEqual({ home: '0612345678 poste 12', work: '+33612345678', mobile: '12345', pager: '', fax: '' });
  });

  it('without a chain country, reads only numbers with their country code', () => {
    const read = readRow(['Ana', 'Lima', '0033 6 12 34 56 78', '06 12 34 56 78', ''], ctx(null));
    expect(read.values.get('phones.mobile')).toBe('+33612345678');
    expect(read.values.get('phones.home')).toBe('06 12 34 56 78');
    expect(read.warnings).toEqual([{ column: 'Domicile', value: '06 12 34 56 78', message: message('fr', 'problem.phoneKept', { country: '' }) }]);
  });

  it('an empty phone cell is no warning (and clears with emptyCells=clear)', () => {
    expect(readRow(['Ana', 'Lima', '', '', ''], ctx('FR')).warnings).toEqual([]);
    expect(readRow(['Ana', 'Lima', '', '', ''], { ...ctx('FR'), emptyCells: 'clear' }).values.get('phones.mobile')).toBe('');
  });
});
