// The chain's audit log (owners and managers read it, firestore.rules): newest first, a page at a
// time, optionally one kind of action.
import { collection, getDocs, limit, orderBy, query, startAfter, where, type DocumentSnapshot } from 'firebase/firestore';
import { paths } from '@model/paths';
import { db } from '../firestore';

export interface AuditRow {
  id: string;
  action: string;
  actorUid: string;
  at: Date | null;
  target?: { kind: string; id: string };
  details?: Record<string, unknown>;
}

export interface AuditPage {
  rows: AuditRow[];
  /** Where the next page starts, or null on the last page. */
  next: DocumentSnapshot | null;
}

export async function readAuditPage(chainId: string, action: string | null, after: DocumentSnapshot | null, size = 25): Promise<AuditPage> {
  const base = collection(db, paths.audit(chainId));
  const q = action
    ? query(base, where('action', '==', action), orderBy('at', 'desc'), ...(after ? [startAfter(after)] : []), limit(size + 1))
    : query(base, orderBy('at', 'desc'), ...(after ? [startAfter(after)] : []), limit(size + 1));
  const snap = await getDocs(q);
  const docs = snap.docs.slice(0, size);
  return {
    rows: docs.map((d) => {
      const data = d.data() as Omit<AuditRow, 'id' | 'at'> & { at?: { toDate(): Date } };
      return { ...data, id: d.id, at: data.at?.toDate() ?? null };
    }),
    next: snap.size > size ? (docs[docs.length - 1] ?? null) : null,
  };
}
