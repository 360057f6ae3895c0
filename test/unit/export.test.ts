// Export logic without emulators: formula neutralization and its inverse, the bytes of each format
// (delimiter, decimal, encoding, BOM) for each language and Excel list separator, the input schema,
// the audit's filters, and rows into a stream pipeline that fails.
import { Transform, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify';
import { columnsOf, fileFormat, headerRow } from '../../functions/src/exports/csv';
import { rowSink } from '../../functions/src/common/rowStream';
import {
  defaultListSeparator,
  ExportCustomersInput,
  filtersForAudit,
  neutralizeFormula,
  neutralizeRow,
  unneutralizeFormula,
} from '../../functions/src/model/export';
import { CustomerQuery } from '../../functions/src/model/search';

describe('formula neutralization', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+SUM(1)', "'+SUM(1)"],
    ['+33 (0)6 12', "'+33 (0)6 12"],
    ['-5 %', "'-5 %"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\rX', "'\rX"],
    ["'=1+1", "''=1+1"],
    ["''+SUM(1)", "'''+SUM(1)"],
  ])('%j becomes %j', (value, cell) => {
    expect(neutralizeFormula(value)).toBe(cell);
  });

  it.each(['+33 6 12 34 56 78', '+33612345678', '0612345678', '06 12 34 56 78', 'Hélène', "l'été", '1+1', "'plain", ''])('%j stays as it is', (value) => {
    expect(neutralizeFormula(value)).toBe(value);
  });

  it.each(['=1+1', '+SUM(1)', '-5 %', '@SUM(A1)', '\tX', '\rX', "'=1+1", "''@x", '+33 6 12 34 56 78', '+33612345678', "'+33612345678", "'plain", 'plain', ''])(
    '%j imports back unchanged',
    (value) => {
      expect(unneutralizeFormula(neutralizeFormula(value))).toBe(value);
    },
  );

  it('the import removes only the apostrophe the export added', () => {
    expect(unneutralizeFormula("'plain")).toBe("'plain");
    expect(unneutralizeFormula("'+33612345678")).toBe('+33612345678');
    expect(unneutralizeFormula("''=x")).toBe("'=x");
  });
});

describe('headers are neutralized like cells', () => {
  const customFields = [
    { key: 'evil', label: '=HYPERLINK("https://evil.example","x")' },
    { key: 'minus', label: '-5 points' },
    { key: 'shoe_size', label: 'Pointure' },
  ];

  it('a custom field label a spreadsheet would run gets an apostrophe in every language', () => {
    const columns = columnsOf(['lastName', 'customFields'], customFields);
    for (const lang of ['en', 'fr', 'de'] as const) {
      const header = headerRow(columns, lang, customFields);
      expect(header.slice(1)).toEqual([`'=HYPERLINK("https://evil.example","x")`, "'-5 points", 'Pointure']);
    }
  });

  it('neutralizeRow covers every cell and leaves safe ones and phone numbers alone', () => {
    expect(neutralizeRow(['code', '@cmd', '+33 6 12', '\t=1'])).toEqual(['code', "'@cmd", '+33 6 12', "'\t=1"]);
  });
});

describe('file formats', () => {
  it.each([
    ['pc', 'fr', undefined, { encoding: 'utf-8', bom: true, delimiter: ';', decimal: ',' }],
    ['pc', 'de', undefined, { encoding: 'utf-8', bom: true, delimiter: ';', decimal: ',' }],
    ['pc', 'en', undefined, { encoding: 'utf-8', bom: true, delimiter: ',', decimal: '.' }],
    ['pc', 'en', 'semicolon', { encoding: 'utf-8', bom: true, delimiter: ';', decimal: ',' }],
    ['pc', 'fr', 'comma', { encoding: 'utf-8', bom: true, delimiter: ',', decimal: '.' }],
    ['mac', 'fr', undefined, { encoding: 'utf-16le', bom: true, delimiter: '\t', decimal: ',' }],
    ['mac', 'en', undefined, { encoding: 'utf-16le', bom: true, delimiter: '\t', decimal: '.' }],
    ['mac', 'en', 'semicolon', { encoding: 'utf-16le', bom: true, delimiter: '\t', decimal: ',' }],
    ['plain', 'de', 'semicolon', { encoding: 'utf-8', bom: false, delimiter: ',', decimal: '.' }],
  ] as const)('%s in %s with list separator %s', (format, lang, separator, expected) => {
    expect(fileFormat(format, lang, separator)).toMatchObject({ ...expected, recordDelimiter: '\r\n' });
  });

  it('the list separator defaults from the language', () => {
    expect([defaultListSeparator('en'), defaultListSeparator('fr'), defaultListSeparator('de')]).toEqual(['comma', 'semicolon', 'semicolon']);
  });

  it('the input takes a list separator, and nothing else for it', () => {
    expect(ExportCustomersInput.parse({ chainId: 'c1', listSeparator: 'semicolon' }).listSeparator).toBe('semicolon');
    expect(ExportCustomersInput.parse({ chainId: 'c1' }).listSeparator).toBeUndefined();
    expect(ExportCustomersInput.safeParse({ chainId: 'c1', listSeparator: ';' }).success).toBe(false);
  });
});

describe('the audit of an export', () => {
  it('records that a text search was used, never its text', () => {
    const query = CustomerQuery.parse({ text: 'helene@example.test', tagsAll: ['vip'], discount: null });
    const filters = filtersForAudit(query);
    expect(filters).toEqual({ textSearch: true, tagsAll: ['vip'], tagsNone: [], discount: null });
    expect(JSON.stringify(filters)).not.toContain('helene');
    expect(filtersForAudit(CustomerQuery.parse({}))).toMatchObject({ textSearch: false });
  });
});

describe('rows into a failing pipeline', () => {
  /** A destination that takes `accept` chunks, then fails like a Storage upload that breaks. */
  function breakingUpload(accept: number) {
    let chunks = 0;
    return new Writable({
      highWaterMark: 16,
      write(_chunk, _enc, done) {
        chunks++;
        setTimeout(() => done(chunks > accept ? new Error('upload failed: 503') : null), 1);
      },
    });
  }
  const passThrough = () => new Transform({ highWaterMark: 16, transform: (c, _e, done) => done(null, c) });

  it('write() rejects with the upload’s error instead of waiting for a drain that never comes', async () => {
    const csv = stringify({ highWaterMark: 16 } as never);
    const sink = rowSink<string[]>(csv, passThrough(), breakingUpload(3));
    const writing = (async () => {
      for (let i = 0; i < 100_000; i++) await sink.write([`row ${i}`, 'x'.repeat(64)]);
    })();
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('hung')), 5000));
    await expect(Promise.race([writing, timeout])).rejects.toThrow('upload failed: 503');
    await sink.abort(new Error('stop'));
  });

  it('end() rejects when the upload fails at the end', async () => {
    const csv = stringify();
    const sink = rowSink<string[]>(csv, breakingUpload(0));
    await sink.write(['a']);
    await expect(sink.end()).rejects.toThrow('upload failed: 503');
  });

  it('a complete pipeline ends with every row written', async () => {
    const got: string[] = [];
    const csv = stringify({ record_delimiter: '\r\n' });
    const sink = rowSink<string[]>(
      csv,
      new Writable({
        write(chunk, _e, done) {
          got.push(String(chunk));
          done();
        },
      }),
    );
    for (let i = 0; i < 1000; i++) await sink.write([String(i), 'y']);
    await sink.end();
    expect(got.join('').split('\r\n')).toHaveLength(1001);
  });
});
