// Wiring only: each export binds a trigger or callable to its handler. Logic lives in the modules.
import { setGlobalOptions } from 'firebase-functions/v2/options';
import { onCall, onRequest } from 'firebase-functions/v2/https';
import { onObjectFinalized } from 'firebase-functions/v2/storage';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { onDocumentCreated, onDocumentUpdated } from 'firebase-functions/v2/firestore';
import { onTaskDispatched } from 'firebase-functions/v2/tasks';
import * as chains from './chains/chains';
import { runContract, runUserContract } from './common/callable';
import { CALLABLES } from './model/callables';
import { saveChainSettings as writeChainSettings } from './chains/settings';
import { removeLocation as removeChainLocation } from './chains/locations';
import { deleteCustomer as eraseCustomer } from './customers/erase';
import { getCustomerHistory as readCustomerHistory } from './customers/history';
import { saveCustomer as writeCustomer } from './customers/save';
import { getCustomer as readOneCustomer } from './customers/get';
import { reindexCustomers as runReindex } from './customers/reindex';
import { searchCustomers as findCustomers } from './customers/search';
import * as types from './customers/types';
import { exportCustomerData as writeCustomerData } from './customers/dataExport';
import { findDuplicates as listDuplicates } from './customers/duplicates';
import * as merges from './customers/merge';
import * as visits from './customers/visits';
import { getDashboard as readDashboard } from './customers/dashboard';
import { getHomeCounts as readHomeCounts } from './customers/home';
import { purgeVisitStats as purgeOldVisitStats, refreshAllSegments } from './customers/segments';
import { exportCustomers as writeExport } from './exports/exportCustomers';
import { purgeAllExpiredExports } from './exports/purge';
import { deps } from './common/firebase';
import { importIdFor } from './model/import';
import { continueImport as continueImportPart, handleImport, type ImportDeps } from './imports/delivery';
import { aheadTaskId, type AheadTask } from './imports/ahead';
import type { Continuation } from './imports/handover';
import { enqueueOnce } from './common/taskQueue';
import { purgeExpiredImports } from './imports/retention';
import {
  IMPORT_INVOCATION_SECONDS,
  IMPORT_PARALLEL_PARTS,
  IMPORT_WRITES_PER_SECOND,
  LINK_SIGNING_KEY,
  MAIL_FROM,
  MAIL_RETRY_BASE_MS,
  MAIL_TIMEOUT_MS,
  PUBLIC_URL,
  SENDGRID_API_KEY,
  SENDGRID_BASE_URL,
  WALLET_SECRETS,
  walletParams,
} from './params';
import { runPublicCallable } from './common/publicCallable';
import { ConfirmSignUpInput, PreferencesInput, SavePreferencesInput, SignUpInfoInput, SignUpInput } from './model/signUp';
import * as signUps from './signup/signUp';
import { confirmSignUp as confirmPendingSignUp } from './signup/confirm';
import { purgeExpiredSignUps } from './signup/purge';
import * as preferences from './preferences/preferences';
import { deliverSignUpEmail } from './mail/signUpEmail';
import { walletConfig } from './common/walletConfig';
import type { WalletPassDoc } from './model/wallet';
import { fetchLogo } from './wallet/applePass';
import { apnsPusher } from './wallet/apns';
import { walletObjectsClient } from './wallet/googleApi';
import { notifyVoidedPass } from './wallet/notify';
import { purgeVoidedPasses } from './wallet/purge';
import { serveWallet } from './wallet/service';
import { walletStatusOf } from './wallet/status';
import * as batches from './cards/batches';
import { assignCards as assignCardsToCustomers } from './cards/assign';
import * as cards from './cards/bind';
import { lookupCard as findCardCustomer } from './cards/lookup';
import { deliverCardEmail } from './mail/deliver';
import { sendgridMailer } from './mail/sendgrid';
import { instanceStarted } from './logs';

const REGION = 'europe-west1';
setGlobalOptions({ region: REGION, maxInstances: 10 });
instanceStarted();

// Chains and members
export const createChain = onCall((req) => runUserContract(CALLABLES.createChain, req, chains.createChain));
export const listMyChains = onCall((req) => runUserContract(CALLABLES.listMyChains, req, chains.listMyChains));
export const setMember = onCall((req) => runContract(CALLABLES.setMember, req, chains.setMember));
export const saveLocation = onCall((req) => runContract(CALLABLES.saveLocation, req, chains.saveLocation));
export const removeLocation = onCall((req) => runContract(CALLABLES.removeLocation, req, removeChainLocation));
export const saveChainSettings = onCall((req) => runContract(CALLABLES.saveChainSettings, req, writeChainSettings));

