import { describe, expect, it } from 'vitest';
import { identityOf, rowConcerns } from '../../functions/src/model/erasure';

const who = identityOf([
  { id: 'cust-1', doc: { firstName: 'Hélène', lastName: 'Müller', email: 'Helene@Example.fr', email2: '', phones: { mobile: '+33 6 12 34 56 78' } } },
  { id: 'merged-2', doc: { firstName: 'H.', lastName: '', email: '', email2: 'h.m@old.test', phones: { home: '01 40 00 00 02' } } },
]);

describe('rows of an erased customer', () => {
  it.each([
    ['her id', ['cust-1', 'x']],
    ['a merged profile id', ['merged-2']],
    ['her email in any case', ['HELENE@example.FR']],
    ['her second email among others in a cell', ['a@b.test ::: h.m@old.test']],
    ['her mobile in a national form', ['06 12 34 56 78']],
    ['her mobile with the 00 prefix', ['0033612345678']],
    ['her home number with dots', ['01.40.00.00.02']],
    ['her name without accents, in two cells', ['helene', 'MULLER', '']],
  ])('are found by %s', (_, cells) => {
    expect(rowConcerns(cells, who)).toBe(true);
  });

  it.each([
    ['another email', ['helene@example.com']],
    ['her first name alone', ['Hélène', 'Dupont']],
    ['a number sharing only a few digits', ['0612']],
    ['a date that has digits', ['1978-06-12']],
    ['her last name inside another word', ['Hélène', 'Müllerova']],
    ['an empty row', ['', '']],
  ])('are not confused with %s', (_, cells) => {
    expect(rowConcerns(cells, who)).toBe(false);
  });
});
