// How an export file is written for each format, and how a customer becomes a row.
import type { Timestamp } from 'firebase-admin/firestore';
import type { CustomerDoc } from '../model/customer';
import type { CustomFieldDef } from '../model/customerType';
import { defaultListSeparator, neutralizeFormula, neutralizeRow, type ExportField, type ExportFormat, type ListSeparator } from '../model/export';
import { fieldLabel } from '../model/fieldLabels';
import type { Lang } from '../model/lang';
import { message } from '../model/messages';

export interface FileFormat {
  encoding: 'utf-8' | 'utf-16le';
  bom: boolean;
  delimiter: string;
  recordDelimiter: '\r\n';
  /** Decimal separator for numbers (what Excel parses as a number in that locale). */
  decimal: '.' | ',';
  contentType: string;
}

/**
 * The bytes of each format. `listSeparator` is Excel's in the requester's region (default: from the
 * language): PC files use it as delimiter and the decimal separator that goes with it; Mac files
 * always use tabs (Excel on macOS splits them whatever the region) and the region's decimal separator.
 */
export function fileFormat(format: ExportFormat, lang: Lang, listSeparator: ListSeparator = defaultListSeparator(lang)): FileFormat {
  const decimal = listSeparator === 'comma' ? '.' : ',';
  switch (format) {
    case 'pc':
      return {
        encoding: 'utf-8',
        bom: true,
        delimiter: listSeparator === 'comma' ? ',' : ';',
        recordDelimiter: '\r\n',
        decimal,
        contentType: 'text/csv; charset=utf-8',
      };
    case 'mac':
      return { encoding: 'utf-16le', bom: true, delimiter: '\t', recordDelimiter: '\r\n', decimal, contentType: 'text/csv; charset=utf-16le' };
    case 'plain':
      return { encoding: 'utf-8', bom: false, delimiter: ',', recordDelimiter: '\r\n', decimal: '.', contentType: 'text/csv; charset=utf-8' };
  }
}

/** The columns: each field once; `customFields` becomes one column per custom field of the chain. */
export function columnsOf(fields: readonly ExportField[], customFields: CustomFieldDef[]): string[] {
  return fields.flatMap((f) => (f === 'customFields' ? customFields.map((d) => `customFields.${d.key}`) : [f]));
}

/** The header cells, neutralized like every other cell: a custom field's label may read `=HYPERLINK(…)`. */
export function headerRow(columns: string[], lang: Lang, customFields: CustomFieldDef[]): string[] {
  const labels = Object.fromEntries(customFields.map((d) => [d.key, d.label]));
  return neutralizeRow(columns.map((c) => fieldLabel(c, lang, labels)));
}

function get(doc: CustomerDoc, path: string): unknown {
  const [head, sub] = path.split('.') as [string, string | undefined];
  const value = (doc as unknown as Record<string, unknown>)[head];
  return sub === undefined ? value : (value as Record<string, unknown> | undefined)?.[sub];
}

export function cellsOf(id: string, doc: CustomerDoc, columns: string[], ctx: { lang: Lang; decimal: '.' | ','; typeNames: Map<string, string> }): string[] {
  return columns.map((column) => {
    let value: string;
    if (column === 'customerId') value = id;
    else if (column === 'customerTypeId') value = ctx.typeNames.get(doc.customerTypeId) ?? '';
    else if (column === 'createdAt') value = (doc.createdAt as Timestamp | undefined)?.toDate?.().toISOString().slice(0, 10) ?? doc.createdDay ?? '';
    else if (column === 'discount') value = doc.discount === null || doc.discount === undefined ? '' : String(doc.discount).replace('.', ctx.decimal);
    else if (column === 'tags') value = (doc.tags ?? []).join(', ');
    else if (column === 'visits.count') value = String(doc.visits ?? 0);
    else if (column === 'visits.first' || column === 'visits.last') {
      const at = (column === 'visits.first' ? doc.firstVisitAt : doc.lastVisitAt) as Timestamp | null | undefined;
      value = at?.toDate?.().toISOString().slice(0, 10) ?? '';
    } else if (column.startsWith('consent.')) {
      const state = doc.consent?.[column.slice(8) as keyof CustomerDoc['consent']];
      value = state ? message(ctx.lang, state.granted ? 'export.yes' : 'export.no') : '';
    } else {
      const v = get(doc, column);
      value = v === null || v === undefined ? '' : String(v);
    }
    return neutralizeFormula(value);
  });
}
