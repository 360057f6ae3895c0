// Every text of the UI, in English, French and German, one module per area.
import * as backoffice from './messages/backoffice';
import * as base from './messages/base';
import * as cards from './messages/cards';
import * as customers from './messages/customers';
import * as duplicates from './messages/duplicates';
import * as exportsText from './messages/exports';
import * as imports from './messages/imports';
import * as lists from './messages/lists';
import * as settings from './messages/settings';
import * as signUp from './messages/signUp';
import * as visits from './messages/visits';
import * as wallet from './messages/wallet';
import * as phones from './messages/phones';
import * as bulk from './messages/bulk';

const en = {
  ...base.en,
  ...customers.en,
  ...imports.en,
  ...exportsText.en,
  ...cards.en,
  ...duplicates.en,
  ...backoffice.en,
  ...settings.en,
  ...signUp.en,
  ...visits.en,
  ...wallet.en,
  ...lists.en,
  ...phones.en,
  ...bulk.en,
};
export type MessageKey = keyof typeof en;
type Catalog = Record<MessageKey, string>;

export const messages: Record<'en' | 'fr' | 'de', Catalog> = {
  en,
  fr: {
    ...base.fr,
    ...customers.fr,
    ...imports.fr,
    ...exportsText.fr,
    ...cards.fr,
    ...duplicates.fr,
    ...backoffice.fr,
    ...settings.fr,
    ...signUp.fr,
    ...visits.fr,
    ...wallet.fr,
    ...lists.fr,
    ...phones.fr,
    ...bulk.fr,
  },
  de: {
    ...base.de,
    ...customers.de,
    ...imports.de,
    ...exportsText.de,
    ...cards.de,
    ...duplicates.de,
    ...backoffice.de,
    ...settings.de,
    ...signUp.de,
    ...visits.de,
    ...wallet.de,
    ...lists.de,
    ...phones.de,
    ...bulk.de,
  },
};
