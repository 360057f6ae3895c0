// Parallel parts: ranges of a large UTF-8 file written ahead of the import's main run, by other
// tasks, while the main run reads the file in order and keeps the one report, the counts and the
// error file (run.ts). Only what file order cannot change is written ahead: the creation of a
// customer by a row
// - without problems and without a regulars id,
// - whose match keys (email, custom value) no other row of the file holds (a first pass hashes
//   every row's keys: a key seen twice, or a hash collision, keeps the row for the main run),
// - and that no stored customer matches when the part reads it.
// Such a row's customer cannot be named by any other row, so creating it early changes nothing
// the file says; it is created under the id the main run would give it (derived from import and
// row), through the one write path, with the same plan (rowPlan.ts), and never overwrites
// (creations are preconditioned). When the main run reaches the row it finds that customer (by its
// keys, or by the derived id), plans the row on it, finds nothing to change and counts it created.
// Every row that names a customer another row names, or one that already exists, is applied by
// the main run, in file order: "a customer named in two parts" is never written by a part.
//
// Tasks (the `continueImport` queue, payload `ahead`): range 0 plans (first pass: the header, the
// repeated keys' hashes and where each range starts, saved next to the upload), then enqueues one
// task per range 1..n-1; a range task (aheadRange.ts) writes its rows, hands the rest of its range
// over to a task of its own when its time runs out, and stops for good once the import has ended or
// its main run is within AHEAD_MARGIN_ROWS of the rows it would write. The writes of all parts share the ramp:
// each writer (the main run and each part) gets 1/parts of its rate.
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import type { DocumentReference } from 'firebase-admin/firestore';
import { parse } from 'csv-parse';
import { z } from 'zod';
import { IMPORT_ARTIFACT_TTL_MS, ImportMetadata, importIdFor, isBlankRecord } from '../model/import';
import type { Detected } from '../model/encoding';
import { chainSettings } from '../common/settings';
import { chainRef, importsOf } from '../store/refs';
import { customerTypeIds, mapColumns, rowContext } from './columns';
import { decoder } from './decode';
import { guardImport, type StorageObject } from './guard';
import { aheadStatePath, loadState, ObjectInput, saveState } from './handover';
import { scanOf } from './carried';
import { keyHash, RangeWriter, type AheadState } from './aheadRange';
import { matchKeys } from './matching';
import { readRow } from './rows';
import type { RowPlanContext } from './rowPlan';
import { parserOptions, Refusal, scanFile, type ScanResult } from './scan';
import type { ImportDeps, ImportOptions } from './run';

/** Rows each part takes at least: a smaller file is not split. */
export const MIN_PART_ROWS = 5_000;
export const MAX_PARTS = 16;

/** How a file is split: `parts` ranges of `size` data rows; the main run's own range is the first. */
export interface AheadLayout {
  parts: number;
  size: number;
}

/** The split of a file of `rows` data rows into at most `parallelParts` ranges, or null (not split). */
export function aheadLayout(rows: number, parallelParts: number, detected: Detected, minRows = MIN_PART_ROWS): AheadLayout | null {
  // Byte offsets of records are known exactly only for UTF-8 (the parser counts UTF-8 bytes).
  if (detected.encoding !== 'utf-8') return null;
  const parts = Math.min(Math.floor(parallelParts), MAX_PARTS, Math.floor(rows / Math.max(1, minRows)));
  return parts >= 2 ? { parts, size: Math.ceil(rows / parts) } : null;
}

/** A task of a part: `range` 0 plans the split; k writes range k from data row `ordinal` (record `row`, at `byte`). */
export const AheadInput = z.object({
  object: ObjectInput,
  ahead: z.object({
    layout: z.object({ parts: z.number().int().min(2).max(MAX_PARTS), size: z.number().int().min(1) }),
    range: z
      .number()
      .int()
      .min(0)
      .max(MAX_PARTS - 1),
    ordinal: z.number().int().min(1),
    row: z.number().int().min(1),
    byte: z.number().int().min(0),
  }),
});
export type AheadTask = z.infer<typeof AheadInput>;

/** The task that plans the split (enqueued by the main run's first part). */
export function planTask(object: StorageObject, layout: AheadLayout): AheadTask {
  return { object, ahead: { layout, range: 0, ordinal: 1, row: 1, byte: 0 } };
}

/** The queue's task id of a part's task: enqueued once, however often its sender is retried. */
export function aheadTaskId(task: AheadTask): string {
  const { range, ordinal } = task.ahead;
  return `${importIdFor(task.object.name, task.object.generation)}-ahead-${range}-${ordinal}`;
}

