// Wiring only: each export binds a trigger or callable to its handler. Logic lives in the modules.
import { setGlobalOptions } from 'firebase-functions/v2';
import { onCall } from 'firebase-functions/v2/https';
import { onObjectFinalized } from 'firebase-functions/v2/storage';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { onDocumentCreated } from 'firebase-functions/v2/firestore';
import * as chains from './chains/chains';
import { saveChainSettings as writeChainSettings } from './chains/settings';
import { runCallable, runChainCallable } from './common/callable';
import { deleteCustomer as eraseCustomer } from './customers/erase';
import { getCustomerHistory as readCustomerHistory } from './customers/history';
import { saveCustomer as writeCustomer } from './customers/save';
import { reindexCustomers as runReindex } from './customers/reindex';
import { searchCustomers as findCustomers } from './customers/search';
import * as types from './customers/types';
import { exportCustomerData as writeCustomerData } from './customers/dataExport';
import { findDuplicates as listDuplicates } from './customers/duplicates';
import * as merges from './customers/merge';
import { FindDuplicatesInput, MergeCustomersInput, UnmergeCustomersInput } from './model/merge';
import { CreateChainInput, ListMyChainsInput, SaveChainSettingsInput, SaveLocationInput, SetMemberInput } from './model/chain';
import { CustomerRefInput, GetCustomerHistoryInput, ReindexCustomersInput, SaveCustomerInput } from './model/customer';
import { DeleteCustomerTypeInput, SaveCustomerTypeInput, SetCustomFieldsInput } from './model/customerType';
import { EVERYONE, MANAGERS, OWNERS } from './model/roles';
import { SearchCustomersInput } from './model/search';
import { ExportCustomersInput } from './model/export';
import { exportCustomers as writeExport } from './exports/exportCustomers';
import { purgeAllExpiredExports } from './exports/purge';
import { deps } from './common/firebase';
import { handleImport } from './imports/run';
import { IMPORT_WRITES_PER_SECOND, MAIL_FROM, MAIL_RETRY_BASE_MS, MAIL_TIMEOUT_MS, SENDGRID_API_KEY, SENDGRID_BASE_URL } from './params';
import * as batches from './cards/batches';
import * as cards from './cards/bind';
import { BindCardInput, CardRefInput, CreateCardBatchInput, ExportCardBatchInput } from './model/card';
import { deliverCardEmail } from './mail/deliver';
import { sendgridMailer } from './mail/sendgrid';
import { instanceStarted } from './logs';

setGlobalOptions({ region: 'europe-west1', maxInstances: 10 });
instanceStarted();

// Chains and members
export const createChain = onCall((req) => runCallable('createChain', req, CreateChainInput, chains.createChain));
export const listMyChains = onCall((req) => runCallable('listMyChains', req, ListMyChainsInput, chains.listMyChains));
export const setMember = onCall((req) => runChainCallable('setMember', req, OWNERS, SetMemberInput, chains.setMember));
export const saveLocation = onCall((req) => runChainCallable('saveLocation', req, MANAGERS, SaveLocationInput, chains.saveLocation));
export const saveChainSettings = onCall((req) => runChainCallable('saveChainSettings', req, OWNERS, SaveChainSettingsInput, writeChainSettings));

// Customers
export const saveCustomer = onCall((req) => runChainCallable('saveCustomer', req, EVERYONE, SaveCustomerInput, writeCustomer));
export const deleteCustomer = onCall((req) => runChainCallable('deleteCustomer', req, MANAGERS, CustomerRefInput, eraseCustomer));
export const getCustomerHistory = onCall((req) => runChainCallable('getCustomerHistory', req, EVERYONE, GetCustomerHistoryInput, readCustomerHistory));
export const searchCustomers = onCall((req) => runChainCallable('searchCustomers', req, EVERYONE, SearchCustomersInput, findCustomers));

