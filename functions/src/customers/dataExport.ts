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
import { message, messageOf } from '../model/messages';
import type { ChainCaller } from '../common/callable';
import { fieldError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { newExport } from '../common/exportFiles';
import { fieldsOf } from '../store/customers';
import {
  auditOf,
  chainRef,
  cardQuery,
  cardsOfCustomerQuery,
  consentLogOf,
  customersOf,
  customerTypesOf,
  historyOf,
  locationsOf,
  mergesOf,
  visitsOf,
} from '../store/refs';
import type { QueryShape } from '../model/queryShape';

/** Checked by `npm run deploy:check`. */
export const QUERIES: QueryShape[] = [
  { name: 'data export: consent log', collection: 'consentLog', orderBy: [{ field: 'at' }] },
  { name: 'data export: history', collection: 'history', orderBy: [{ field: 'at' }] },
  { name: 'data export: visits', collection: 'visits', orderBy: [{ field: 'at' }] },
  { name: 'data export: audit entries on the customer', collection: 'audit', where: [{ field: 'target.id', op: '==' }] },
  { name: 'data export: audit entries naming the customer', collection: 'audit', where: [{ field: 'details.customerId', op: '==' }] },
  { name: 'data export: merges keeping the customer', collection: 'merges', where: [{ field: 'keepId', op: '==' }] },
  { name: 'data export: merges of the customer', collection: 'merges', where: [{ field: 'mergedId', op: '==' }] },
];

/** Firestore values as JSON: timestamps as ISO dates. */
function plain(value: unknown): unknown {
  if (value instanceof Timestamp) return value.toDate().toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

const WORDS = [
  'title',
  'fields',
  'consent',
  'consentLog',
  'cards',
  'history',
  'visits',
  'location',
  'audit',
  'merges',
  'mergedProfiles',
  'generated',
  'date',
  'channel',
  'decision',
  'source',
  'code',
  'status',
  'boundAt',
  'emailStatus',
  'action',
  'changes',
  'undone',
  'granted',
  'withdrawn',
  'notAsked',
  'mergedHere',
  'mergedAway',
  'mergedOn',
  'none',
] as const;

/** The file's words in one language, from the message catalog (`data.<word>`). */
const words = (lang: Lang) => Object.fromEntries(WORDS.map((w) => [w, message(lang, `data.${w}`)])) as Record<(typeof WORDS)[number], string>;

/** Names of stored values, by catalog prefix: `data.source.pos`, `data.action.card.bind`… */
const SOURCE = 'source';
const CARD_STATUS = 'cardStatus';
const EMAIL_STATUS = 'emailStatus';
const ACTION = 'action';

const esc = (v: unknown) => String(v ?? '').replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const label = (prefix: string, key: unknown, lang: Lang) => messageOf(lang, `data.${prefix}.${String(key)}`) ?? String(key ?? '');

function table(headers: string[], rows: string[][], none: string): string {
  if (!rows.length) return `<p>${esc(none)}</p>`;
  return `<table><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`;
}

/** Readable values: dates in the language, lists joined, nested objects as "label: value" lines. */
function text(v: unknown, lang: Lang): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return message(lang, v ? 'data.granted' : 'data.withdrawn');
  if (Array.isArray(v)) return v.length ? v.map((x) => text(x, lang)).join(', ') : '—';
  if (typeof v === 'object')
    return Object.entries(v)
      .map(([k, x]) => `${k}: ${text(x, lang)}`)
      .join('; ');
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
    else if (v && typeof v === 'object' && !Array.isArray(v))
      for (const [k, x] of Object.entries(v)) rows.push([fieldLabel(`${field}.${k}`, lang, extra.customFieldLabels), x]);
    else rows.push([fieldLabel(field, lang), v]);
  }
  return `<table>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(text(v, lang))}</td></tr>`).join('')}</table>`;
}

function readable(data: Record<string, any>, lang: Lang, chainName: string, extra: { typeName: string; customFieldLabels: Record<string, string> }): string {
  const t = words(lang);
  const c = data.customer as Record<string, any>;
  const decision = (granted: unknown) => (granted === true ? t.granted : granted === false ? t.withdrawn : t.notAsked);
  const consent = CONSENT_CHANNELS.map((ch) => {
    const s = c.consent?.[ch] as Record<string, unknown> | null | undefined;
    return [esc(fieldLabel(`consent.${ch}`, lang)), esc(decision(s?.granted)), esc(date(s?.at, lang)), esc(s ? label(SOURCE, s.source, lang) : '—')];
  });
  const consentLog = (data.consentLog as Record<string, any>[]).map((e) => [
    esc(date(e.at, lang)),
    esc(fieldLabel(`consent.${e.channel}`, lang)),
    esc(decision(e.granted)),
    esc(label(SOURCE, e.source, lang)),
  ]);
  const cards = (data.cards as Record<string, any>[]).map((k) => [
    `<code>${esc(formatCode(String(k.code)))}</code>`,
    esc(label(CARD_STATUS, k.status, lang)),
    esc(date(k.boundAt, lang)),
    esc(label(EMAIL_STATUS, k.email?.status ?? 'none', lang)),
  ]);
  const history = (data.history as Record<string, any>[]).map((h) => [
    esc(date(h.at, lang)),
    esc(label(ACTION, h.action, lang) + (h.card ? ` (${formatCode(String(h.card))})` : '')),
    esc(label(SOURCE, h.source, lang)),
    ((h.changes ?? []) as { field: string; before: unknown; after: unknown }[])
      .map((ch) => esc(`${fieldLabel(ch.field, lang, extra.customFieldLabels)}: ${text(ch.before, lang)} → ${text(ch.after, lang)}`))
      .concat(
        ((h.consent ?? []) as { channel: string; granted: boolean }[]).map((x) => esc(`${fieldLabel(`consent.${x.channel}`, lang)}: ${decision(x.granted)}`)),
      )
      .join('<br>'),
  ]);
  const visits = (data.visits as Record<string, any>[]).map((v) => [esc(date(v.at, lang)), esc(String(v.locationName ?? v.locationId)), esc(String(v.source))]);
  const merges = (data.merges as Record<string, any>[]).map((m) => [
    esc(date(m.at, lang)),
    esc(m.keepId === data.customerId ? t.mergedHere : t.mergedAway),
    esc(date(m.undoneAt, lang)),
  ]);
  const audit = (data.audit as Record<string, any>[]).map((a) => [esc(date(a.at, lang)), esc(label(ACTION, a.action, lang))]);
  const merged = (data.mergedProfiles as Record<string, any>[])
    .map(
      (p) =>
        `<h3>${esc(`${p.profile.firstName} ${p.profile.lastName}`)} (${esc(t.mergedOn)} ${esc(date(p.mergedAt, lang))})</h3>${profileRows(p.profile, lang, { typeName: '', customFieldLabels: extra.customFieldLabels })}`,
    )
    .join('');
  return `<!doctype html><html lang="${lang}"><meta charset="utf-8"><title>${esc(t.title)} ${esc(chainName)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}</style>
