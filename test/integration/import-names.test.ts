// The file's own name (metadata `fileName`, as the import page sends it) is kept exactly on the
// report (`file.originalName`), accents, spaces and parentheses included, while the stored object
// keeps its safe name; without it the report says null; an absurdly long one is refused as bad
// metadata (the report says which field).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeam, type Team } from '../helpers/chains';
import { importFile } from '../helpers/imports';

let team: Team;
beforeAll(async () => {
  team = await createTeam('Import names');
});
afterAll(async () => {
  await team?.closeAll();
});

const CSV = 'First name,Last name,Email\r\nZoé,Nom,zoe.names@example.test\r\nBad,Row,not-an-email\r\n';

describe('the file’s own name', () => {
  it('is on the report exactly as uploaded; the error file still sits beside the stored object', async () => {
    const own = 'Clients été 2026 (copie).csv';
    const { report, path } = await importFile(team.chainId, '2026-12-02T10-00-00-000Z-Clients_t_2026_copie_.csv', CSV, {
      metadata: { uploadedBy: team.manager.uid, fileName: own },
    });
    expect(report.status).toBe('done');
    expect(report.file.originalName).toBe(own);
    expect(report.file.name).toBe('2026-12-02T10-00-00-000Z-Clients_t_2026_copie_.csv');
    expect(report.file.path).toBe(path);
    expect(report.counts).toMatchObject({ created: 1, failed: 1 });
    expect(report.errorFile).toMatch(/^imports\/.+Clients_t_2026_copie_\.errors-\d+\.csv$/);
  });

  it('is null when the upload does not give it', async () => {
    const { report } = await importFile(team.chainId, 'no-name.csv', 'First name,Last name\r\nAnna,Sans\r\n', { metadata: { uploadedBy: team.manager.uid } });
    expect(report.status).toBe('done');
    expect(report.file.originalName).toBeNull();
  });

  it('refuses an absurd name as bad metadata, naming the field', async () => {
    const { report } = await importFile(team.chainId, 'long-name.csv', 'First name,Last name\r\nLong,Nom\r\n', {
      metadata: { uploadedBy: team.manager.uid, fileName: `${'é'.repeat(1100)}.csv` },
    });
    expect(report.status).toBe('failed');
    expect(report.failure?.code).toBe('badMetadata');
    expect(report.failure?.message).toContain('fileName');
    expect(report.counts.created).toBe(0);
  });
});
