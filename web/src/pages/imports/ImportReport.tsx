// The import's report, followed live (counts, errors, error file), and the list of recent imports
// of the chain: what the import page shows once a file is uploaded.
import { useState } from 'preact/hooks';
import { paths } from '@model/paths';
import { fieldLabel } from '@model/fieldLabels';
import { type ImportMode, type ImportReport } from '@model/import';
import { asDate, useDocData, useLatestImports } from '../../data';
import { downloadFromStorage } from '../../download';
import { lang, t, type MessageKey } from '../../i18n';
import { Banner } from '../../ui/forms';
import { tp } from '../../i18n/plural';

/**
 * The file's own name, from the stored object's (`<upload time>-<name>`, see ImportPage: the upload
 * time keeps object names unique).
 */
export function ownName(objectName: string): string {
  return objectName.replace(/^.*\//, '').replace(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-/, '');
}

/** The name to show for an upload: the file's own name as uploaded, else (older reports) the stored object's. */
export function uploadName(file: ImportReport['file']): string {
  return file.originalName || ownName(file.name);
}

/** The error file's name offered for download: the upload's own name, `.errors` before `.csv`. */
export function errorFileName(file: ImportReport['file']): string {
  const name = uploadName(file);
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name}.errors.csv`;
}
import { ReportWarnings } from './ReportWarnings';

export function targetLabel(target: string, customFields: { key: string; label: string }[]): string {
  if (target.startsWith('customFields.')) return customFields.find((d) => `customFields.${d.key}` === target)?.label ?? target;
  if (target === 'customerTypeId') return fieldLabel('customerTypeId', lang.value);
  return fieldLabel(target, lang.value);
}

const MODE_LABEL: Record<ImportMode, MessageKey> = {
  upsert: 'import.mode.upsert',
  'create-only': 'import.mode.createOnly',
  'dry-run': 'import.mode.dryRun',
};

export function ReportView({ chainId, importId }: { chainId: string; importId: string }) {
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
      await downloadFromStorage(report!.errorFile!, errorFileName(report!.file));
    } catch {
      setError(t('common.error'));
    }
  }
  return (
    <div class="import-report" data-status={report.status}>
      <h2 class="import-file" data-file-name>
        {uploadName(report.file)}
      </h2>
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
        <Banner kind={c.failed > 0 ? 'error' : 'ok'}>
          {report.mode === 'dry-run'
            ? t('import.checked')
            : c.failed > 0
              ? tp('import.doneRefused', c.failed)
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
      {c.repeated > 0 && <p>{tp('import.repeated', c.repeated)}</p>}
      {(report.handovers ?? 0) > 0 && (
        <p class="muted" data-parts={report.parts ?? ''}>
          {tp('import.parts', report.handovers ?? 0, { parts: report.parts ?? (report.handovers ?? 0) + 1 })}
        </p>
      )}
      {report.ahead && (
        <p class="muted" data-ahead={report.ahead.rows ?? 0}>
          {tp('import.ahead', report.ahead.rows ?? 0, { parts: report.ahead.parts })}
        </p>
      )}
      {report.errors.length > 0 && (
        <>
          <h2>{t('import.errors')}</h2>
          <p class="muted">{tp('import.errorsShown', report.errors.length)}</p>
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
      <ReportWarnings report={report} />
      {report.errorFile && <button onClick={() => void downloadErrors()}>{t('import.downloadErrors')}</button>}
      {report.errorFile && asDate(report.expiresAt) && (
        <small class="hint">{t('import.errorFileUntil', { date: asDate(report.expiresAt)!.toLocaleDateString(lang.value) })}</small>
      )}
      {asDate(report.purgedAt) && <small class="hint">{t('import.purged')}</small>}
      {error && <Banner kind="error">{error}</Banner>}
    </div>
  );
}

export function RecentImports({ chainId, onOpen }: { chainId: string; onOpen: (id: string) => void }) {
  const items = useLatestImports(chainId) ?? [];
  if (!items.length) return null;
  return (
    <section class="card">
      <h2>{t('import.recent')}</h2>
      <ul class="recent-imports">
        {items.map((i) => (
          <li>
            <button class="link" onClick={() => onOpen(i.id)}>
              {uploadName(i.file)}
            </button>{' '}
            — {t(`import.status.${i.status}` as MessageKey)} · {t('import.counts', { ...i.counts })}
          </li>
        ))}
      </ul>
    </section>
  );
}
