// Where an import's planned writes go. `CommitSink` writes them in atomic commits, each customer
// update conditioned on the update time it was read at (commits.ts), under backpressure: a row
// whose customer changed meanwhile is planned again on the current state (the importer's
// `conflict`), failures are reported per row, and it tells the last row whose writes all landed.
// `DryRunSink` writes nothing and keeps, in memory, the state each row would leave its customer in,
// so a later row naming the same customer is planned exactly as the import would.
import type { DocumentReference, Firestore, Timestamp } from 'firebase-admin/firestore';
import type { CustomerDoc } from '../model/customer';
import { applyCustomerWrite, deleteVacatedLookups, readCustomers, type CustomerWritePlan } from '../store/customers';
import { Committer, RecordedWrites, type RowWrites } from './commits';
import type { Before } from './matching';
import type { WriteRate } from './ramp';
import { packState, unpackState } from './state';

/** A row's write planned again, on the customer as it is now. */
export interface Replanned {
  customerId: string;
  plan: CustomerWritePlan;
  before: Before;
}

export interface SinkEvents {
  /** A write of `row` failed for good (called for each failed write; the row's cells are the caller's). */
  failed(row: number, ref: DocumentReference, err: unknown): void;
  /** Every write of `row` has settled (landed or failed). */
  settled(row: number): void;
  /** The row's customer changed since it was read: its write planned again, or null (nothing more to write). */
  conflict(row: number): Promise<Replanned | null>;
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
  /** Documents written so far. */
  written(): number;
  /** What the next invocation needs to go on (handover.ts): a dry run's planned states. */
  carried(): Map<string, string>;
  /** Restores what an earlier invocation carried. */
  restore(states: Map<string, string>): void;
}

export class DryRunSink implements ImportSink {
  /** The state each customer would be left in (see state.ts), by id. */
  private states = new Map<string, string>();

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

  written(): number {
    return 0;
  }

  carried(): Map<string, string> {
    return this.states;
  }

  /** Takes over an earlier invocation's states (a sink that planned nothing yet). */
  restore(states: Map<string, string>): void {
    this.states = states;
  }
}

export class CommitSink implements ImportSink {
  private readonly committer: Committer;
  /** Keys this import removed a customer from (a changed email, phone, name or custom value). */
  private readonly vacated = new Set<string>();

  constructor(
    private readonly db: Firestore,
    private readonly chainId: string,
    rate: WriteRate,
    events: SinkEvents,
  ) {
    this.committer = new Committer(
      db,
      {
        replan: async (row) => {
          const again = await events.conflict(row);
          return again ? this.writesOf(row, again.plan, again.before.doc, again.before.updateTime) : null;
        },
        failed: (row, ref, err) => events.failed(row, ref, err),
        settled: (row) => events.settled(row),
      },
      rate,
    );
  }

  planned(): void {}

  apply(row: number, _customerId: string, plan: CustomerWritePlan, before: CustomerDoc | null, updateTime: Timestamp | null): void {
    this.committer.add(this.writesOf(row, plan, before, updateTime));
  }

  /**
   * The row's writes: the customer created (never overwritten), or updated only if it is still as
   * read (`lastUpdateTime`), with its search row, keys, history and consent entries, all or nothing.
   */
  private writesOf(row: number, plan: CustomerWritePlan, before: CustomerDoc | null, updateTime: Timestamp | null): RowWrites {
    const writes = new RecordedWrites();
    applyCustomerWrite(writes, this.db, this.chainId, plan, before, before && updateTime ? { precondition: { lastUpdateTime: updateTime } } : {});
    for (const k of plan.lookupBefore) if (!plan.lookupAfter.includes(k)) this.vacated.add(k);
    return { row, ops: writes.ops };
  }

  /** Read back, once the earlier row's writes have settled (sent at once if still queued). */
  async stateAfter(id: string, earlierRow: number): Promise<Before | null> {
    await this.committer.whenSettled(earlierRow);
    return (await readCustomers(this.db, this.chainId, [id])).get(id) ?? null;
  }

  durableThrough(processed: number): number {
    return this.committer.durableThrough(processed);
  }

  backpressure(): Promise<void> {
    return this.committer.backpressure();
  }

  written(): number {
    return this.committer.written;
  }

  /** Every write of an earlier invocation landed: nothing to carry (its keys are read from Firestore). */
  carried(): Map<string, string> {
    return new Map();
  }

  restore(): void {}

  async close(): Promise<void> {
    await this.committer.close();
    // A changed email, phone or name left its old key without a customer: that key holds personal
    // data for nobody (and an erasure would never find it), so it goes once the writes have landed.
    await deleteVacatedLookups(this.db, this.chainId, this.vacated);
  }
}
