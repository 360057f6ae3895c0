// Every query the web client makes, by the file that makes it. `npm run deploy:check` checks
// firestore.indexes.json against them, and test/unit/query-shapes.test.ts checks each file's query
// code against its entry. (Data only: the check loads this file without the rest of the client;
// the type is imported by a relative path, which the tests' tsconfig resolves too.)
import type { QueryShape } from '../../functions/src/model/queryShape';

export const WEB_QUERIES: Record<string, QueryShape[]> = {
  'web/src/data/docs.ts': [{ name: 'customer types by name', collection: 'customerTypes', orderBy: [{ field: 'name' }] }],
  'web/src/data/chain.ts': [
    { name: 'locations by name', collection: 'locations', orderBy: [{ field: 'name' }] },
    { name: 'members by name', collection: 'members', orderBy: [{ field: 'displayName' }] },
  ],
  'web/src/data/cards.ts': [
    { name: 'card batches, latest first', collection: 'cardBatches', orderBy: [{ field: 'createdAt', direction: 'desc' }] },
    { name: 'cards of a batch', collection: 'cards', orderBy: [{ field: 'code' }] },
    { name: 'cards of a batch by status', collection: 'cards', where: [{ field: 'status', op: '==' }], orderBy: [{ field: 'code' }] },
    {
      name: 'cards of a batch by code prefix',
      collection: 'cards',
      where: [
        { field: 'code', op: '>=' },
        { field: 'code', op: '<' },
      ],
      orderBy: [{ field: 'code' }],
    },
    {
      name: 'cards of a batch by status and code prefix',
      collection: 'cards',
      where: [
        { field: 'status', op: '==' },
        { field: 'code', op: '>=' },
        { field: 'code', op: '<' },
      ],
      orderBy: [{ field: 'code' }],
    },
  ],
  'web/src/data/audit.ts': [
    { name: 'audit log, newest first', collection: 'audit', orderBy: [{ field: 'at', direction: 'desc' }] },
    {
      name: 'audit log of one action, newest first',
      collection: 'audit',
      where: [{ field: 'action', op: '==' }],
      orderBy: [{ field: 'at', direction: 'desc' }],
    },
  ],
  'web/src/data/imports.ts': [{ name: 'latest imports', collection: 'imports', orderBy: [{ field: 'queuedAt', direction: 'desc' }] }],
  'web/src/data/visits.ts': [{ name: 'visit history of a customer', collection: 'visits', orderBy: [{ field: 'at', direction: 'desc' }] }],
};
