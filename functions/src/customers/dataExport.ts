// exportCustomerData: everything regulars stores about one customer, on request (GDPR art. 15):
// fields, consent log, every card that is or was theirs (revoked ones too) with its email status,
// history, audit entries and merges about them, and the profiles merged into them (as the merge
// stored them), as one JSON file and one readable HTML file in the customer's language (labels and
// dates, no raw keys), in exports/ (24 hours, like every export) with an audit entry.
import { Timestamp, type QueryDocumentSnapshot } from 'firebase-admin/firestore';
import { formatCode } from '../model/card';
import { CONSENT_CHANNELS, FIELD_ORDER, type CustomerDoc } from '../model/customer';
import { fieldLabel } from '../model/fieldLabels';
import type { Lang } from '../model/lang';
import { chainRef } from '../common/access';
import type { ChainCaller } from '../common/callable';
import { fieldError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { newExport } from '../exports/files';
import { cardQuery, cardsOfCustomerQuery } from './cardLinks';
import { customersOf, customerTypesOf } from './refs';
import { fieldsOf } from './write';
import type { QueryShape } from '../model/queryShape';

/** Firestore values as JSON: timestamps as ISO dates. */
function plain(value: unknown): unknown {
  if (value instanceof Timestamp) return value.toDate().toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

type Words = Record<
  | 'title' | 'fields' | 'consent' | 'consentLog' | 'cards' | 'history' | 'audit' | 'merges' | 'mergedProfiles' | 'generated'
  | 'date' | 'channel' | 'decision' | 'source' | 'code' | 'status' | 'boundAt' | 'emailStatus' | 'action' | 'changes' | 'undone'
  | 'granted' | 'withdrawn' | 'notAsked' | 'mergedHere' | 'mergedAway' | 'mergedOn' | 'none',
  string
>;

const WORDS: Record<Lang, Words> = {
  en: {
    title: 'Your data at', fields: 'Profile', consent: 'Contact permissions', consentLog: 'Consent log', cards: 'Cards', history: 'History',
    audit: 'Actions recorded about you', merges: 'Merges', mergedProfiles: 'Profiles merged into yours', generated: 'Generated on',
    date: 'Date', channel: 'Channel', decision: 'Decision', source: 'From', code: 'Card', status: 'Status', boundAt: 'Given on',
    emailStatus: 'Card email', action: 'What', changes: 'Changes', undone: 'Undone on', granted: 'granted', withdrawn: 'withdrawn',
    notAsked: 'not recorded', mergedHere: 'Another profile of yours was merged into this one', mergedAway: 'This profile was merged into another one of yours',
    mergedOn: 'merged on', none: 'None',
  },
  fr: {
    title: 'Vos données chez', fields: 'Profil', consent: 'Autorisations de contact', consentLog: 'Journal des autorisations', cards: 'Cartes',
    history: 'Historique', audit: 'Actions enregistrées vous concernant', merges: 'Fusions', mergedProfiles: 'Fiches fusionnées dans la vôtre',
    generated: 'Généré le', date: 'Date', channel: 'Mode de communication', decision: 'Décision', source: 'Origine', code: 'Carte', status: 'État',
    boundAt: 'Remise le', emailStatus: 'Courriel de la carte', action: 'Quoi', changes: 'Modifications', undone: 'Annulée le', granted: 'accordée',
    withdrawn: 'retirée', notAsked: 'non renseignée', mergedHere: 'Une autre fiche à votre nom a été fusionnée dans celle-ci',
    mergedAway: 'Cette fiche a été fusionnée dans une autre fiche à votre nom', mergedOn: 'fusionnée le', none: 'Aucune',
  },
  de: {
    title: 'Ihre Daten bei', fields: 'Profil', consent: 'Kontakterlaubnis', consentLog: 'Protokoll der Kontakterlaubnis', cards: 'Karten', history: 'Verlauf',
    audit: 'Über Sie aufgezeichnete Vorgänge', merges: 'Zusammenführungen', mergedProfiles: 'In Ihr Profil zusammengeführte Profile', generated: 'Erstellt am',
    date: 'Datum', channel: 'Kanal', decision: 'Entscheidung', source: 'Quelle', code: 'Karte', status: 'Status', boundAt: 'Ausgegeben am',
    emailStatus: 'Karten-E-Mail', action: 'Was', changes: 'Änderungen', undone: 'Rückgängig gemacht am', granted: 'erteilt', withdrawn: 'widerrufen',
    notAsked: 'nicht erfasst', mergedHere: 'Ein anderes Profil von Ihnen wurde mit diesem zusammengeführt', mergedAway: 'Dieses Profil wurde mit einem anderen Profil von Ihnen zusammengeführt',
    mergedOn: 'zusammengeführt am', none: 'Keine',
  },
};

type Labels = Record<string, Record<Lang, string>>;
const l = (en: string, fr: string, de: string) => ({ en, fr, de });

const SOURCE: Labels = {
  backoffice: l('back office', 'back-office', 'Backoffice'),
  pos: l('point of sale', 'caisse', 'Kasse'),
  import: l('import', 'importation', 'Import'),
  merge: l('merge', 'fusion', 'Zusammenführung'),
};
const CARD_STATUS: Labels = {
  unbound: l('not in use', 'non liée', 'frei'),
  bound: l('in use', 'liée', 'verknüpft'),
  revoked: l('revoked (lost or stolen)', 'révoquée (perdue ou volée)', 'gesperrt (verloren oder gestohlen)'),
};
const EMAIL_STATUS: Labels = {
  none: l('not sent (no email address)', 'non envoyé (pas d’adresse)', 'nicht gesendet (keine Adresse)'),
  pending: l('waiting to be sent', 'en attente d’envoi', 'wartet auf Versand'),
  sending: l('being sent', 'en cours d’envoi', 'wird gesendet'),
  sent: l('sent', 'envoyé', 'gesendet'),
  failed: l('could not be sent', 'échec de l’envoi', 'konnte nicht gesendet werden'),
};
const ACTION: Labels = {
  create: l('Profile created', 'Fiche créée', 'Profil angelegt'),
  update: l('Profile updated', 'Fiche modifiée', 'Profil geändert'),
  merge: l('Merged with another profile', 'Fusionnée avec une autre fiche', 'Mit einem anderen Profil zusammengeführt'),
  'merged-into': l('Merged into another profile', 'Fusionnée dans une autre fiche', 'In ein anderes Profil zusammengeführt'),
  unmerge: l('Merge undone', 'Fusion annulée', 'Zusammenführung rückgängig gemacht'),
  'card.bind': l('Card given', 'Carte remise', 'Karte ausgegeben'),
  'card.revoke': l('Card revoked', 'Carte révoquée', 'Karte gesperrt'),
  'customer.merge': l('Profiles merged', 'Fiches fusionnées', 'Profile zusammengeführt'),
  'customer.unmerge': l('Merge undone', 'Fusion annulée', 'Zusammenführung rückgängig gemacht'),
  'customer.dataExport': l('Copy of your data prepared', 'Copie de vos données préparée', 'Kopie Ihrer Daten erstellt'),
};

const esc = (v: unknown) => String(v ?? '').replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const label = (labels: Labels, key: unknown, lang: Lang) => labels[String(key)]?.[lang] ?? String(key ?? '');

function table(headers: string[], rows: string[][], none: string): string {
  if (!rows.length) return `<p>${esc(none)}</p>`;
  return `<table><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`;
}

/** Readable values: dates in the language, lists joined, nested objects as "label: value" lines. */
function text(v: unknown, lang: Lang): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return WORDS[lang][v ? 'granted' : 'withdrawn'];
  if (Array.isArray(v)) return v.length ? v.map((x) => text(x, lang)).join(', ') : '—';
  if (typeof v === 'object') return Object.entries(v).map(([k, x]) => `${k}: ${text(x, lang)}`).join('; ');
  return String(v);
}

function date(iso: unknown, lang: Lang): string {
  if (typeof iso !== 'string' || !iso) return '—';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso)) + ' UTC';
}

