// Which existing customer a row names: the regulars id it states first, then its email, then its
// custom value; keys an earlier row of this file wrote come before those read from Firestore. A
// profile merged into another is never matched (its keys went to the kept profile); a row naming
// one by its regulars id is refused, naming the kept profile. `prepare` reads what a chunk needs
// (lookup keys, then the customer documents with their update times) one chunk ahead.
import type { Firestore, Timestamp } from 'firebase-admin/firestore';
import type { CustomerDoc } from '../model/customer';
import { lookupKey, lookupMany, readCustomers } from '../store/customers';
import type { ReadRow } from './rows';
import type { Carried } from './carried';

export interface Row {
  row: number;
  cells: string[];
  read: ReadRow;
}

/** A customer document as read, with its update time (null in a dry run's own planned state). */
export interface Before {
  doc: CustomerDoc;
  updateTime: Timestamp | null;
}

export interface Prepared {
  /** Customer ids per lookup key of the chunk. */
  found: Map<string, string[]>;
  /** The regulars id each row states, if any. */
  stated: Map<number, string | null>;
  /** The customers the chunk may name, as read. */
  befores: Map<string, { doc: CustomerDoc; updateTime: Timestamp }>;
}

export interface Match {
  id: string | null;
  /** Set when the row names, by its id, a profile merged into this one: the row is refused. */
  mergedInto?: string;
}

/** The regulars id a row names (our own export has it), taken out of the fields. */
function statedId(read: ReadRow): string | null {
  const id = read.values.get('customerId');
  read.values.delete('customerId');
  return typeof id === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(id) ? id : null;
}

export function matchKeys(read: ReadRow): { email: string | null; custom: string | null } {
  const email = read.values.get('email');
  const custom = read.values.get('custom');
  return {
    email: typeof email === 'string' && email.includes('@') ? lookupKey.email(email) : null,
    custom: typeof custom === 'string' && custom.trim() ? lookupKey.custom(custom) : null,
  };
}

export class Matcher {
  /** Customers written by this import: id -> the last row that wrote it. */
  private written = new Map<string, number>();
  /** Match keys (email, custom value) the customers written by this import hold -> their id. */
  private keyToId = new Map<string, string>();
  /** Time spent reading lookups and customers. */
  lookupMs = 0;

  constructor(
    private readonly db: Firestore,
    private readonly chainId: string,
    /** Test hook: awaited once a chunk's customer documents are read, before its rows are planned. */
    private readonly afterRead?: (customerIds: string[]) => Promise<void>,
    /**
     * Rows after this one may have been created ahead by a parallel part (ahead.ts), under the id
     * derived from import and row: that id is read too, and matched when nothing else is.
     */
    private readonly ahead?: { afterRow: number; derivedId: (row: number) => string },
  ) {}

  /**
   * What a chunk needs from Firestore before its rows can be planned: customers matching its emails
   * and custom values, customers named by a regulars id, and those customers' documents. Runs while
   * the previous chunk is being written (read-ahead), so the lookups cost no time of their own.
   */
  async prepare(rows: Row[]): Promise<Prepared> {
    const { db } = this;
    const started = Date.now();
    const keys = rows.flatMap((r) => Object.values(matchKeys(r.read)).filter((k): k is string => !!k && !this.keyToId.has(k)));
    const found = await lookupMany(db, this.chainId, keys);
    // Rows naming a regulars id match that customer first, if it (still) exists in this chain.
    const stated = new Map(rows.map((r) => [r.row, statedId(r.read)] as const));
    const candidates = new Set([...stated.values()].filter((id): id is string => !!id));
    for (const ids of found.values()) for (const id of ids) candidates.add(id);
    const { ahead } = this;
    if (ahead) for (const r of rows) if (r.row > ahead.afterRow) candidates.add(ahead.derivedId(r.row));
    const befores = await readCustomers(db, this.chainId, [...candidates]);
    this.lookupMs += Date.now() - started;
    await this.afterRead?.([...befores.keys()]);
    return { found, stated, befores };
  }

  /** prepare(), whose failure surfaces when the chunk is processed (not as an unhandled rejection before). */
  prepareSafely(rows: Row[]): Promise<Prepared> {
    const prepared = this.prepare(rows);
    prepared.catch(() => undefined);
    return prepared;
  }

  /**
   * The customer a row names. Rows are matched in order: an earlier row of this file may have
   * created the customer a later row names.
   */
  match(r: Row, { found, stated, befores }: Prepared): Match {
    const mergedInto = (id: string) => befores.get(id)?.doc.mergedInto;
    const usable = (id: string) => this.written.has(id) || (befores.has(id) && !mergedInto(id));
    const own = stated.get(r.row);
    if (own) {
      const kept = mergedInto(own);
      if (kept) return { id: own, mergedInto: kept };
      if (usable(own)) return { id: own };
    }
    const { email, custom } = matchKeys(r.read);
    for (const k of [email, custom]) {
      if (!k) continue;
      const id = this.keyToId.get(k) ?? found.get(k)?.find(usable);
      if (id) return { id };
    }
    // Created ahead by a parallel part (a row without match keys is found only this way).
    const ahead = this.ahead && r.row > this.ahead.afterRow ? this.ahead.derivedId(r.row) : null;
    if (ahead && usable(ahead)) return { id: ahead };
    return { id: null };
  }

  /** The row of this file that last wrote the customer, if any. */
  earlierRow(id: string): number | undefined {
    return this.written.get(id);
  }

  /**
   * What a later invocation needs to match as this one would (handover.ts): the maps themselves,
   * not copies. The match keys only when nothing was written (a dry run): otherwise the keys have
   * landed in Firestore, where the next part's lookups find them, and a million rows' keys would
   * double the state a part must hold (bench:import:state).
   */
  carried(withKeys: boolean): Carried['matcher'] {
    return { written: this.written, keys: withKeys ? this.keyToId : new Map() };
  }

  /** Takes over what an earlier invocation of the same import carried (a matcher that matched nothing yet). */
  restore(state: Carried['matcher']): void {
    this.written = state.written;
    this.keyToId = state.keys;
  }

  /** A row planned a write of the customer, which will then hold these keys. */
  wrote(customerId: string, row: number, keys: string[]): void {
    this.written.set(customerId, row);
    // Only the keys a row is matched by (email, custom value: matchKeys) are ever looked up here.
    for (const k of keys) if (k.startsWith('e:') || k.startsWith('c:')) this.keyToId.set(k, customerId);
  }
}
