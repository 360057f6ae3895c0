// Merging two customers into one, and undoing it within 30 days.
//
// mergeCustomers keeps one profile (fields filled and picked as model/merge.ts says, consent: the
// latest decision per channel, the other's consent log copied in, its cards moved), and turns the
// other into a tombstone (`mergedInto`) that keeps its own history readable but leaves search,
// lookups and duplicates. A merge record keeps both profiles exactly as they were, so
// unmergeCustomers can restore them, unless one of them changed since (then it says what changed).
// Each runs in one transaction.
import { FieldValue, Timestamp, type DocumentReference, type Firestore, type Transaction } from 'firebase-admin/firestore';
import type { CardDoc } from '../model/card';
import { CONSENT_CHANNELS, CustomerFields, type CustomerDoc } from '../model/customer';
import { diffCustomer } from '../model/customerDiff';
import { fieldLabel } from '../model/fieldLabels';
import { problemMessage, validate } from '../model/issues';
import type { Lang } from '../model/lang';
import { message } from '../model/messages';
import { mergeFields, UNMERGE_WINDOW_MS, type MergeCustomersInput } from '../model/merge';
import { audit } from '../common/audit';
import type { ChainCaller } from '../common/callable';
import { AppError, fieldError, invalidArgument, problemsError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { chainSettings } from '../common/settings';
import { customersMerged, customersUnmerged } from '../logs';
import {
  applyCustomerWrite,
  copyConsentLog,
  deleteCopiedConsent,
  fieldsOf,
  lookupKeysOf,
  mergeVisits,
  storedLookupKeysOf,
  moveCards,
  otherVisits,
  planCustomerWrite,
  readCustomer,
  readLookups,
  restoreProfile,
  tombstone,
  unmergedVisits,
  withVisits,
} from '../store/customers';
import { cardQuery, consentLogOf, mergesOf } from '../store/refs';

function millis(t: unknown): number {
  return t && typeof (t as Timestamp).toMillis === 'function' ? (t as Timestamp).toMillis() : 0;
}

/** Per channel, the later of the two decisions stands. */
function latestConsent(a: CustomerDoc['consent'], b: CustomerDoc['consent']): CustomerDoc['consent'] {
  const out = { email: null, postalMail: null, phone: null } as CustomerDoc['consent'];
  for (const ch of CONSENT_CHANNELS) {
    const x = a?.[ch] ?? null;
    const y = b?.[ch] ?? null;
    out[ch] = !x ? y : !y ? x : millis(y.at) > millis(x.at) ? y : x;
  }
  return out;
}

async function cardsOf(tx: Transaction, db: Firestore, chainId: string, codes: string[]): Promise<{ ref: DocumentReference; doc: CardDoc }[]> {
  const snaps = await Promise.all(codes.map((code) => tx.get(cardQuery(db, chainId, code))));
  return snaps.flatMap((s) => s.docs).map((d) => ({ ref: d.ref, doc: d.data() }));
}

/** One thing changed since a merge: its catalog key, and the field path or card it names. */
type Change = [
  key:
    | 'undoKeptErased'
    | 'undoKeptField'
    | 'undoKeptCards'
    | 'undoKeptConsent'
    | 'undoMergedGone'
    | 'undoMergedField'
    | 'undoMergedCards'
    | 'undoMergedConsent'
    | 'undoCard',
  what?: string,
];

/** In English the field path as stored (tests and clients rely on it); in French and German its label. */
function sayChange([key, what]: Change, lang: Lang): string {
  if (key === 'undoCard') return message(lang, 'error.undoCard', { card: what ?? '' });
  return message(lang, `error.${key}`, what === undefined ? {} : { field: lang === 'en' ? what : fieldLabel(what, lang) });
}

const sayChanges = (changes: Change[], lang: Lang) => changes.map((c) => sayChange(c, lang)).join('; ');

export async function mergeCustomers(
  { db }: Deps,
  caller: ChainCaller,
  input: MergeCustomersInput,
): Promise<{ mergeId: string; keepId: string; version: number }> {
  if (input.keepId === input.mergeId) throw fieldError('invalid-argument', 'mergeId', 'sameCustomer', caller.lang);
  const { chainId } = caller;
  const recordRef = mergesOf(db, chainId).doc();
  const { visits: visitSettings, timeZone } = await chainSettings(db, chainId);

  const version = await db.runTransaction(async (tx) => {
    const [kept, away] = await Promise.all([readCustomer(db, chainId, input.keepId, tx), readCustomer(db, chainId, input.mergeId, tx)]);
    const keep = kept?.doc;
    const other = away?.doc;
    if (!kept || !away || !keep || !other) throw fieldError('not-found', keep ? 'mergeId' : 'keepId', 'noSuchCustomer', caller.lang);
    if (keep.mergedInto || other.mergedInto) throw fieldError('failed-precondition', keep.mergedInto ? 'keepId' : 'mergeId', 'customerMerged', caller.lang);
    const stale = [keep.version !== input.keepVersion ? 'keepVersion' : null, other.version !== input.mergeVersion ? 'mergeVersion' : null].filter(Boolean);
    if (stale.length) {
      throw new AppError('aborted', 'error.profilesChanged', caller.lang, {}, { changed: stale });
    }
    const cards = await cardsOf(tx, db, chainId, other.cardCodes ?? []);
    const consentLog = await tx.get(consentLogOf(db, chainId, input.mergeId));

    const merged = mergeFields(fieldsOf(keep), fieldsOf(other), input.picks);
    // A merge never drops data: too many tags, or leftovers the notes cannot hold, are refused.
    if (merged.refusals.length) {
      const problems = merged.refusals.map((r) => ({
        path: `merged.${r.path}`,
        code: r.key,
        params: r.params,
        message: problemMessage(caller.lang, r.key, r.params),
      }));
      throw problemsError('invalid-argument', problems);
    }
    const checked = validate(CustomerFields, merged.fields, caller.lang);
    if (!checked.ok) throw invalidArgument(checked.problems, 'merged');
    const cardCodes = [...new Set([...(keep.cardCodes ?? []), ...(other.cardCodes ?? [])])];
    const meta = { by: caller.uid, source: 'merge' as const };
    const plan = planCustomerWrite(input.keepId, { ...keep, cardCodes }, checked.value, {}, meta);
    const lookups = await readLookups(tx, db, chainId, [...plan.lookupBefore, ...plan.lookupAfter, ...storedLookupKeysOf(other)]);
    plan.doc.consent = latestConsent(keep.consent, other.consent);
    // The other profile's visits count for the kept one (an undo takes them away again).
    withVisits(plan, checked.value, cardCodes, keep.createdDay, mergeVisits(keep, other), { settings: visitSettings, timeZone, nowMs: Date.now() });
    plan.history = {
      at: FieldValue.serverTimestamp(),
      by: caller.uid,
      source: 'merge',
      action: 'merge',
      mergedId: input.mergeId,
      mergeId: recordRef.id,
      changes: plan.changes,
      version: plan.version,
    };
    applyCustomerWrite(tx, db, chainId, plan, keep, { lookups });
    tombstone(tx, db, chainId, away, input.keepId, recordRef.id, caller.uid, lookups);
    moveCards(tx, cards, input.keepId);
    const consentCopied = copyConsentLog(
      tx,
      db,
      chainId,
      input.keepId,
      recordRef.id,
      consentLog.docs.map((e) => ({ id: e.id, data: e.data() })),
    );
    tx.create(recordRef, {
      keepId: input.keepId,
      mergedId: input.mergeId,
      keepBefore: keep,
      mergedBefore: other,
      keepAfter: checked.value,
      keepVersionAfter: plan.version,
      keepCardCodesAfter: cardCodes,
      mergedVersionAfter: other.version + 1,
      cardsMoved: cards.map((c) => c.ref.id),
      consentCopied,
      picks: input.picks,
      at: FieldValue.serverTimestamp(),
      by: caller.uid,
      undoUntil: Timestamp.fromMillis(Date.now() + UNMERGE_WINDOW_MS),
      undoneAt: null,
    });
    audit(tx, db, chainId, {
      action: 'customer.merge',
      actorUid: caller.uid,
      target: { kind: 'customer', id: input.keepId },
      details: { mergedId: input.mergeId, mergeId: recordRef.id, cardsMoved: cards.length },
    });
    return plan.version;
  });
  customersMerged(caller.chainId, input.keepId, input.mergeId, caller.uid);
  return { mergeId: recordRef.id, keepId: input.keepId, version };
}

export async function unmergeCustomers({ db }: Deps, caller: ChainCaller, input: { mergeId: string }): Promise<{ keepId: string; mergedId: string }> {
  const recordRef = mergesOf(db, caller.chainId).doc(input.mergeId);
  const { visits: visitSettings, timeZone } = await chainSettings(db, caller.chainId);
  const result = await db.runTransaction(async (tx) => {
    const record = (await tx.get(recordRef)).data();
    if (!record) throw fieldError('not-found', 'mergeId', 'noSuchMerge', caller.lang);
    if (record.undoneAt) throw fieldError('failed-precondition', 'mergeId', 'mergeUndone', caller.lang);
    if (millis(record.undoUntil) < Date.now()) throw fieldError('failed-precondition', 'mergeId', 'mergeTooOld', caller.lang);
    const { chainId } = caller;
    const [kept, away] = await Promise.all([readCustomer(db, chainId, record.keepId, tx), readCustomer(db, chainId, record.mergedId, tx)]);
    const keep = kept?.doc;
    const other = away?.doc;
    const cards = await cardsOf(tx, db, chainId, record.cardsMoved);

    // What changed since the merge, if anything: then undoing would lose it, so refuse, naming it
    // (fields, cards; a new version with neither is a consent decision).
    const changed: Change[] = [];
    const { keepBefore, mergedBefore } = record;
    const sameCodes = (a: string[] | undefined, b: string[] | undefined) => JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...(b ?? [])].sort());
    if (!keep) changed.push(['undoKeptErased']);
    else {
      const keepCards = record.keepCardCodesAfter ?? [...new Set([...(keepBefore.cardCodes ?? []), ...(mergedBefore.cardCodes ?? [])])];
      const fields: Change[] = diffCustomer(record.keepAfter, fieldsOf(keep)).map((c) => ['undoKeptField', c.field]);
      if (!sameCodes(keep.cardCodes, keepCards)) fields.push(['undoKeptCards']);
      // Check-ins since the merge raise the version too: they are not edits, and the undo keeps them.
      const edits = (doc: CustomerDoc, version: number) => version - (doc.visitVersions ?? 0);
      if (!fields.length && edits(keep, keep.version) !== edits(keepBefore, record.keepVersionAfter)) fields.push(['undoKeptConsent']);
      changed.push(...fields);
    }
    if (!other || other.mergedInto !== record.keepId) changed.push(['undoMergedGone']);
    else {
      const fields: Change[] = diffCustomer(fieldsOf(mergedBefore), fieldsOf(other)).map((c) => ['undoMergedField', c.field]);
      if (!sameCodes(other.cardCodes, mergedBefore.cardCodes)) fields.push(['undoMergedCards']);
      if (!fields.length && other.version !== record.mergedVersionAfter) fields.push(['undoMergedConsent']);
      changed.push(...fields);
    }
    for (const card of cards) {
      if (card.doc.customerId !== record.keepId || card.doc.status !== 'bound') changed.push(['undoCard', card.ref.id.slice(0, 4)]);
    }
    if (changed.length) {
      // `changed` in English (machine-readable, stable); the message in the caller's language.
      const said = sayChanges(changed, caller.lang);
      throw new AppError(
        'failed-precondition',
        'error.cannotUndoMerge',
        caller.lang,
        { changes: said },
        {
          changed: changed.map((c) => sayChange(c, 'en')),
          problems: [{ path: 'mergeId', code: 'changedSinceMerge', message: said }],
        },
      );
    }
    const lookups = await readLookups(tx, db, chainId, [...storedLookupKeysOf(keep!), ...lookupKeysOf(keepBefore), ...lookupKeysOf(mergedBefore)]);
    const ownVisits = await otherVisits(tx, db, chainId, record.keepId, null);
    const clock = { settings: visitSettings, timeZone, nowMs: Date.now() };
    restoreProfile(
      tx,
      db,
      chainId,
      keepBefore,
      kept!,
      caller.uid,
      input.mergeId,
      lookups,
      clock,
      unmergedVisits(keep!, keepBefore, mergedBefore, ownVisits.earliestMs),
    );
    restoreProfile(tx, db, chainId, mergedBefore, away!, caller.uid, input.mergeId, lookups, clock);
    moveCards(tx, cards, record.mergedId);
    deleteCopiedConsent(tx, db, chainId, record.keepId, record.consentCopied);
    tx.update(recordRef, { undoneAt: FieldValue.serverTimestamp(), undoneBy: caller.uid });
    audit(tx, db, chainId, {
      action: 'customer.unmerge',
      actorUid: caller.uid,
      target: { kind: 'customer', id: record.keepId },
      details: { mergedId: record.mergedId, mergeId: input.mergeId },
    });
    return { keepId: record.keepId, mergedId: record.mergedId };
  });
  customersUnmerged(caller.chainId, result.keepId, result.mergedId, caller.uid);
  return result;
}