// Customers
export const saveCustomer = onCall((req) => runContract(CALLABLES.saveCustomer, req, writeCustomer));
export const deleteCustomer = onCall((req) => runContract(CALLABLES.deleteCustomer, req, eraseCustomer));
export const getCustomerHistory = onCall((req) => runContract(CALLABLES.getCustomerHistory, req, readCustomerHistory));
export const getCustomer = onCall((req) => runContract(CALLABLES.getCustomer, req, readOneCustomer));
export const searchCustomers = onCall((req) => runContract(CALLABLES.searchCustomers, req, findCustomers));

// Visits at the till: any member checks a customer in, and may take it back within 10 minutes
export const checkIn = onCall((req) => runContract(CALLABLES.checkIn, req, visits.checkIn));
export const undoCheckIn = onCall((req) => runContract(CALLABLES.undoCheckIn, req, visits.undoCheckIn));
// The dashboard on Home (owners and managers): counters, segment sizes, cards, email failures
export const getHomeCounts = onCall((req) => runContract(CALLABLES.getHomeCounts, req, readHomeCounts));
export const getDashboard = onCall((req) => runContract(CALLABLES.getDashboard, req, readDashboard));

// Duplicates, merge and undo; a customer's data on request
export const findDuplicates = onCall((req) => runContract(CALLABLES.findDuplicates, req, listDuplicates));
export const mergeCustomers = onCall((req) => runContract(CALLABLES.mergeCustomers, req, merges.mergeCustomers));
export const unmergeCustomers = onCall((req) => runContract(CALLABLES.unmergeCustomers, req, merges.unmergeCustomers));
export const exportCustomerData = onCall((req) => runContract(CALLABLES.exportCustomerData, req, writeCustomerData));
export const reindexCustomers = onCall((req) => runContract(CALLABLES.reindexCustomers, req, runReindex));

// Customer types and custom fields
export const saveCustomerType = onCall((req) => runContract(CALLABLES.saveCustomerType, req, types.saveCustomerType));
export const deleteCustomerType = onCall((req) => runContract(CALLABLES.deleteCustomerType, req, types.deleteCustomerType));
export const setCustomFields = onCall((req) => runContract(CALLABLES.setCustomFields, req, types.setCustomFields));

// CSV import: a file dropped into imports/{chainId}/ of the default bucket.
// Retry policy: retry on crash (the platform redelivers the event with backoff); the import resumes
// from its last checkpoint and gives up after 3 attempts. A file we refuse (bad format, too big)
// is not an error: it gets a failed report and is not retried. An invocation whose time runs out
// hands the rest of the file over to `continueImport` (a task queue): not a failed attempt.
const IMPORT_TIMEOUT_SECONDS = 540;
const IMPORT_RUNTIME = { timeoutSeconds: IMPORT_TIMEOUT_SECONDS, memory: '512MiB', cpu: 1, concurrency: 1 } as const;
// The queue waits past the part's timeout for its answer (the Cloud Tasks emulator's default is 60 s:
// a part running longer was dispatched again while it ran, found by bench:import:large).
const IMPORT_TASK = { dispatchDeadlineSeconds: IMPORT_TIMEOUT_SECONDS + 60 };

function importDeps(bucket: string | undefined): ImportDeps {
  const d = deps();
  return {
    db: d.db,
    bucket: d.storage.bucket(bucket),
    writesPerSecond: IMPORT_WRITES_PER_SECOND.value(),
    invocationSeconds: Math.min(IMPORT_INVOCATION_SECONDS.value(), IMPORT_TIMEOUT_SECONDS),
    handOver: (c: Continuation) =>
      enqueueOnce('continueImport', REGION, { ...c }, `${importIdFor(c.object.name, c.object.generation)}-part-${c.part}`, IMPORT_TASK),
    // Parallel parts go through the same queue (their payload says `ahead`).
    ahead: { parts: IMPORT_PARALLEL_PARTS.value(), task: (t: AheadTask) => enqueueOnce('continueImport', REGION, { ...t }, aheadTaskId(t), IMPORT_TASK) },
  };
}

export const importCustomers = onObjectFinalized({ ...IMPORT_RUNTIME, retry: true }, (event) =>
  handleImport(importDeps(event.data.bucket), {
    bucket: event.data.bucket,
    name: event.data.name,
    generation: String(event.data.generation),
    size: Number(event.data.size),
    contentType: event.data.contentType,
    metadata: event.data.metadata,
  }),
);

