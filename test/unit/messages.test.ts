// The one catalog of server messages: complete in French, German and English, every message
// rendering with its params, and AppError saying its key in the caller's language.
import { plural } from '../../functions/src/model/messages/plural';
import { describe, expect, it } from 'vitest';
import { AppError, fieldError, invalidArgument } from '../../functions/src/common/errors';
import { problemMessage } from '../../functions/src/model/issues';
import { LANGS, type Lang } from '../../functions/src/model/lang';
import { CATALOG, hasMessage, message, messageOf, type MessageKey } from '../../functions/src/model/messages';

const keys = (lang: Lang) => Object.keys(CATALOG[lang]).sort();

/** Renders a message with params that record which names it reads; every value is `7`. */
function render(lang: Lang, key: MessageKey): { text: string; read: string[] } {
  const read = new Set<string>();
  const params = new Proxy({} as Record<string, string | number>, {
    get: (_, name) => {
      if (typeof name === 'string') read.add(name);
      return '7';
    },
  });
  return { text: CATALOG[lang][key](params), read: [...read].sort() };
}

describe('the message catalog', () => {
  it('has every key in French, German and English, named <area>.<name>', () => {
    expect(new Set(keys('en').map((k) => k.split('.')[0]))).toEqual(new Set(['problem', 'error', 'import', 'export', 'data', 'cardEmail', 'signUp']));
    expect(keys('fr')).toEqual(keys('en'));
    expect(keys('de')).toEqual(keys('en'));
    for (const key of keys('en')) expect(key).toMatch(/^(problem|error|import|export|data|cardEmail|signUp)\.[\w.-]+$/);
  });

  it('renders every message in every language, reading the same params in each', () => {
    for (const key of keys('en') as MessageKey[]) {
      const en = render('en', key);
      for (const lang of LANGS) {
        const { text, read } = render(lang, key);
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
        expect(text, `${lang} ${key}`).not.toMatch(/undefined|NaN|\[object|\$\{/);
        expect(read, `${lang} ${key} reads other params than en`).toEqual(en.read);
      }
    }
  });

  it('puts the params into the text', () => {
    expect(message('en', 'import.extraCell', { n: 2 })).toBe('Extra cell 2');
    expect(message('fr', 'import.extraCell', { n: 2 })).toBe('Cellule en trop 2');
    expect(message('de', 'import.extraCell', { n: 2 })).toBe('Zusätzliche Zelle 2');
    expect(message('fr', 'import.mergedInto', { keptId: 'abc123' })).toContain('abc123');
    expect(message('de', 'import.gaveUp', { attempts: 3 })).toBe('Der Import wurde 3-mal abgebrochen; er wurde nicht erneut gestartet.');
    expect(message('en', 'import.ignoredColumns', { columns: 'A, B' })).toBe('Ignored columns: A, B');
    expect(message('en', 'error.duplicateCustomer', { matched: 'email,phone', firstName: 'Ana', lastName: 'Lee', customerId: 'c1' })).toBe(
      'A customer with the same email and phone exists: Ana Lee (c1). Confirm to create anyway.',
    );
    expect(message('fr', 'error.duplicateCustomer', { matched: 'phone', firstName: 'Ana', lastName: 'Lee', customerId: 'c1' })).toBe(
      'Un client a déjà ce numéro de téléphone : Ana Lee (c1). Confirmez pour le créer quand même.',
    );
  });

  it('has the words the import will need, in each language', () => {
    expect(LANGS.map((l) => message(l, 'import.errorColumn'))).toEqual(['Erreur', 'Fehler', 'Error']);
    expect(message('en', 'import.customerErasedMeanwhile')).toBe('this customer was erased while the import ran: the row was not imported');
    expect(message('fr', 'import.customerChangedMeanwhile')).toMatch(/^quelqu’un d’autre a modifié ce client/);
    expect(message('de', 'import.saveFailed', { detail: 'x' })).toBe('konnte nicht gespeichert werden: x');
    expect(message('fr', 'import.noRows')).not.toBe(message('en', 'import.noRows'));
  });

  it('knows a key sent at run time, and nothing else', () => {
    expect(hasMessage('error.noSuchCustomer')).toBe(true);
    expect(hasMessage('error.nope')).toBe(false);
    expect(hasMessage('toString')).toBe(false);
    expect(hasMessage(undefined)).toBe(false);
    expect(messageOf('de', 'error.typeInUse', { count: 4 })).toBe('4 Kunden haben diesen Typ: wählen Sie einen Typ für sie, oder keinen.');
    expect(messageOf('de', 'error.typeInUse', null)).toContain('Kunden haben');
    expect(messageOf('fr', 'error.nope', {})).toBeUndefined();
    expect(problemMessage('fr', 'required')).toBe('est obligatoire');
    expect(problemMessage('de', 'no such key')).toBe('ist ungültig');
  });
});

describe('AppError', () => {
  it('renders its key in the caller language and carries key and params in its details', () => {
    const make = (lang: Lang) => new AppError('aborted', 'error.customerChanged', lang, {}, { currentVersion: 2 });
    expect(make('en').message).toBe('This customer was changed by someone else since you opened it. Reload it and apply your changes again.');
    expect(make('fr').message).toBe('Quelqu’un d’autre a modifié ce client depuis que vous l’avez ouvert. Rechargez-le et refaites vos modifications.');
    expect(make('de').message).toMatch(/^Jemand anderes hat diesen Kunden geändert/);
    expect(make('fr').details).toEqual({ currentVersion: 2, key: 'error.customerChanged', params: {} });
    expect(make('fr').code).toBe('aborted');
  });

  it('with params, in each language', () => {
    const err = (lang: Lang) => new AppError('failed-precondition', 'error.typeInUse', lang, { count: 3 }, { inUse: 3 });
    expect(LANGS.map((l) => err(l).message)).toEqual([
      '3 clients ont ce type : choisissez le type à leur donner à la place, ou aucun.',
      '3 Kunden haben diesen Typ: wählen Sie einen Typ für sie, oder keinen.',
      '3 customers have this type: choose a type to give them instead, or none.',
    ]);
    expect(err('de').details).toEqual({ inUse: 3, key: 'error.typeInUse', params: { count: 3 } });
  });

  it('counts take the plural form of the language (Intl.PluralRules) and its way of writing numbers', () => {
    const typeInUse = (lang: Lang, count: number) => new AppError('failed-precondition', 'error.typeInUse', lang, { count }).message;
    expect(typeInUse('en', 1)).toMatch(/^1 customer has this type/);
    expect(typeInUse('en', 0)).toMatch(/^0 customers have this type/);
    expect(typeInUse('fr', 0)).toMatch(/^0 client a ce type/); // French: 0 and 1 are singular
    expect(typeInUse('fr', 1)).toMatch(/^1 client a ce type/);
    expect(typeInUse('de', 1)).toMatch(/^1 Kunde hat diesen Typ/);
    expect(typeInUse('en', 1234)).toMatch(/^1,234 customers have/);
    expect(typeInUse('fr', 1234)).toMatch(/^1\u202f234 clients ont/);
    expect(typeInUse('de', 1234)).toMatch(/^1\.234 Kunden haben/);
    expect(plural('de', 1, { one: 'einer Minute', other: '# Minuten' })).toBe('einer Minute');
    expect(plural('de', 5, { one: 'einer Minute', other: '# Minuten' })).toBe('5 Minuten');
  });

  it('about fields: key error.invalidInput, the problems listed in the message and details', () => {
    const one = fieldError('not-found', 'customerId', 'noSuchCustomer', 'de');
    expect(one.message).toBe('customerId: kein solcher Kunde (vielleicht gelöscht)');
    expect(one.details).toEqual({
      key: 'error.invalidInput',
      params: { count: 1 },
      problems: [{ path: 'customerId', code: 'noSuchCustomer', message: 'kein solcher Kunde (vielleicht gelöscht)' }],
    });
    const two = invalidArgument(
      [
        { path: 'email', code: 'email', message: problemMessage('fr', 'email') },
        { path: '', code: 'required', message: problemMessage('fr', 'required') },
      ],
      'merged',
    );
    expect(two.message).toBe('merged.email: n’est pas une adresse e-mail valide; merged: est obligatoire');
    expect(two.details.params).toEqual({ count: 2 });
    expect(message('fr', 'error.invalidInput', { count: 2 })).toBe('2 valeurs à corriger.');
  });
});
