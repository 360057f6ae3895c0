// Import: drop a CSV file, check the detected columns on a preview, upload it to Storage with the
// options as custom metadata, then follow the import function's report live.
import { parse } from 'csv-parse/browser/esm/sync';
import { collection, limit, onSnapshot, orderBy, query } from 'firebase/firestore';
import { ref, uploadBytesResumable } from 'firebase/storage';
import { useEffect, useState } from 'preact/hooks';
import { paths } from '@model/paths';
import type { ChainSummary } from '@model/chain';
import { detectMapping, MAPPABLE_TARGETS } from '@model/csvColumns';
import { decodeSample, detectSampleEncoding, ENCODING_LABEL } from '@model/encoding';
import { fieldLabel } from '@model/fieldLabels';
import { detectDelimiter, importIdFor, isBlankRecord, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type ImportMode, type ImportReport } from '@model/import';
import { useCustomFields, useDocData, type WithId } from '../../data';
import { db, storage } from '../../firebase';
import { downloadFromStorage } from '../../download';
import { lang, t, type MessageKey } from '../../i18n';
import { user } from '../../state';
import { Banner } from '../../ui/forms';

const SAMPLE = 64 * 1024;

interface Preview {
  file: File;
  encoding: string;
  delimiter: string;
  header: string[];
  rows: string[][];
  targets: string[];
}

async function preview(file: File, customFields: { key: string; label: string }[]): Promise<Preview> {
  const bytes = new Uint8Array(await file.slice(0, SAMPLE).arrayBuffer());
  const detected = detectSampleEncoding(bytes, file.size <= SAMPLE);
  const text = decodeSample(bytes, detected);
  const delimiter = detectDelimiter(text);
  // The sample may end mid-row: parse whole lines only, leniently.
  const cut = file.size > SAMPLE ? text.slice(0, Math.max(text.lastIndexOf('\n'), 0)) : text;
  // Blank lines are not rows, and the header is the first line that is not blank (as the import reads it).
  const records = (parse(cut, { delimiter, relax_column_count: true, relax_quotes: true, skip_records_with_error: true }) as string[][])
    .filter((r) => !isBlankRecord(r))
    .slice(0, 6);
  const header = records[0] ?? [];
  return {
    file,
    encoding: ENCODING_LABEL[detected.encoding],
    delimiter: delimiter === '\t' ? 'tab' : delimiter,
    header,
    rows: records.slice(1, 6),
    targets: detectMapping(header, customFields).targets,
  };
}

function targetLabel(target: string, customFields: { key: string; label: string }[]): string {
  if (target.startsWith('customFields.')) return customFields.find((d) => `customFields.${d.key}` === target)?.label ?? target;
  if (target === 'customerTypeId') return fieldLabel('customerTypeId', lang.value);
  return fieldLabel(target, lang.value);
}

const MODE_LABEL: Record<ImportMode, MessageKey> = {
  upsert: 'import.mode.upsert',
  'create-only': 'import.mode.createOnly',
  'dry-run': 'import.mode.dryRun',
};

