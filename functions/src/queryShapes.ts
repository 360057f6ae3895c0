// Every query the functions make, by the file that makes it (each declared next to its code).
// `npm run deploy:check` reads this from the built functions and checks firestore.indexes.json
// against it; test/unit/query-shapes.test.ts checks each file's query code against its entry.
import type { QueryShape } from './model/queryShape';
import { QUERIES as cardAssign } from './cards/assign';
import { QUERIES as cardBatches } from './cards/batches';
import { QUERIES as cardLookup } from './cards/lookup';
import { QUERIES as chains } from './chains/chains';
import { QUERIES as locations } from './chains/locations';
import { QUERIES as importArtifacts } from './common/importArtifacts';
import { QUERIES as dashboard } from './customers/dashboard';
import { QUERIES as dataExport } from './customers/dataExport';
import { QUERIES as duplicates } from './customers/duplicates';
import { QUERIES as reindex } from './customers/reindex';
import { QUERIES as erase } from './customers/erase';
import { QUERIES as history } from './customers/history';
import { QUERIES as home } from './customers/home';
import { QUERIES as types } from './customers/types';
import { QUERIES as purge } from './exports/purge';
import { QUERIES as importRetention } from './imports/retention';
import { QUERIES as customerReads } from './store/customers/read';
import { QUERIES as search } from './store/customers/search';
import { QUERIES as searchLanes } from './store/customers/lanes';
import { QUERIES as sortedList } from './store/customers/sorted';
import { QUERIES as segments } from './store/customers/segments';
import { QUERIES as stats } from './store/customers/stats';
import { QUERIES as visits } from './store/customers/visits';
import { QUERIES as cardQueries } from './store/refs';
import { QUERIES as signUpPurge } from './signup/purge';
import { QUERIES as walletPurge } from './wallet/purge';
import { QUERIES as walletService } from './wallet/service';

export const FUNCTIONS_QUERIES: Record<string, QueryShape[]> = {
  'functions/src/cards/assign.ts': cardAssign,
  'functions/src/cards/batches.ts': cardBatches,
  'functions/src/cards/lookup.ts': cardLookup,
  'functions/src/chains/chains.ts': chains,
  'functions/src/chains/locations.ts': locations,
  'functions/src/common/importArtifacts.ts': importArtifacts,
  'functions/src/customers/dashboard.ts': dashboard,
  'functions/src/customers/dataExport.ts': dataExport,
  'functions/src/customers/duplicates.ts': duplicates,
  'functions/src/customers/reindex.ts': reindex,
  'functions/src/customers/erase.ts': erase,
  'functions/src/customers/history.ts': history,
  'functions/src/customers/home.ts': home,
  'functions/src/customers/types.ts': types,
  'functions/src/exports/purge.ts': purge,
  'functions/src/imports/retention.ts': importRetention,
  'functions/src/store/customers/read.ts': customerReads,
  'functions/src/store/customers/search.ts': search,
  'functions/src/store/customers/lanes.ts': searchLanes,
  'functions/src/store/customers/sorted.ts': sortedList,
  'functions/src/store/customers/segments.ts': segments,
  'functions/src/store/customers/stats.ts': stats,
  'functions/src/store/customers/visits.ts': visits,
  'functions/src/store/refs.ts': cardQueries,
  'functions/src/signup/purge.ts': signUpPurge,
  'functions/src/wallet/purge.ts': walletPurge,
  'functions/src/wallet/service.ts': walletService,
};
