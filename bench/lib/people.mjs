// Realistic, deterministic customers for benchmarks: French, German and Swiss names with accents,
// phones in national and international forms, emails, tags, types, addresses.
const FIRST = [
  'Hélène',
  'Jean',
  'Zoé',
  'François',
  'Jürgen',
  'Anaïs',
  'Chloé',
  'Léa',
  'Lukas',
  'Mathéo',
  'Noémie',
  'Björn',
  'Élodie',
  'Paul',
  'Marie',
  'Sören',
  'Inès',
  'Raphaël',
  'Zoë',
  'Günther',
  'Lina',
  'Hugo',
  'Camille',
  'Emma',
  'Louis',
  'Maël',
  'Léon',
  'Anna',
  'Felix',
  'Sophie',
];
const LAST = [
  'Müller',
  'Dupont',
  'Éluard',
  'Schäfer',
  'Lefèvre',
  'Martin',
  'Bernard',
  'Weiß',
  'Gößmann',
  'Durand',
  'Moreau',
  'Fischer',
  'Fontaine',
  'Krüger',
  'Rousseau',
  'Schröder',
  'Girard',
  'Lambert',
  'Hoffmann',
  'Bonnet',
  'Mercier',
  'Wagner',
  'Faure',
  'Becker',
  'André',
  'Roux',
  'Vincent',
  'Keller',
  'Brunner',
  'Meier',
  'Straße',
  'Noël',
  'Laurent',
  'Garnier',
  'Chevalier',
];
const CITIES = [
  ['75011', 'Paris'],
  ['69002', 'Lyon'],
  ['13001', 'Marseille'],
  ['10115', 'Berlin'],
  ['80331', 'München'],
  ['8001', 'Zürich'],
  ['1204', 'Genève'],
  ['67000', 'Strasbourg'],
  ['33000', 'Bordeaux'],
  ['20095', 'Hamburg'],
];
const STREETS = ['rue des Lilas', 'Hauptstraße', 'avenue Jean-Jaurès', 'Bahnhofstrasse', 'boulevard Saint-Michel', 'Schillerstraße', 'place du Marché'];
const TAGS = ['VIP', 'Végétarien', 'Étudiant', 'Moto', 'Allergie', 'Terrasse', 'Fidèle', 'Newsletter', 'Anniversaire', 'Groupe'];
const COMPANIES = ['', '', '', 'Atelier du Pain', 'Müller & Söhne GmbH', 'Café Lumière', 'Boulangerie Noël', 'Helix SA'];

/** A small deterministic PRNG (mulberry32), so every run benchmarks the same data. */
export function rng(seed = 42) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (r, list) => list[Math.floor(r() * list.length)];

/** The i-th customer (unique email and mobile), as the customer schema's input. */
export function person(i, r, typeIds = []) {
  const first = pick(r, FIRST);
  const last = pick(r, LAST);
  const [postalCode, city] = pick(r, CITIES);
  const tags = TAGS.filter(() => r() < 0.12);
  const mobile = String(600000000 + i).padStart(9, '0');
  return {
    firstName: first,
    lastName: last,
    company: pick(r, COMPANIES),
    email: `${first}.${last}.${i}@example.test`.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss').toLowerCase(),
    phones: {
      mobile: r() < 0.5 ? `0${mobile.slice(0, 1)} ${mobile.slice(1, 3)} ${mobile.slice(3, 5)} ${mobile.slice(5, 7)} ${mobile.slice(7, 9)}` : `+33 ${mobile}`,
      home: r() < 0.3 ? `0${Math.floor(100000000 + r() * 899999999)}` : '',
    },
    address: { line1: `${1 + Math.floor(r() * 120)} ${pick(r, STREETS)}`, postalCode, city, country: postalCode.length === 4 ? 'Suisse' : 'France' },
    tags,
    customerTypeId: typeIds.length && r() < 0.4 ? pick(r, typeIds) : '',
    discount: r() < 0.1 ? 10 : null,
    custom: r() < 0.5 ? `FID-${String(i).padStart(6, '0')}` : '',
    notes: r() < 0.05 ? 'Préfère la terrasse; allergique aux noix.' : '',
  };
}
