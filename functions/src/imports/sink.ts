// Where an import's planned writes go. `BulkSink` writes them with a throttled BulkWriter under
// backpressure, tracking each row's writes (failures reported per row, the last row whose writes
// all landed); `DryRunSink` writes nothing and keeps, in memory, the state each row would leave its
// customer in, so a later row naming the same customer is planned exactly as the import would.
import type { DocumentReference, Firestore, Timestamp } from 'firebase-admin/firestore';
import type { CustomerDoc } from '../model/customer';
import { deleteVacatedLookups } from '../customers/lookup';
import { customersOf } from '../customers/refs';
import { applyCustomerWrite, type CustomerWritePlan } from '../customers/write';
import type { Before } from './matching';
import { packState, unpackState } from './state';
import { retryTransientErrors, WriteTracker } from './tracker';

export interface SinkEvents {
  /** A write of `row` failed for good (called for each failed write; the row's cells are the caller's). */
  failed(row: number, ref: DocumentReference, err: unknown): void;
  /** Every write of `row` has settled (landed or failed). */
  settled(row: number): void;
}

export interface ImportSink {
  /** Every planned row, written or not (no change, a replay): the state it leaves its customer in. */
  planned(customerId: string, plan: CustomerWritePlan, before: CustomerDoc | null): void;
  /** The writes of a row that changes its customer; `updateTime`: when `before` was read. */
  apply(row: number, customerId: string, plan: CustomerWritePlan, before: CustomerDoc | null, updateTime: Timestamp | null): void;
  /** The customer as `earlierRow` of this file left it. */
  stateAfter(id: string, earlierRow: number): Promise<Before | null>;
  /** Every row up to the returned one has all its writes landed (rows up to `processed` were read). */
  durableThrough(processed: number): number;
  /** Waits while too many writes are queued. */
  backpressure(): Promise<void>;
  /** Waits for every write, then removes the lookup keys the import emptied. */
  close(): Promise<void>;
}

export class DryRunSink implements ImportSink {
  /** The state each customer would be left in (see state.ts), by id. */
  private readonly states = new Map<string, string>();

  constructor(private readonly events: SinkEvents) {}

  planned(customerId: string, plan: CustomerWritePlan, before: CustomerDoc | null): void {
    this.states.set(customerId, packState({ ...(before ?? {}), ...plan.doc } as unknown as CustomerDoc));
  }

  /** Nothing is written: the row's writes are settled at once. */
  apply(row: number): void {
    this.events.settled(row);
  }

  async stateAfter(id: string): Promise<Before | null> {
    const packed = this.states.get(id);
    return packed ? { doc: unpackState(packed), updateTime: null } : null;
  }

  durableThrough(processed: number): number {
    return processed;
  }

  async backpressure(): Promise<void> {}

  async close(): Promise<void> {}
}

export class BulkSink implements ImportSink {
  private readonly writer;
  private readonly tracker: WriteTracker;
  /** Keys this import removed a customer from (a changed email, phone, name or custom value). */
  private readonly vacated = new Set<string>();

  constructor(
    private readonly db: Firestore,
    private readonly chainId: string,
    writesPerSecond: number,
    events: SinkEvents,
  ) {
    this.writer = retryTransientErrors(db.bulkWriter({ throttling: { initialOpsPerSecond: writesPerSecond, maxOpsPerSecond: writesPerSecond } }));
    this.tracker = new WriteTracker(this.writer, (row, ref, err) => events.failed(row, ref, err), (row) => events.settled(row));
  }

  planned(): void {}

  /** Written as planned, without a precondition yet (`updateTime` is not used). */
  apply(row: number, customerId: string, plan: CustomerWritePlan, before: CustomerDoc | null, _updateTime: Timestamp | null): void {
    applyCustomerWrite(this.tracker.forRow(row), this.db, this.chainId, customersOf(this.db, this.chainId).doc(customerId), plan, before);
    for (const k of plan.lookupBefore) if (!plan.lookupAfter.includes(k)) this.vacated.add(k);
  }

  /** Read back, once the earlier row's writes have landed (a flush only if they are still in flight). */
  async stateAfter(id: string, earlierRow: number): Promise<Before | null> {
    if (!this.tracker.settled(earlierRow)) await this.writer.flush();
    const snap = await customersOf(this.db, this.chainId).doc(id).get();
    return snap.exists ? { doc: snap.data() as CustomerDoc, updateTime: snap.updateTime ?? null } : null;
  }

  durableThrough(processed: number): number {
    return this.tracker.durableThrough(processed);
  }

  backpressure(): Promise<void> {
    return this.tracker.backpressure();
  }

  async close(): Promise<void> {
    await this.writer.close();
    // A changed email, phone or name left its old key without a customer: that key holds personal
    // data for nobody (and an erasure would never find it), so it goes once the writes have landed.
    await deleteVacatedLookups(this.db, this.chainId, this.vacated);
  }
}