function ReportView({ chainId, importId }: { chainId: string; importId: string }) {
  const report = useDocData<ImportReport>(paths.importReport(chainId, importId));
  const [error, setError] = useState<string | null>(null);
  if (report === undefined || report === null)
    return (
      <p class="status" role="status">
        {t('import.queued')}
      </p>
    );
  const c = report.counts;
  const total = report.totalRows ?? 0;
  async function downloadErrors() {
    try {
      await downloadFromStorage(report!.errorFile!);
    } catch {
      setError(t('common.error'));
    }
  }
  return (
    <div class="import-report" data-status={report.status}>
      {(report.status === 'queued' || report.status === 'running') && (
        <>
          <p role="status">{t('import.running', { processed: report.processed, total })}</p>
          <progress max={Math.max(total, 1)} value={report.processed} aria-label={t('import.running', { processed: report.processed, total })} />
        </>
      )}
      {report.status === 'failed' && (
        <Banner kind="error">
          {t('import.failed')} {report.failure?.message}
        </Banner>
      )}
      {report.status === 'done' && (
        <Banner kind="ok">
          {report.mode === 'dry-run'
            ? t('import.checked')
            : t('import.done', { seconds: (Math.round((report.durationMs ?? 0) / 100) / 10).toLocaleString(lang.value) })}{' '}
          <span class="counts">{t('import.counts', { ...c })}</span>
        </Banner>
      )}
      <dl class="import-options">
        <dt>{t('import.mode')}</dt>
        <dd data-mode={report.mode}>{t(MODE_LABEL[report.mode])}</dd>
        <dt>{t('import.emptyCells')}</dt>
        <dd data-empty-cells={report.emptyCells}>{t(report.emptyCells === 'clear' ? 'import.emptyCells.clear' : 'import.emptyCells.keep')}</dd>
      </dl>
      {report.encoding && <p class="muted">{t('import.detected', { encoding: report.encoding, delimiter: report.delimiter ?? '' })}</p>}
      {report.ignoredColumns.length > 0 && <p class="muted">{t('import.ignored', { columns: report.ignoredColumns.join(', ') })}</p>}
      {c.repeated > 0 && <p>{t('import.repeated', { count: c.repeated })}</p>}
      {report.errors.length > 0 && (
        <>
          <h2>{t('import.errors')}</h2>
          <p class="muted">{t('import.errorsFirst', { count: report.errors.length })}</p>
          <table class="table" aria-label={t('import.errors')}>
            <thead>
              <tr>
                <th>{t('import.row')}</th>
                <th>{t('import.column')}</th>
                <th>{t('import.value')}</th>
                <th>{t('import.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((e) => (
                <tr>
                  <td>{e.row}</td>
                  <td>{e.column}</td>
                  <td>
                    <code>{e.value}</code>
                  </td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {report.errorFile && <button onClick={() => void downloadErrors()}>{t('import.downloadErrors')}</button>}
      {error && <Banner kind="error">{error}</Banner>}
    </div>
  );
}

function RecentImports({ chainId, onOpen }: { chainId: string; onOpen: (id: string) => void }) {
  const [items, setItems] = useState<WithId<ImportReport>[]>([]);
  useEffect(
    () =>
      onSnapshot(
        query(collection(db, paths.imports(chainId)), orderBy('queuedAt', 'desc'), limit(10)),
        (snap) => setItems(snap.docs.map((d) => ({ id: d.id, ...(d.data() as ImportReport) }))),
        () => setItems([]),
      ),
    [chainId],
  );
  if (!items.length) return null;
  return (
    <section class="card">
      <h2>{t('import.recent')}</h2>
      <ul class="recent-imports">
        {items.map((i) => (
          <li>
            <button class="link" onClick={() => onOpen(i.id)}>
              {i.file.name}
            </button>{' '}
            — {t(`import.status.${i.status}` as MessageKey)} · {t('import.counts', { ...i.counts })}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ImportPage({ chain }: { chain: ChainSummary }) {
  const customFields = useCustomFields(chain.chainId);
  const [prev, setPrev] = useState<Preview | null>(null);
  const [mode, setMode] = useState<ImportMode>('upsert');
  const [emptyCells, setEmptyCells] = useState<'keep' | 'clear'>('keep');
  const [progress, setProgress] = useState<number | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  async function choose(file: File | undefined) {
    if (!file) return;
    setError(null);
    setImportId(null);
    if (file.size > MAX_IMPORT_BYTES) {
      // Refused here, before any upload (storage.rules and the function refuse it too).
      setPrev(null);
      setError(t('import.tooLarge', { mib: MAX_IMPORT_BYTES / 1024 / 1024 }));
      return;
    }
    try {
      setPrev(await preview(file, customFields));
    } catch {
      setError(t('common.error'));
    }
  }

  async function start(runMode: ImportMode) {
    if (!prev) return;
    if (!prev.targets.includes('firstName') || !prev.targets.includes('lastName')) {
      setError(t('import.needNames'));
      return;
    }
    setError(null);
    const safeName = prev.file.name.replace(/[^\w.\-]+/g, '_').slice(-80);
    const path = `imports/${chain.chainId}/${new Date().toISOString().replace(/[:.]/g, '-')}-${safeName}`;
    const task = uploadBytesResumable(ref(storage, path), prev.file, {
      contentType: 'text/csv',
      customMetadata: {
        mapping: JSON.stringify(prev.targets),
        mode: runMode,
        emptyCells,
        uploadedBy: user.value!.uid,
        lang: lang.value,
      },
    });
    task.on('state_changed', (s) => setProgress(Math.round((s.bytesTransferred / Math.max(s.totalBytes, 1)) * 100)));
    try {
      const done = await task;
      setImportId(importIdFor(done.metadata.fullPath, done.metadata.generation));
      setPrev(null);
    } catch {
      setError(t('common.error'));
    } finally {
      setProgress(null);
    }
  }

  const targets = [...MAPPABLE_TARGETS, ...customFields.map((d) => `customFields.${d.key}`)];
  return (
    <>
      <section class="card">
        <h1>{t('import.title')}</h1>
        {error && <Banner kind="error">{error}</Banner>}
        {!prev && !importId && (
          <label
            class={`dropzone${dragging ? ' dropzone--over' : ''}`}
            onDragOver={(e) => (e.preventDefault(), setDragging(true))}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => (e.preventDefault(), setDragging(false), void choose(e.dataTransfer?.files[0]))}
          >
            <span>{t('import.drop')}</span>
            <input type="file" accept=".csv,.txt,.tsv,text/csv" aria-label={t('import.choose')} onChange={(e) => void choose(e.currentTarget.files?.[0])} />
            <small class="muted">{t('import.limits', { rows: MAX_IMPORT_ROWS.toLocaleString(lang.value), mib: MAX_IMPORT_BYTES / 1024 / 1024 })}</small>
          </label>
        )}
        {prev && (
          <div class="import-preview">
            <h2>{t('import.preview')}</h2>
            <p class="muted">
              {prev.file.name} · {t('import.detected', { encoding: prev.encoding, delimiter: prev.delimiter })} {t('import.previewHint')}
            </p>
            <div class="scroll">
              <table class="table" aria-label={t('import.preview')}>
                <thead>
                  <tr>
                    {prev.header.map((h, i) => (
                      <th>
                        <div>{h}</div>
                        <select
                          aria-label={`${t('import.column')} ${h}`}
                          value={prev.targets[i] ?? ''}
                          onChange={(e) => setPrev({ ...prev, targets: prev.targets.map((x, j) => (j === i ? e.currentTarget.value : x)) })}
                        >
                          <option value="">{t('import.ignore')}</option>
                          {targets.map((target) => (
                            <option value={target}>{targetLabel(target, customFields)}</option>
                          ))}
                        </select>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {prev.rows.map((r) => (
                    <tr>
                      {prev.header.map((_, i) => (
                        <td>{r[i] ?? ''}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <fieldset class="options">
              <legend>{t('import.mode')}</legend>
              {(['upsert', 'create-only'] as const).map((m) => (
                <label class="check">
                  <input type="radio" name="mode" checked={mode === m} onChange={() => setMode(m)} />
                  {t(m === 'upsert' ? 'import.mode.upsert' : 'import.mode.createOnly')}
                </label>
              ))}
            </fieldset>
            <fieldset class="options">
              <legend>{t('import.emptyCells')}</legend>
              {(['keep', 'clear'] as const).map((m) => (
                <label class="check">
                  <input type="radio" name="emptyCells" checked={emptyCells === m} onChange={() => setEmptyCells(m)} />
                  {t(m === 'keep' ? 'import.emptyCells.keep' : 'import.emptyCells.clear')}
                </label>
              ))}
            </fieldset>
            <div class="actions">
              <button class="primary" disabled={progress !== null} onClick={() => void start(mode)}>
                {t('import.confirm')}
              </button>
              <button disabled={progress !== null} onClick={() => void start('dry-run')} title={t('import.mode.dryRun')}>
                {t('import.check')}
              </button>
              <button onClick={() => setPrev(null)}>{t('common.cancel')}</button>
            </div>
            {progress !== null && <p role="status">{t('import.uploading', { percent: progress })}</p>}
          </div>
        )}
        {importId && (
          <>
            <ReportView chainId={chain.chainId} importId={importId} />
            <button onClick={() => setImportId(null)}>{t('import.another')}</button>
          </>
        )}
      </section>
      <RecentImports chainId={chain.chainId} onOpen={(id) => (setPrev(null), setImportId(id))} />
    </>
  );
}
