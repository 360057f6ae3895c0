// What the import does with rows: create or update (matched by email, then custom value),
// create-only, rows that fail (skipped, reported, in the error file), a customer twice in a file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { adminDb } from '../helpers/admin';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer } from '../helpers/customers';
import { customersOf, errorFileText, importFile } from '../helpers/imports';
import { paths } from '../../functions/src/model/paths';

let team: Team;
beforeAll(async () => {
  team = await createTeam('Import rows');
});
afterAll(() => team.closeAll());

const find = async (pred: (c: Record<string, any>) => boolean) => (await customersOf(team.chainId)).filter(pred);

describe('matching existing customers', () => {
  it('updates the customer with the same email (any case), then the same custom value, and creates the rest', async () => {
    const a = await createCustomer(team.staff, team.chainId, { firstName: 'Ann', lastName: 'Old', email: 'Ann.Match@Example.test', tags: ['keep'] });
    const b = await createCustomer(team.staff, team.chainId, { firstName: 'Bob', lastName: 'Old', custom: 'LOYAL-42' });
    const text = [
      'First Name,Last Name,Email,Custom,City',
      'Ann,New,ann.match@EXAMPLE.test,,Paris',
      'Bob,New,,loyal-42,Lyon',
      'Cyd,New,cyd.match@example.test,,Nice',
    ].join('\n');
    const { report } = await importFile(team.chainId, 'match.csv', text);
    expect(report.counts).toMatchObject({ rows: 3, created: 1, updated: 2, unchanged: 0, failed: 0 });
    const ann = (await adminDb.doc(paths.customer(team.chainId, a.customerId)).get()).data()!;
    expect(ann).toMatchObject({ lastName: 'New', address: { city: 'Paris' }, tags: ['keep'], version: 2, createdBy: team.staff.uid, source: 'backoffice' });
    expect((await adminDb.doc(paths.customer(team.chainId, b.customerId)).get()).data()).toMatchObject({ lastName: 'New', address: { city: 'Lyon' } });
    expect(await find((c) => c.email === 'cyd.match@example.test')).toHaveLength(1);
    const { history } = await team.staff.call('getCustomerHistory', { chainId: team.chainId, customerId: a.customerId });
    expect(history[0]).toMatchObject({ source: 'import', action: 'update' });
  });

  it('counts rows that change nothing as unchanged', async () => {
    await createCustomer(team.staff, team.chainId, { firstName: 'Una', lastName: 'Same', email: 'una.same@example.test' });
    const { report } = await importFile(team.chainId, 'same.csv', 'Prénom,Nom,Courriel\nUna,Same,una.same@example.test\n');
    expect(report.counts).toMatchObject({ rows: 1, unchanged: 1, updated: 0, created: 0 });
  });

  it('in create-only mode, leaves existing customers alone', async () => {
    const existing = await createCustomer(team.staff, team.chainId, { firstName: 'Otto', lastName: 'Stay', email: 'otto.stay@example.test' });
    const { report } = await importFile(
      team.chainId,
      'create-only.csv',
      'Vorname,Nachname,E-Mail\nOtto,Changed,otto.stay@example.test\nNeu,Person,neu.person@example.test\n',
      {
        metadata: { mode: 'create-only' },
      },
    );
    expect(report).toMatchObject({ mode: 'create-only', counts: { rows: 2, created: 1, skipped: 1, updated: 0 } });
    expect((await adminDb.doc(paths.customer(team.chainId, existing.customerId)).get()).get('lastName')).toBe('Stay');
  });

  it('two rows for the same customer: the later wins, and the report says so', async () => {
    const text = 'Prénom,Nom,Courriel,Ville\nRita,First,rita.twice@example.test,Paris\nRita,Second,RITA.twice@example.test,Lyon\n';
    const { report } = await importFile(team.chainId, 'twice.csv', text);
    expect(report.counts).toMatchObject({ rows: 2, created: 1, updated: 1, repeated: 1 });
    expect(report.repeatedRows).toEqual([{ row: 3, earlierRow: 2 }]);
    const rita = await find((c) => c.email.toLowerCase() === 'rita.twice@example.test');
    expect(rita).toHaveLength(1);
    expect(rita[0]).toMatchObject({ lastName: 'Second', address: { city: 'Lyon' } });
  });
});