// The next part of an import that handed over. Retried with backoff when a part crashes (the lease
// counts the attempts, as for the Storage event); a task for a part already started does nothing.
export const continueImport = onTaskDispatched<{ object?: { bucket?: unknown } } | undefined>(
  { ...IMPORT_RUNTIME, retryConfig: { maxAttempts: 10, minBackoffSeconds: 30, maxBackoffSeconds: 300 }, rateLimits: { maxConcurrentDispatches: 10 } },
  // The payload is checked by continueImport (zod); its bucket, if any, only picks the Storage handle.
  (req) => continueImportPart(importDeps(typeof req.data?.object?.bucket === 'string' ? req.data.object.bucket : undefined), req.data),
);

// Export of customers to CSV in Storage (managers and owners). Long: 100,000 rows stream for a while.
export const exportCustomers = onCall({ timeoutSeconds: 540, memory: '512MiB' }, (req) => runContract(CALLABLES.exportCustomers, req, writeExport));

// Exports expire after 24 hours.
export const purgeExports = onSchedule({ schedule: 'every 60 minutes', timeoutSeconds: 300 }, async () => {
  const d = deps();
  await purgeAllExpiredExports(d.db, d.storage.bucket());
});

// An import's error file and the values quoted in its report are kept 7 days (the upload is deleted when the import ends).
export const purgeImports = onSchedule({ schedule: 'every 60 minutes', timeoutSeconds: 300 }, async () => {
  const d = deps();
  await purgeExpiredImports(d.db, d.storage.bucket());
});

// ID cards
export const createCardBatch = onCall({ timeoutSeconds: 300 }, (req) => runContract(CALLABLES.createCardBatch, req, batches.createCardBatch));
export const exportCardBatch = onCall({ timeoutSeconds: 300 }, (req) => runContract(CALLABLES.exportCardBatch, req, batches.exportCardBatch));
export const lookupCard = onCall((req) => runContract(CALLABLES.lookupCard, req, findCardCustomer));
export const bindCard = onCall((req) => runContract(CALLABLES.bindCard, req, cards.bindCard));
export const assignCards = onCall((req) => runContract(CALLABLES.assignCards, req, assignCardsToCustomers));
export const revokeCard = onCall((req) => runContract(CALLABLES.revokeCard, req, cards.revokeCard));
export const resendCardEmail = onCall((req) => runContract(CALLABLES.resendCardEmail, req, cards.resendCardEmail));

// The card email, decoupled from the binding: a job document written with the binding is
// delivered here. Retried on crash; the job's state machine never sends twice (mail/deliver.ts).
export const sendCardEmail = onDocumentCreated(
  { document: 'chains/{chainId}/cardEmails/{jobId}', secrets: [SENDGRID_API_KEY, LINK_SIGNING_KEY, ...WALLET_SECRETS], retry: true, timeoutSeconds: 120 },
  (event) =>
    deliverCardEmail(
      {
        db: deps().db,
        mailer: sendgridMailer(SENDGRID_API_KEY.value(), SENDGRID_BASE_URL.value() || undefined, MAIL_TIMEOUT_MS.value()),
        from: MAIL_FROM.value(),
        retryBaseMs: MAIL_RETRY_BASE_MS.value(),
        links: { secret: LINK_SIGNING_KEY.value(), publicUrl: PUBLIC_URL.value() },
        wallet: walletConfig(walletParams()),
      },
      event.params.chainId,
      event.params.jobId,
    ),
);