/** Entry point of a part's task. Stops quietly when there is nothing (more) to write ahead. */
export async function writeAhead(deps: ImportDeps, task: AheadTask, options: ImportOptions = {}): Promise<void> {
  const { object } = task;
  const guard = guardImport(object);
  if (!guard.handle) return;
  const importId = importIdFor(object.name, object.generation);
  const reportRef = importsOf(deps.db, guard.chainId).doc(importId);
  const report = await reportRef.get();
  if (!report.exists || ['done', 'failed'].includes(report.get('status'))) return;
  const meta = ImportMetadata.safeParse(object.metadata ?? {});
  const chain = await chainRef(deps.db, guard.chainId).get();
  if (!meta.success || meta.data.mode === 'dry-run' || !chain.exists) return;
  const file = deps.bucket.file(object.name, { generation: Number(object.generation) });
  const setup = async (header: string[], scan: ScanResult): Promise<RowPlanContext> => {
    const { targets } = mapColumns(header, meta.data, chain.get('customFields') ?? [], scan.detected);
    const { country, visits, timeZone } = await chainSettings(deps.db, guard.chainId);
    const types = await customerTypeIds(deps.db, guard.chainId);
    const base = { headers: header, targets, types, emptyCells: meta.data.emptyCells, lang: meta.data.lang };
    return { importId, meta: meta.data, ctx: rowContext(base, scan.dates, country, meta.data.lang).ctx, segments: { settings: visits, timeZone } };
  };
  try {
    if (task.ahead.range === 0) return await plan(deps, task, importId, reportRef, setup);
    const state = await loadState<AheadState>(deps.bucket, aheadStatePath(object)).catch(() => null);
    if (!state) return; // the import ended meanwhile (its artifacts are gone)
    const scan = scanOf(state)!;
    await new RangeWriter(
      deps,
      task,
      guard.chainId,
      reportRef,
      state,
      await setup(state.header, scan),
      scan,
      report.get('part.startedAt') ?? Date.now(),
      options,
    ).run(file);
  } catch (err) {
    // A file the main run refuses (its columns, its size) is refused there, with the report; here, nothing to do.
    if (err instanceof Refusal) return;
    throw err;
  }
}

/** Range 0: the first pass (header, repeated keys, where the ranges start), saved; then one task per range. */
async function plan(
  deps: ImportDeps,
  task: AheadTask,
  importId: string,
  reportRef: DocumentReference,
  setup: (header: string[], scan: ScanResult) => Promise<RowPlanContext>,
): Promise<void> {
  const { object } = task;
  const { layout } = task.ahead;
  const scan = await scanFile(deps.bucket.file(object.name, { generation: Number(object.generation) }));
  let header: string[] | null = null;
  let at: RowPlanContext | null = null;
  let ordinal = 0;
  let before = scan.detected.bom; // where the next record starts
  const seen = new Set<number>();
  const repeated = new Set<number>();
  const starts: AheadState['starts'] = [];
  const pass = new Writable({
    objectMode: true,
    write: ({ record, info }: { record: string[]; info: { records: number; bytes: number } }, _e, done) => {
      const go = async () => {
        const start = before;
        before = scan.detected.bom + info.bytes;
        if (isBlankRecord(record)) return;
        if (!header) {
          header = record;
          at = await setup(record, scan);
          return;
        }
        ordinal++;
        if (ordinal > layout.size && (ordinal - 1) % layout.size === 0) starts.push({ ordinal, row: info.records, byte: start });
        for (const key of Object.values(matchKeys(readRow(record, at!.ctx)))) {
          if (!key) continue;
          const h = keyHash(key);
          if (seen.has(h)) repeated.add(h);
          else seen.add(h);
        }
      };
      go().then(() => done(), done);
    },
  });
  const file = deps.bucket.file(object.name, { generation: Number(object.generation) });
  await pipeline(file.createReadStream(), decoder(scan.detected), parse(parserOptions(scan.delimiter)), pass);
  if (!header || !starts.length) return;
  const state: AheadState = { header, scan: scan as unknown as AheadState['scan'], repeated: [...repeated], starts, end: Number(object.size) };
  await saveState(deps.bucket, aheadStatePath(object), importId, state, new Date(Date.now() + IMPORT_ARTIFACT_TTL_MS));
  // Ended meanwhile (its artifacts already removed): the state file goes too, and no range starts.
  if (['done', 'failed'].includes((await reportRef.get()).get('status'))) {
    await deps.bucket.file(aheadStatePath(object)).delete({ ignoreNotFound: true });
    return;
  }
  await reportRef.set({ ahead: { parts: starts.length + 1 } }, { merge: true });
  for (const [i, s] of starts.entries()) await deps.ahead!.task({ object, ahead: { layout, range: i + 1, ...s } });
}