describe('rows that fail', () => {
  it('are skipped, never altered; the report names row, column, value and problem; the error file holds them as they were', async () => {
    const text = [
      'Prénom;Nom;Courriel;Numéro de téléphone principal;Code postal;Remarques',
      'Good;Row;good.row@example.test;+33 6 12 34 56 78;75011;ok',
      ';NoFirst;nofirst@example.test;;;',
      'Bad;Email;not-an-email;;;"multi',
      'line; with ""quotes"""',
      `Bad;Phone;badphone@example.test;${'1'.repeat(41)};;`,
      `Long;Postal;long@example.test;;${'9'.repeat(64)};`,
      '=HYPERLINK("http://evil");Formula;formula@example.test;;;',
      "'=1+1;Escaped;escaped@example.test;;;",
    ].join('\r\n');
    const { report } = await importFile(team.chainId, 'bad-rows.csv', text);
    expect(report.counts).toMatchObject({ rows: 7, created: 2, failed: 5 });
    expect(report.errors).toEqual([
      { row: 3, column: 'Prénom', value: '', message: 'is required' },
      { row: 4, column: 'Courriel', value: 'not-an-email', message: 'is not a valid email address' },
      { row: 5, column: 'Numéro de téléphone principal', value: '1'.repeat(41), message: 'must be under 41 characters' },
      { row: 6, column: 'Code postal', value: '9'.repeat(64), message: 'must be under 64 characters' },
      { row: 7, column: 'Prénom', value: '=HYPERLINK("http://evil")', message: expect.stringContaining('formula') },
    ]);
    expect(await find((c) => ['nofirst@example.test', 'badphone@example.test', 'long@example.test', 'formula@example.test'].includes(c.email))).toEqual([]);
    expect(await find((c) => c.email === 'escaped@example.test')).toEqual([expect.objectContaining({ firstName: '=1+1' })]);

    expect(report.errorFile).toMatch(/^imports\/.+\/bad-rows\.errors-\d+\.csv$/);
    const errorText = await errorFileText(report.errorFile!);
    expect(errorText.startsWith('\ufeff')).toBe(true);
    const rows = parse(errorText.slice(1), { delimiter: ';' }) as string[][];
    expect(rows[0]).toEqual(['Prénom', 'Nom', 'Courriel', 'Numéro de téléphone principal', 'Code postal', 'Remarques', 'Warning', 'Error']);
    expect(rows.slice(1).map((r) => r.slice(0, 6))).toEqual([
      ['', 'NoFirst', 'nofirst@example.test', '', '', ''],
      ['Bad', 'Email', 'not-an-email', '', '', 'multi\r\nline; with "quotes"'],
      ['Bad', 'Phone', 'badphone@example.test', '1'.repeat(41), '', ''],
      ['Long', 'Postal', 'long@example.test', '', '9'.repeat(64), ''],
      ['=HYPERLINK("http://evil")', 'Formula', 'formula@example.test', '', '', ''],
    ]);
    expect(rows[2]!.slice(6)).toEqual(['', 'Courriel: is not a valid email address']);
  });

  it('keeps the first 100 errors in the report, counts them all, and writes them all to the error file', async () => {
    const lines = ['Prénom,Nom,Courriel', 'Good,First,good.first@example.test'];
    for (let i = 1; i <= 150; i++) lines.push(`Bad${i},Email,not-an-email-${i}`);
    lines.push('Good,Last,good.last@example.test');
    const { report } = await importFile(team.chainId, 'many-errors.csv', `${lines.join('\n')}\n`);
    expect(report.counts).toMatchObject({ rows: 152, created: 2, failed: 150 });
    expect(report.errors).toHaveLength(100);
    expect(report.errors[0]).toMatchObject({ row: 3, value: 'not-an-email-1' });
    expect(report.errors[99]).toMatchObject({ row: 102, value: 'not-an-email-100' });
    const rows = parse((await errorFileText(report.errorFile!)).slice(1)) as string[][];
    expect(rows).toHaveLength(151);
    expect(rows.slice(1).map((r) => r[2])).toEqual(Array.from({ length: 150 }, (_, i) => `not-an-email-${i + 1}`));
  });

  it('a fixed error file imports the rest, and the error column is ignored', async () => {
    const text = 'Prénom;Nom;Courriel;Error\nFixed;Now;fixed.now@example.test;Courriel: is not a valid email address\n';
    const { report } = await importFile(team.chainId, 'fixed.csv', text);
    expect(report.counts).toMatchObject({ created: 1, failed: 0 });
    expect(report.ignoredColumns).toEqual(['Error']);
  });

  it('reports an unknown customer type and a bad number in the row; a bad consent value is a warning', async () => {
    const { report } = await importFile(team.chainId, 'bad-values.csv', 'First Name,Last Name,Type,Accepts Email Marketing,Discount\nTy,Pe,Gold,maybe,ten\n');
    expect(report.counts).toMatchObject({ failed: 1 });
    expect(report.errors.map((e) => e.column)).toEqual(['Type', 'Discount']);
    expect(report.rowWarnings).toEqual([{ row: 2, column: 'Accepts Email Marketing', value: 'maybe', message: expect.stringContaining('neither yes nor no') }]);
  });

  it('ragged rows: missing trailing cells are empty (with a warning); extra cells are an error', async () => {
    const text = 'Prénom,Nom,Courriel,Ville\nShort,Row\nLong,Row,long.row@example.test,Paris,extra,cells\n,Short failing\n';
    const { report } = await importFile(team.chainId, 'ragged.csv', text);
    expect(report.counts).toMatchObject({ rows: 3, created: 1, failed: 2 });
    expect(report.errors[0]).toMatchObject({ row: 3, column: '', value: 'extra | cells', message: expect.stringContaining('6 cells, 4 columns') });
    expect(report.errors[1]).toMatchObject({ row: 4, column: 'Prénom', value: '', message: 'is required' });
    expect(report.warningRows).toBe(2);
    expect(report.rowWarnings.map((w) => [w.row, w.column])).toEqual([
      [2, ''],
      [4, ''],
    ]);
    expect(report.rowWarnings[0]!.message).toContain('2 cells, 4 columns');

    // The error file: every row as wide as the widest, the warning and the message always in the last two columns.
    const short = expect.stringContaining('2 cells, 4 columns');
    const rows = parse((await errorFileText(report.errorFile!)).slice(1)) as string[][];
    expect(rows).toEqual([
      ['Prénom', 'Nom', 'Courriel', 'Ville', 'Extra cell 1', 'Extra cell 2', 'Warning', 'Error'],
      ['Short', 'Row', '', '', '', '', short, ''],
      ['Long', 'Row', 'long.row@example.test', 'Paris', 'extra', 'cells', '', expect.stringContaining('6 cells, 4 columns')],
      ['', 'Short failing', '', '', '', '', short, 'Prénom: is required'],
    ]);

    // Uploaded again as it is: the messages land in no data column; the short row fails the same way.
    const again = await importFile(team.chainId, 'ragged-again.csv', await errorFileText(report.errorFile!));
    expect(again.report.ignoredColumns).toEqual(['Extra cell 1', 'Extra cell 2', 'Warning', 'Error']);
    expect(again.report.errors).toEqual([{ row: 4, column: 'Prénom', value: '', message: 'is required' }]);
    expect(await find((c) => c.lastName === 'Short failing')).toEqual([]);
  });

  it('blank lines and lines of delimiters only are not rows', async () => {
    const text = 'Prénom;Nom;Courriel\r\n\r\nBlank;Lines;blank.lines@example.test\r\n;;\r\n  ;\t; \r\nMore;Lines;more.lines@example.test\r\n\r\n';
    const { report } = await importFile(team.chainId, 'blank-lines.csv', text);
    expect(report).toMatchObject({ status: 'done', totalRows: 2, processed: 2, counts: { rows: 2, created: 2, failed: 0 }, errors: [] });
    expect(report.errorFile).toBeNull();
  });
});