/** A profile as label / value rows (address parts, phones and custom fields each on their own row). */
function profileRows(c: Record<string, any>, lang: Lang, extra: { typeName: string; customFieldLabels: Record<string, string> }): string {
  const rows: [string, unknown][] = [];
  for (const field of FIELD_ORDER) {
    const v = c[field];
    if (field === 'customerTypeId') rows.push([fieldLabel(field, lang), extra.typeName || v]);
    else if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) rows.push([fieldLabel(`${field}.${k}`, lang, extra.customFieldLabels), x]);
    else rows.push([fieldLabel(field, lang), v]);
  }
  return `<table>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(text(v, lang))}</td></tr>`).join('')}</table>`;
}

function readable(data: Record<string, any>, lang: Lang, chainName: string, extra: { typeName: string; customFieldLabels: Record<string, string> }): string {
  const t = WORDS[lang];
  const c = data.customer as Record<string, any>;
  const decision = (granted: unknown) => (granted === true ? t.granted : granted === false ? t.withdrawn : t.notAsked);
  const consent = CONSENT_CHANNELS.map((ch) => {
    const s = c.consent?.[ch] as Record<string, unknown> | null | undefined;
    return [esc(fieldLabel(`consent.${ch}`, lang)), esc(decision(s?.granted)), esc(date(s?.at, lang)), esc(s ? label(SOURCE, s.source, lang) : '—')];
  });
  const consentLog = (data.consentLog as Record<string, any>[]).map((e) => [
    esc(date(e.at, lang)), esc(fieldLabel(`consent.${e.channel}`, lang)), esc(decision(e.granted)), esc(label(SOURCE, e.source, lang)),
  ]);
  const cards = (data.cards as Record<string, any>[]).map((k) => [
    `<code>${esc(formatCode(String(k.code)))}</code>`, esc(label(CARD_STATUS, k.status, lang)), esc(date(k.boundAt, lang)), esc(label(EMAIL_STATUS, k.email?.status ?? 'none', lang)),
  ]);
  const history = (data.history as Record<string, any>[]).map((h) => [
    esc(date(h.at, lang)),
    esc(label(ACTION, h.action, lang) + (h.card ? ` (${formatCode(String(h.card))})` : '')),
    esc(label(SOURCE, h.source, lang)),
    ((h.changes ?? []) as { field: string; before: unknown; after: unknown }[])
      .map((ch) => esc(`${fieldLabel(ch.field, lang, extra.customFieldLabels)}: ${text(ch.before, lang)} → ${text(ch.after, lang)}`))
      .concat(((h.consent ?? []) as { channel: string; granted: boolean }[]).map((x) => esc(`${fieldLabel(`consent.${x.channel}`, lang)}: ${decision(x.granted)}`)))
      .join('<br>'),
  ]);
  const merges = (data.merges as Record<string, any>[]).map((m) => [
    esc(date(m.at, lang)), esc(m.keepId === data.customerId ? t.mergedHere : t.mergedAway), esc(date(m.undoneAt, lang)),
  ]);
  const audit = (data.audit as Record<string, any>[]).map((a) => [esc(date(a.at, lang)), esc(label(ACTION, a.action, lang))]);
  const merged = (data.mergedProfiles as Record<string, any>[])
    .map((p) => `<h3>${esc(`${p.profile.firstName} ${p.profile.lastName}`)} (${esc(t.mergedOn)} ${esc(date(p.mergedAt, lang))})</h3>${profileRows(p.profile, lang, { typeName: '', customFieldLabels: extra.customFieldLabels })}`)
    .join('');
  return `<!doctype html><html lang="${lang}"><meta charset="utf-8"><title>${esc(t.title)} ${esc(chainName)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}</style>
