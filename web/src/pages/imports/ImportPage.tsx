// Import: drop a CSV file, check the detected columns on a preview, upload it to Storage with the
// options as custom metadata, then follow the import function's report live.
import { parse } from 'csv-parse/browser/esm/sync';
import { ref, uploadBytesResumable } from 'firebase/storage';
import { useRef, useState } from 'preact/hooks';
import type { ChainSummary } from '@model/chain';
import { detectMapping, MAPPABLE_TARGETS } from '@model/csvColumns';
import { decodeSample, detectSampleEncoding, ENCODING_LABEL } from '@model/encoding';
import { detectDelimiter, importIdFor, isBlankRecord, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type ImportMode } from '@model/import';
import { useCustomFields } from '../../data';
import { storageService } from '../../firebase';
import { lang, t } from '../../i18n';
import { user } from '../../state';
import { Banner } from '../../ui/forms';
import { focusFirstInvalid, notify } from '../../ui/feedback';
import { RecentImports, ReportView, targetLabel } from './ImportReport';

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

export function ImportPage({ chain }: { chain: ChainSummary }) {
  const customFields = useCustomFields(chain.chainId);
  const [prev, setPrev] = useState<Preview | null>(null);
  const [mode, setMode] = useState<ImportMode>('upsert');
  const [emptyCells, setEmptyCells] = useState<'keep' | 'clear'>('keep');
  const [progress, setProgress] = useState<number | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  /** The mapping was refused (no name column): its column choices are marked and the first has the focus. */
  const [mappingRefused, setMappingRefused] = useState(false);
  const previewRef = useRef<HTMLDivElement>(null);

  async function choose(file: File | undefined) {
    if (!file) return;
    setError(null);
    setMappingRefused(false);
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
    if (!prev.targets.includes('fullName') && (!prev.targets.includes('firstName') || !prev.targets.includes('lastName'))) {
      // Said beside the action (status region), not at the top of the page; focus on the column choices.
      setMappingRefused(true);
      notify('error', t('import.needNames'));
      focusFirstInvalid(previewRef.current ?? document);
      return;
    }
    setMappingRefused(false);
    setError(null);
    const safeName = prev.file.name.replace(/[^\w.\-]+/g, '_').slice(-80);
    const path = `imports/${chain.chainId}/${new Date().toISOString().replace(/[:.]/g, '-')}-${safeName}`;
    const task = uploadBytesResumable(ref(await storageService(), path), prev.file, {
      contentType: 'text/csv',
      customMetadata: {
        mapping: JSON.stringify(prev.targets),
        mode: runMode,
        emptyCells,
        uploadedBy: user.value!.uid,
        fileName: prev.file.name,
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
      notify('error', t('common.error'));
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
          <div class="import-preview" ref={previewRef}>
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
                          aria-invalid={mappingRefused ? 'true' : undefined}
                          value={prev.targets[i] ?? ''}
                          onChange={(e) => {
                            setMappingRefused(false);
                            setPrev({ ...prev, targets: prev.targets.map((x, j) => (j === i ? e.currentTarget.value : x)) });
                          }}
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
