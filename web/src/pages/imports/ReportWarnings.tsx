// What an import warns about: the file's notes (how dates were read, full names split…) and the
// rows imported without some value or looking wrong (the first 100, and how many in all).
import type { ImportReport } from '@model/import';
import { t } from '../../i18n';
import { tp } from '../../i18n/plural';

export function ReportWarnings({ report }: { report: ImportReport }) {
  // The first warning is the ignored columns, shown apart by the report view.
  const notes = (report.warnings ?? []).slice(report.ignoredColumns.length ? 1 : 0);
  const rows = report.rowWarnings ?? [];
  return (
    <>
      {notes.length > 0 && (
        <ul class="import-notes">
          {notes.map((n) => (
            <li>{n}</li>
          ))}
        </ul>
      )}
      {rows.length > 0 && (
        <>
          <h2>{t('import.warnings')}</h2>
          <p class="muted">{tp('import.warningsFirst', report.warningRows ?? rows.length, { shown: rows.length })}</p>
          <table class="table" aria-label={t('import.warnings')}>
            <thead>
              <tr>
                <th>{t('import.row')}</th>
                <th>{t('import.column')}</th>
                <th>{t('import.value')}</th>
                <th>{t('import.warning')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((w) => (
                <tr>
                  <td>{w.row}</td>
                  <td>{w.column}</td>
                  <td>
                    <code>{w.value}</code>
                  </td>
                  <td>{w.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