// Self sign-up and the customer's preferences page: public callables (nobody signed in), App Check
// enforced (see README, "Self sign-up"); links in emails are signed with LINK_SIGNING_KEY.
const PUBLIC = { enforceAppCheck: true, secrets: [LINK_SIGNING_KEY] };
export const signUpInfo = onCall({ enforceAppCheck: true }, (req) => runPublicCallable('signUpInfo', req, SignUpInfoInput, signUps.signUpInfo));
export const signUp = onCall(PUBLIC, (req) =>
  runPublicCallable('signUp', req, SignUpInput, (d, caller, data) => signUps.signUp(d, caller, data, { secret: LINK_SIGNING_KEY.value() })),
);
export const confirmSignUp = onCall(PUBLIC, (req) =>
  runPublicCallable('confirmSignUp', req, ConfirmSignUpInput, (d, caller, data) => confirmPendingSignUp(d, caller, data, { secret: LINK_SIGNING_KEY.value() })),
);
// The preferences page also shows the customer's cards with their wallet links (the wallet secrets).
const PUBLIC_WALLET = { ...PUBLIC, secrets: [LINK_SIGNING_KEY, ...WALLET_SECRETS] };
export const getPreferences = onCall(PUBLIC_WALLET, (req) =>
  runPublicCallable('getPreferences', req, PreferencesInput, (d, caller, data) =>
    preferences.getPreferences(d, caller, data, { secret: LINK_SIGNING_KEY.value(), wallet: walletConfig(walletParams()) }),
  ),
);
export const savePreferences = onCall(PUBLIC, (req) =>
  runPublicCallable('savePreferences', req, SavePreferencesInput, (d, caller, data) =>
    preferences.savePreferences(d, caller, data, { secret: LINK_SIGNING_KEY.value() }),
  ),
);
// The one-click List-Unsubscribe URL of customer emails (RFC 8058), served at /unsubscribe through Hosting.
export const unsubscribe = onRequest({ secrets: [LINK_SIGNING_KEY] }, (req, res) =>
  preferences.unsubscribe(deps().db, LINK_SIGNING_KEY.value(), PUBLIC_URL.value(), req, res),
);
// The confirmation email of a sign-up, sent once when the pending sign-up is stored.
export const sendSignUpEmail = onDocumentCreated(
  { document: 'chains/{chainId}/signUps/{signUpId}', secrets: [SENDGRID_API_KEY, LINK_SIGNING_KEY], retry: true, timeoutSeconds: 120 },
  (event) =>
    deliverSignUpEmail(
      {
        db: deps().db,
        mailer: sendgridMailer(SENDGRID_API_KEY.value(), SENDGRID_BASE_URL.value() || undefined, MAIL_TIMEOUT_MS.value()),
        from: MAIL_FROM.value(),
        retryBaseMs: MAIL_RETRY_BASE_MS.value(),
        links: { secret: LINK_SIGNING_KEY.value(), publicUrl: PUBLIC_URL.value() },
      },
      event.params.chainId,
      event.params.signUpId,
    ),
);
// Visit segments brought to each chain's today (model/segments.ts); day counters past retention purged.
export const refreshSegments = onSchedule({ schedule: 'every 60 minutes', timeoutSeconds: 540 }, async () => {
  await refreshAllSegments(deps().db);
});
export const purgeVisitStats = onSchedule({ schedule: 'every 24 hours', timeoutSeconds: 300 }, async () => {
  await purgeOldVisitStats(deps().db);
});

// Pending sign-ups expire after 48 hours, rate-limit counters after their hour.
export const purgeSignUps = onSchedule({ schedule: 'every 60 minutes', timeoutSeconds: 300 }, async () => {
  await purgeExpiredSignUps(deps().db);
});

// Wallet passes (Apple Wallet, Google Wallet): the downloads behind the email's buttons and Apple's
// pass web service, one HTTPS function (its URL is WALLET_BASE_URL).
export const wallet = onRequest({ secrets: WALLET_SECRETS }, (req, res) =>
  serveWallet({ db: deps().db, config: walletConfig(walletParams()), fetchLogo }, req, res),
);

// A voided pass (card revoked, customer erased): APNs push to the devices, Google object expired.
export const notifyWalletPass = onDocumentUpdated({ document: 'chains/{chainId}/walletPasses/{passId}', secrets: WALLET_SECRETS, retry: true }, (event) => {
  const config = walletConfig(walletParams());
  return notifyVoidedPass(
    {
      db: deps().db,
      pusher: config.apple ? apnsPusher(config.apple) : null,
      google: config.google ? { issuerId: config.google.issuerId, objects: walletObjectsClient(config.google) } : null,
    },
    event.params.chainId,
    event.params.passId,
    event.data?.before.data() as WalletPassDoc | undefined,
    event.data?.after.data() as WalletPassDoc | undefined,
  );
});

// Voided passes and their device registrations go after WALLET_RETENTION_DAYS.
export const purgeWalletPasses = onSchedule({ schedule: 'every 24 hours', timeoutSeconds: 300 }, async () => {
  await purgeVoidedPasses(deps().db);
});

// What the settings page shows: which wallet credentials are configured (never their values).
export const walletStatus = onCall({ secrets: WALLET_SECRETS }, (req) =>
  runContract(
    CALLABLES.walletStatus,
    req,
    walletStatusOf(() => walletConfig(walletParams())),
  ),
);
