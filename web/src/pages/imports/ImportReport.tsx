// The import's report, followed live (counts, errors, error file), and the list of recent imports
// of the chain: what the import page shows once a file is uploaded.
import { collection, limit, onSnapshot, orderBy, query, Timestamp } from 'firebase/firestore';
import { useEffect, useState } from 'preact/hooks';
import { paths } from '@model/paths';
import { fieldLabel } from '@model/fieldLabels';
import { type ImportMode, type ImportReport } from '@model/import';
import { useDocData, type WithId } from '../../data';
import { db } from '../../firebase';
import { downloadFromStorage } from '../../download';
import { lang, t, type MessageKey } from '../../i18n';
import { Banner } from '../../ui/forms';

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
      {report.errorFile && report.expiresAt instanceof Timestamp && (
        <small class="hint">{t('import.errorFileUntil', { date: report.expiresAt.toDate().toLocaleDateString(lang.value) })}</small>
      )}
      {report.purgedAt instanceof Timestamp && <small class="hint">{t('import.purged')}</small>}
      {error && <Banner kind="error">{error}</Banner>}
    </div>
  );
}

export function RecentImports({ chainId, onOpen }: { chainId: string; onOpen: (id: string) => void }) {
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
