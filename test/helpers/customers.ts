import type { TestUser } from './clients';

export const HELENE = {
  firstName: 'Hélène',
  lastName: 'Müller-Straße',
  title: 'Dr',
  company: 'Atelier du Pain',
  companyRegistrationNumber: '123 456 789',
  vatNumber: 'FR12123456789',
  taxId: 'TX-1',
  birthDate: '1984-02-29',
  language: 'de',
  email: 'Helene.Muller@Example.com',
  email2: 'helene@home.example',
  phones: { home: '(123)123-1234', work: '123-123-1234', mobile: '+33 6 12 34 56 78', pager: '', fax: '1231231234' },
  website: 'www.atelier.example',
  address: { line1: '12 rue des Lilas', line2: '3e étage', postalCode: '75011', city: 'Paris', state: 'Île-de-France', country: 'France' },
  address2: { line1: 'Hauptstraße 5', line2: '', postalCode: '10115', city: 'Berlin', state: 'Berlin', country: 'Deutschland' },
  discount: 10,
  salesTax: 'Hors province',
  tags: ['VIP', 'Végétarien'],
  custom: 'FID-00042',
  notes: 'Allergic to nuts. Prefers the terrace.',
};

let counter = 0;
/** A valid customer with unique contact details. */
export function someone(overrides: Record<string, unknown> = {}) {
  counter++;
  const n = `${Date.now() % 100000}${counter}`.padStart(8, '0');
  return {
    firstName: `Test${counter}`,
    lastName: `Person${counter}`,
    email: `person-${n}@example.test`,
    phones: { mobile: `07${n}` },
    ...overrides,
  };
}

export async function createCustomer(user: TestUser, chainId: string, customer: object, extra: object = {}) {
  return user.call<{ customerId: string; version: number }>('saveCustomer', { chainId, customer, ...extra });
}