// Duplicates, merge and undo; a customer's data on request
export const findDuplicates = onCall((req) => runChainCallable('findDuplicates', req, MANAGERS, FindDuplicatesInput, listDuplicates));
export const mergeCustomers = onCall((req) => runChainCallable('mergeCustomers', req, MANAGERS, MergeCustomersInput, merges.mergeCustomers));
export const unmergeCustomers = onCall((req) => runChainCallable('unmergeCustomers', req, MANAGERS, UnmergeCustomersInput, merges.unmergeCustomers));
export const reindexCustomers = onCall((req) => runChainCallable('reindexCustomers', req, MANAGERS, ReindexCustomersInput, runReindex));
export const exportCustomerData = onCall((req) => runChainCallable('exportCustomerData', req, MANAGERS, CustomerRefInput, writeCustomerData));

// Customer types and custom fields
export const saveCustomerType = onCall((req) => runChainCallable('saveCustomerType', req, MANAGERS, SaveCustomerTypeInput, types.saveCustomerType));
export const deleteCustomerType = onCall((req) => runChainCallable('deleteCustomerType', req, MANAGERS, DeleteCustomerTypeInput, types.deleteCustomerType));
export const setCustomFields = onCall((req) => runChainCallable('setCustomFields', req, MANAGERS, SetCustomFieldsInput, types.setCustomFields));

// CSV import: a file dropped into imports/{chainId}/ of the default bucket.
// Retry policy: retry on crash (the platform redelivers the event with backoff); the import resumes
// from its last checkpoint and gives up after 3 attempts. A file we refuse (bad format, too big)
// is not an error: it gets a failed report and is not retried. 540 s and 512 MiB: 100,000 rows fit.
export const importCustomers = onObjectFinalized({ timeoutSeconds: 540, memory: '512MiB', cpu: 1, concurrency: 1, retry: true }, (event) => {
  const d = deps();
  return handleImport(
    { db: d.db, bucket: d.storage.bucket(event.data.bucket), writesPerSecond: IMPORT_WRITES_PER_SECOND.value() },
    {
      bucket: event.data.bucket,
      name: event.data.name,
      generation: String(event.data.generation),
      size: Number(event.data.size),
      contentType: event.data.contentType,
      metadata: event.data.metadata,
    },
  );
});

// Export of customers to CSV in Storage (managers and owners). Long: 100,000 rows stream for a while.
export const exportCustomers = onCall({ timeoutSeconds: 540, memory: '512MiB' }, (req) =>
  runChainCallable('exportCustomers', req, MANAGERS, ExportCustomersInput, writeExport),
);

// Exports expire after 24 hours.
export const purgeExports = onSchedule({ schedule: 'every 60 minutes', timeoutSeconds: 300 }, async () => {
  const d = deps();
  await purgeAllExpiredExports(d.db, d.storage.bucket());
});

// ID cards
export const createCardBatch = onCall({ timeoutSeconds: 300 }, (req) =>
  runChainCallable('createCardBatch', req, MANAGERS, CreateCardBatchInput, batches.createCardBatch),
);
export const exportCardBatch = onCall({ timeoutSeconds: 300 }, (req) =>
  runChainCallable('exportCardBatch', req, MANAGERS, ExportCardBatchInput, batches.exportCardBatch),
);
export const bindCard = onCall((req) => runChainCallable('bindCard', req, EVERYONE, BindCardInput, cards.bindCard));
export const revokeCard = onCall((req) => runChainCallable('revokeCard', req, EVERYONE, CardRefInput, cards.revokeCard));
export const resendCardEmail = onCall((req) => runChainCallable('resendCardEmail', req, EVERYONE, CardRefInput, cards.resendCardEmail));

// The card email, decoupled from the binding: a job document written with the binding is
// delivered here. Retried on crash; the job's state machine never sends twice (mail/deliver.ts).
export const sendCardEmail = onDocumentCreated(
  { document: 'chains/{chainId}/cardEmails/{jobId}', secrets: [SENDGRID_API_KEY], retry: true, timeoutSeconds: 120 },
  (event) =>
    deliverCardEmail(
      {
        db: deps().db,
        mailer: sendgridMailer(SENDGRID_API_KEY.value(), SENDGRID_BASE_URL.value() || undefined, MAIL_TIMEOUT_MS.value()),
        from: MAIL_FROM.value(),
        retryBaseMs: MAIL_RETRY_BASE_MS.value(),
      },
      event.params.chainId,
      event.params.jobId,
    ),
);