<h1>${esc(t.title)} ${esc(chainName)}</h1><p>${esc(t.generated)} ${esc(date(data.generatedAt, lang))}</p>
<h2>${esc(t.fields)}</h2>${profileRows(c, lang, extra)}
<h2>${esc(t.consent)}</h2>${table([t.channel, t.decision, t.date, t.source], consent, t.none)}
<h2>${esc(t.consentLog)}</h2>${table([t.date, t.channel, t.decision, t.source], consentLog, t.none)}
<h2>${esc(t.cards)}</h2>${table([t.code, t.status, t.boundAt, t.emailStatus], cards, t.none)}
<h2>${esc(t.history)}</h2>${table([t.date, t.action, t.source, t.changes], history, t.none)}
<h2>${esc(t.merges)}</h2>${table([t.date, t.action, t.undone], merges, t.none)}
<h2>${esc(t.mergedProfiles)}</h2>${merged || `<p>${esc(t.none)}</p>`}
<h2>${esc(t.audit)}</h2>${table([t.date, t.action], audit, t.none)}
</html>`;
}

/** The queries of a customer's data export (checked by `npm run deploy:check`). */
export const QUERIES: QueryShape[] = [
  { name: 'data export: consent log', collection: 'consentLog', orderBy: [{ field: 'at' }] },
  { name: 'data export: history', collection: 'history', orderBy: [{ field: 'at' }] },
  { name: 'data export: audit entries on the customer', collection: 'audit', where: [{ field: 'target.id', op: '==' }] },
  { name: 'data export: audit entries naming the customer', collection: 'audit', where: [{ field: 'details.customerId', op: '==' }] },
  { name: 'data export: merges keeping the customer', collection: 'merges', where: [{ field: 'keepId', op: '==' }] },
  { name: 'data export: merges of the customer', collection: 'merges', where: [{ field: 'mergedId', op: '==' }] },
];

export async function exportCustomerData(
  { db, storage }: Deps,
  caller: ChainCaller,
  input: { customerId: string },
): Promise<{ exportId: string; files: { path: string; fileName: string }[]; expiresAt: string }> {
  const ref = customersOf(db, caller.chainId).doc(input.customerId);
  const snap = await ref.get();
  const customer = snap.data() as CustomerDoc | undefined;
  if (!customer) throw fieldError('not-found', 'customerId', 'noSuchCustomer', caller.lang);
  const chain = chainRef(db, caller.chainId);
  const [chainSnap, type, consentLog, history, auditAbout, auditMentioning, mergesKept, mergesMerged] = await Promise.all([
    chain.get(),
    customer.customerTypeId ? customerTypesOf(db, caller.chainId).doc(customer.customerTypeId).get() : null,
    ref.collection('consentLog').orderBy('at').get(),
    ref.collection('history').orderBy('at').get(),
    chain.collection('audit').where('target.id', '==', input.customerId).get(),
    chain.collection('audit').where('details.customerId', '==', input.customerId).get(),
    chain.collection('merges').where('keepId', '==', input.customerId).get(),
    chain.collection('merges').where('mergedId', '==', input.customerId).get(),
  ]);
  // Profiles merged into this one (and not separated again) are this customer's data too.
  const mergedIn = mergesKept.docs.filter((d) => !d.get('undoneAt'));
  // Every card that is or was the customer's (or a merged profile's): a revoked card keeps its
  // customer, a bound one is also listed on the customer.
  const owners = [input.customerId, ...mergedIn.map((d) => String(d.get('mergedId')))];
  const [byOwner, byCode] = await Promise.all([
    Promise.all(owners.map((id) => cardsOfCustomerQuery(db, caller.chainId, id).get())),
    Promise.all((customer.cardCodes ?? []).map((code) => cardQuery(db, caller.chainId, code).get())),
  ]);
  const cardDocs = new Map([...byOwner, ...byCode].flatMap((s) => s.docs).map((d) => [d.id, d]));
  const lang: Lang = customer.language || caller.lang;
  const auditDocs = new Map([...auditAbout.docs, ...auditMentioning.docs].map((d) => [d.id, d]));
  const at = (d: QueryDocumentSnapshot) => (d.get('at') as Timestamp | undefined)?.toMillis() ?? 0;
  const data = plain({
    generatedAt: new Date(),
    chain: { id: caller.chainId, name: chainSnap.get('name') },
    customerId: input.customerId,
    customer,
    consentLog: consentLog.docs.map((d) => d.data()),
    cards: [...cardDocs.values()]
      .sort((a, b) => String(a.get('code')).localeCompare(String(b.get('code'))))
      .map((d) => {
        const c = d.data();
        return { code: c.code, status: c.status, batchId: c.batchId, boundAt: c.boundAt ?? null, revokedAt: c.revokedAt ?? null, email: c.email ?? { status: 'none' } };
      }),
    history: history.docs.map((d) => d.data()),
    audit: [...auditDocs.values()].sort((a, b) => at(a) - at(b)).map((d) => d.data()),
    merges: [...mergesKept.docs, ...mergesMerged.docs].map((d) => {
      const { keepBefore: _k, mergedBefore: _m, keepAfter: _a, ...summary } = d.data();
      return { id: d.id, ...summary };
    }),
    mergedProfiles: mergedIn.map((d) => {
      const before = d.get('mergedBefore') as CustomerDoc;
      return { customerId: d.get('mergedId'), mergedAt: d.get('at'), profile: { ...fieldsOf(before), consent: before.consent ?? null } };
    }),
  }) as Record<string, any>;

  const exp = newExport(db, caller.chainId, 'customerData', caller.uid);
  const stem = `exports/${caller.chainId}/${exp.id}-customer-data`;
  const customFieldLabels = Object.fromEntries(((chainSnap.get('customFields') ?? []) as { key: string; label: string }[]).map((d) => [d.key, d.label]));
  const extra = { typeName: String(type?.get('name') ?? ''), customFieldLabels };
  const files = [
    { path: `${stem}.json`, fileName: `customer-data-${input.customerId}.json`, contentType: 'application/json; charset=utf-8', body: JSON.stringify(data, null, 2) },
    { path: `${stem}.html`, fileName: `customer-data-${input.customerId}.html`, contentType: 'text/html; charset=utf-8', body: readable(data, lang, String(chainSnap.get('name')), extra) },
  ];
  await Promise.all(
    files.map((f) =>
      storage.bucket().file(f.path).save(f.body, { resumable: false, metadata: exp.fileMetadata(f.fileName, f.contentType) }),
    ),
  );
  await exp.record(
    { paths: files.map((f) => f.path), customerId: input.customerId, lang },
    { action: 'customer.dataExport', target: { kind: 'customer', id: input.customerId }, details: { exportId: exp.id } },
  );
  return { exportId: exp.id, files: files.map(({ path, fileName }) => ({ path, fileName })), expiresAt: exp.expiresAt.toISOString() };
}