<h1>${esc(t.title)} ${esc(chainName)}</h1><p>${esc(t.generated)} ${esc(date(data.generatedAt, lang))}</p>
<h2>${esc(t.fields)}</h2>${profileRows(c, lang, extra)}
<h2>${esc(t.consent)}</h2>${table([t.channel, t.decision, t.date, t.source], consent, t.none)}
<h2>${esc(t.consentLog)}</h2>${table([t.date, t.channel, t.decision, t.source], consentLog, t.none)}
<h2>${esc(t.cards)}</h2>${table([t.code, t.status, t.boundAt, t.emailStatus], cards, t.none)}
<h2>${esc(t.history)}</h2>${table([t.date, t.action, t.source, t.changes], history, t.none)}
<h2>${esc(t.visits)}</h2>${table([t.date, t.location, t.source], visits, t.none)}
<h2>${esc(t.merges)}</h2>${table([t.date, t.action, t.undone], merges, t.none)}
<h2>${esc(t.mergedProfiles)}</h2>${merged || `<p>${esc(t.none)}</p>`}
<h2>${esc(t.audit)}</h2>${table([t.date, t.action], audit, t.none)}
</html>`;
}

export async function exportCustomerData(
  { db, storage }: Deps,
  caller: ChainCaller,
  input: { customerId: string },
): Promise<{ exportId: string; files: { path: string; fileName: string }[]; expiresAt: string }> {
  const customer = (await customersOf(db, caller.chainId).doc(input.customerId).get()).data();
  if (!customer) throw fieldError('not-found', 'customerId', 'noSuchCustomer', caller.lang);
  const [chainSnap, type, consentLog, history, auditAbout, auditMentioning, mergesKept, mergesMerged, visits, locations] = await Promise.all([
    chainRef(db, caller.chainId).get(),
    customer.customerTypeId ? customerTypesOf(db, caller.chainId).doc(customer.customerTypeId).get() : null,
    consentLogOf(db, caller.chainId, input.customerId).orderBy('at').get(),
    historyOf(db, caller.chainId, input.customerId).orderBy('at').get(),
    auditOf(db, caller.chainId).where('target.id', '==', input.customerId).get(),
    auditOf(db, caller.chainId).where('details.customerId', '==', input.customerId).get(),
    mergesOf(db, caller.chainId).where('keepId', '==', input.customerId).get(),
    mergesOf(db, caller.chainId).where('mergedId', '==', input.customerId).get(),
    visitsOf(db, caller.chainId, input.customerId).orderBy('at').get(),
    locationsOf(db, caller.chainId).get(),
  ]);
  const locationName = new Map(locations.docs.map((d) => [d.id, String(d.get('name') ?? '')]));
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
        return {
          code: c.code,
          status: c.status,
          batchId: c.batchId,
          boundAt: c.boundAt ?? null,
          revokedAt: c.revokedAt ?? null,
          email: c.email ?? { status: 'none' },
        };
      }),
    history: history.docs.map((d) => d.data()),
    visits: visits.docs.map((d) => {
      const v = d.data();
      return { at: v.at, locationId: v.locationId, locationName: locationName.get(v.locationId) ?? null, source: v.source };
    }),
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
    {
      path: `${stem}.json`,
      fileName: `customer-data-${input.customerId}.json`,
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify(data, null, 2),
    },
    {
      path: `${stem}.html`,
      fileName: `customer-data-${input.customerId}.html`,
      contentType: 'text/html; charset=utf-8',
      body: readable(data, lang, String(chainSnap.get('name')), extra),
    },
  ];
  await Promise.all(
    files.map((f) =>
      storage
        .bucket()
        .file(f.path)
        .save(f.body, { resumable: false, metadata: exp.fileMetadata(f.fileName, f.contentType) }),
    ),
  );
  await exp.record(
    { paths: files.map((f) => f.path), customerId: input.customerId, lang },
    { action: 'customer.dataExport', target: { kind: 'customer', id: input.customerId }, details: { exportId: exp.id } },
  );
  return { exportId: exp.id, files: files.map(({ path, fileName }) => ({ path, fileName })), expiresAt: exp.expiresAt.toISOString() };
}
