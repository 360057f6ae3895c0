// exportCustomerData: everything regulars stores about one customer, on request (GDPR art. 15):
// fields, consent log, cards and their email status, history, audit entries and merges about them,
// as one JSON file and one readable HTML file in the customer's language, in exports/ (24 hours,
// like every export) with an audit entry.
import { Timestamp, type DocumentData } from 'firebase-admin/firestore';
import { FIELD_ORDER, type CustomerDoc } from '../model/customer';
import { fieldLabel } from '../model/fieldLabels';
import type { Lang } from '../model/lang';
import { chainRef } from '../common/access';
import type { ChainCaller } from '../common/callable';
import { fieldError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { newExport } from '../exports/files';
import { cardQuery } from './cardLinks';
import { customersOf } from './refs';

/** Firestore values as JSON: timestamps as ISO dates. */
function plain(value: unknown): unknown {
  if (value instanceof Timestamp) return value.toDate().toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

const TITLES: Record<Lang, Record<'title' | 'fields' | 'consent' | 'consentLog' | 'cards' | 'history' | 'audit' | 'merges' | 'generated', string>> = {
  en: { title: 'Your data at', fields: 'Profile', consent: 'Contact permissions', consentLog: 'Consent log', cards: 'Cards', history: 'History', audit: 'Actions recorded about you', merges: 'Merges', generated: 'Generated on' },
  fr: { title: 'Vos données chez', fields: 'Profil', consent: 'Autorisations de contact', consentLog: 'Journal des autorisations', cards: 'Cartes', history: 'Historique', audit: 'Actions enregistrées vous concernant', merges: 'Fusions', generated: 'Généré le' },
  de: { title: 'Ihre Daten bei', fields: 'Profil', consent: 'Kontakterlaubnis', consentLog: 'Protokoll der Kontakterlaubnis', cards: 'Karten', history: 'Verlauf', audit: 'Über Sie aufgezeichnete Vorgänge', merges: 'Zusammenführungen', generated: 'Erstellt am' },
};

const esc = (v: unknown) => String(v ?? '').replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function table(rows: DocumentData[]): string {
  if (!rows.length) return '<p>—</p>';
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => esc(typeof v === 'object' && v !== null ? JSON.stringify(v) : v);
  return `<table><tr>${keys.map((k) => `<th>${esc(k)}</th>`).join('')}</tr>${rows.map((r) => `<tr>${keys.map((k) => `<td>${cell(r[k])}</td>`).join('')}</tr>`).join('')}</table>`;
}

function readable(data: ReturnType<typeof plain> & Record<string, any>, lang: Lang, chainName: string): string {
  const t = TITLES[lang];
  const c = data.customer as Record<string, any>;
  const rows: [string, unknown][] = [];
  for (const field of FIELD_ORDER) {
    const v = c[field];
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) rows.push([fieldLabel(`${field}.${k}`, lang), x]);
    else rows.push([fieldLabel(field, lang), Array.isArray(v) ? v.join(', ') : v]);
  }
  return `<!doctype html><html lang="${lang}"><meta charset="utf-8"><title>${esc(t.title)} ${esc(chainName)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}</style>
<h1>${esc(t.title)} ${esc(chainName)}</h1><p>${esc(t.generated)} ${esc(data.generatedAt)}</p>
<h2>${esc(t.fields)}</h2><table>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>
<h2>${esc(t.consent)}</h2>${table(Object.entries(c.consent ?? {}).map(([channel, s]) => ({ channel, ...(s as object) })))}
<h2>${esc(t.consentLog)}</h2>${table(data.consentLog)}
<h2>${esc(t.cards)}</h2>${table(data.cards)}
<h2>${esc(t.history)}</h2>${table(data.history)}
<h2>${esc(t.merges)}</h2>${table(data.merges)}
<h2>${esc(t.audit)}</h2>${table(data.audit)}
</html>`;
}

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
  const [chainSnap, consentLog, history, auditAbout, auditMentioning, mergesKept, mergesMerged, cards] = await Promise.all([
    chain.get(),
    ref.collection('consentLog').orderBy('at').get(),
    ref.collection('history').orderBy('at').get(),
    chain.collection('audit').where('target.id', '==', input.customerId).get(),
    chain.collection('audit').where('details.customerId', '==', input.customerId).get(),
    chain.collection('merges').where('keepId', '==', input.customerId).get(),
    chain.collection('merges').where('mergedId', '==', input.customerId).get(),
    Promise.all((customer.cardCodes ?? []).map((code) => cardQuery(db, caller.chainId, code).get())),
  ]);
  const lang: Lang = customer.language || caller.lang;
  const data = plain({
    generatedAt: new Date(),
    chain: { id: caller.chainId, name: chainSnap.get('name') },
    customerId: input.customerId,
    customer,
    consentLog: consentLog.docs.map((d) => d.data()),
    cards: cards.flatMap((s) => s.docs).map((d) => {
      const c = d.data();
      return { code: c.code, status: c.status, batchId: c.batchId, boundAt: c.boundAt, email: c.email };
    }),
    history: history.docs.map((d) => d.data()),
    audit: [...auditAbout.docs, ...auditMentioning.docs].map((d) => d.data()),
    merges: [...mergesKept.docs, ...mergesMerged.docs].map((d) => {
      const { keepBefore: _k, mergedBefore: _m, keepAfter: _a, ...summary } = d.data();
      return { id: d.id, ...summary };
    }),
  }) as Record<string, any>;

  const exp = newExport(db, caller.chainId, 'customerData', caller.uid);
  const stem = `exports/${caller.chainId}/${exp.id}-customer-data`;
  const files = [
    { path: `${stem}.json`, fileName: `customer-data-${input.customerId}.json`, contentType: 'application/json; charset=utf-8', body: JSON.stringify(data, null, 2) },
    { path: `${stem}.html`, fileName: `customer-data-${input.customerId}.html`, contentType: 'text/html; charset=utf-8', body: readable(data, lang, String(chainSnap.get('name'))) },
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
