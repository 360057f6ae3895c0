// The callable contract, shared by the functions' wiring (index.ts) and the web client (api.ts):
// each callable's name, input schema, roles and result type. A handler returning another shape, or a
// page expecting another result, fails `tsc`. (Pure: imports only model/ and zod.)
import type { z } from 'zod';
import { AssignCardsInput, CardRefInput, BindCardInput, CreateCardBatchInput, ExportCardBatchInput, LookupCardInput, type AssignCardsResult } from './card';
import {
  CreateChainInput,
  ListMyChainsInput,
  SaveChainSettingsInput,
  RemoveLocationInput,
  SaveLocationInput,
  SetMemberInput,
  type ChainSummary,
  type ResolvedSettings,
} from './chain';
import { CustomerRefInput, GetCustomerHistoryInput, ReindexCustomersInput, SaveCustomerInput, type ReindexResult } from './customer';
import type { FieldProblem } from './issues';
import { DeleteCustomerTypeInput, SaveCustomerTypeInput, SetCustomFieldsInput } from './customerType';
import { ExportCustomersInput, type ExportResult } from './export';
import { FindDuplicatesInput, MergeCustomersInput, UnmergeCustomersInput, type DuplicatePair } from './merge';
import { GetHomeCountsInput, type HomeCounts } from './home';
import { EVERYONE, MANAGERS, OWNERS, type Role } from './roles';
import { SearchCustomersInput, type CustomerRow, type SearchResult } from './search';
import { WalletStatusInput, type WalletStatus } from './wallet';
import { CheckInInput, GetDashboardInput, UndoCheckInInput, type CheckInResult, type Dashboard } from './visits';
import type { CustomerDoc } from './customer';

/** A customer as getCustomer returns it: without contact details when the caller may not see them. */
export type CustomerView = CustomerDoc & { contactHidden?: true };

/** What the point of sale shows for a code (lookupCard). */
export type CardLookup =
  | { kind: 'unknown' | 'revoked' | 'unbound'; code: string }
  /** `checkIn`: the visit a scan opened (or answered) with the chain's automatic check-in, else null. */
  | { kind: 'bound'; code: string; customer: CustomerRow; checkIn: CheckInResult | null };

/**
 * One callable: `roles` null for a callable any signed-in user may call (no chain), else the roles of
 * `data.chainId`'s members allowed. `O` is the result type (carried by the type only).
 */
export interface CallableDef<I extends z.ZodType, O> {
  name: string;
  input: I;
  roles: readonly Role[] | null;
  /** Never set: carries the result type. */
  readonly out?: O;
}

const def =
  <O>() =>
  <I extends z.ZodType>(name: string, roles: readonly Role[] | null, input: I): CallableDef<I, O> => ({ name, input, roles });

export interface FileRef {
  path: string;
  fileName: string;
}

/** A customer's history entry as getCustomerHistory returns it (store/refs.ts HistoryEntry, dates as ISO). */
export interface HistoryItem {
  id: string;
  at: string | null;
  by: string;
  source: string;
  action: string;
  locationId?: string | null;
  mergeId?: string;
  /** For a merge: not undone yet and within 30 days (the server says). */
  canUndo?: boolean;
  card?: string;
  keepId?: string;
  /** `hidden`: a contact field's change, without its values, for staff who may not see contact details. */
  changes?: { field: string; before: unknown; after: unknown; hidden?: true }[];
  consent?: { channel: string; granted: boolean }[];
}

export interface ConsentItem {
  id: string;
  at: string | null;
  by: string;
  source: string;
  channel: string;
  granted: boolean;
  locationId?: string | null;
}

export interface HistoryResult {
  history: HistoryItem[];
  consentLog: ConsentItem[];
  /** uid -> display name of the members named in the history. */
  people: Record<string, string>;
  /** locationId -> location name. */
  places: Record<string, string>;
}

export const CALLABLES = {
  createChain: def<{ chainId: string }>()('createChain', null, CreateChainInput),
  listMyChains: def<{ chains: ChainSummary[] }>()('listMyChains', null, ListMyChainsInput),
  setMember: def<{ uid: string; role: string | null }>()('setMember', OWNERS, SetMemberInput),
  saveLocation: def<{ locationId: string }>()('saveLocation', MANAGERS, SaveLocationInput),
  /** Refused (failed-precondition, the uses named) while visits, consent, records, sign-ups or sign-up posters use it. */
  removeLocation: def<{ locationId: string; removed: true }>()('removeLocation', OWNERS, RemoveLocationInput),
  saveChainSettings: def<{ settings: ResolvedSettings }>()('saveChainSettings', OWNERS, SaveChainSettingsInput),

  /** `warnings`: phones kept as typed (not a number the chain's country reads), the save went through. */
  saveCustomer: def<{ customerId: string; version: number; changed: boolean; warnings: FieldProblem[] }>()('saveCustomer', EVERYONE, SaveCustomerInput),
  deleteCustomer: def<{ erased: true; cardsReleased: number }>()('deleteCustomer', MANAGERS, CustomerRefInput),
  getCustomerHistory: def<HistoryResult>()('getCustomerHistory', EVERYONE, GetCustomerHistoryInput),
  /** Without contact details (`contactHidden`) for staff who may not see them; dates as ISO strings. */
  getCustomer: def<{ customerId: string; customer: CustomerView }>()('getCustomer', EVERYONE, CustomerRefInput),
  searchCustomers: def<SearchResult>()('searchCustomers', EVERYONE, SearchCustomersInput),

  findDuplicates: def<{ pairs: DuplicatePair[]; nextCursor: string | null }>()('findDuplicates', MANAGERS, FindDuplicatesInput),
  mergeCustomers: def<{ mergeId: string; keepId: string; version: number }>()('mergeCustomers', MANAGERS, MergeCustomersInput),
  unmergeCustomers: def<{ keepId: string; mergedId: string }>()('unmergeCustomers', MANAGERS, UnmergeCustomersInput),
  /** The phone migration: one page of customers re-planned per call, resumable (customers/reindex.ts). */
  reindexCustomers: def<ReindexResult>()('reindexCustomers', MANAGERS, ReindexCustomersInput),
  exportCustomerData: def<{ exportId: string; files: FileRef[]; expiresAt: string }>()('exportCustomerData', MANAGERS, CustomerRefInput),

  saveCustomerType: def<{ typeId: string }>()('saveCustomerType', MANAGERS, SaveCustomerTypeInput),
  deleteCustomerType: def<{ deleted: true; reassigned: number }>()('deleteCustomerType', MANAGERS, DeleteCustomerTypeInput),
  setCustomFields: def<{ count: number }>()('setCustomFields', MANAGERS, SetCustomFieldsInput),

  exportCustomers: def<ExportResult>()('exportCustomers', MANAGERS, ExportCustomersInput),

  createCardBatch: def<{ batchId: string; size: number }>()('createCardBatch', MANAGERS, CreateCardBatchInput),
  exportCardBatch: def<{ exportId: string; rows: number } & FileRef>()('exportCardBatch', MANAGERS, ExportCardBatchInput),
  lookupCard: def<CardLookup>()('lookupCard', EVERYONE, LookupCardInput),
  /** The next free cards of a batch to a selection of customers, each atomic; refusals per customer. */
  assignCards: def<AssignCardsResult>()('assignCards', MANAGERS, AssignCardsInput),

  checkIn: def<CheckInResult>()('checkIn', EVERYONE, CheckInInput),
  undoCheckIn: def<{ undone: true; visits: number }>()('undoCheckIn', EVERYONE, UndoCheckInInput),
  /** Home's counts for every member (numbers only: staff who may not read search rows see them too). */
  getHomeCounts: def<HomeCounts>()('getHomeCounts', EVERYONE, GetHomeCountsInput),
  getDashboard: def<Dashboard>()('getDashboard', MANAGERS, GetDashboardInput),

  /** Which wallet credentials are configured (booleans only, never a secret). */
  walletStatus: def<WalletStatus>()('walletStatus', MANAGERS, WalletStatusInput),
  bindCard: def<{ code: string; customerId: string; changed: boolean; email: string }>()('bindCard', EVERYONE, BindCardInput),
  revokeCard: def<{ code: string; revoked: true }>()('revokeCard', EVERYONE, CardRefInput),
  resendCardEmail: def<{ code: string; email: string }>()('resendCardEmail', EVERYONE, CardRefInput),
} as const;

export type CallableName = keyof typeof CALLABLES;
type Def<K extends CallableName> = (typeof CALLABLES)[K];
/** What the client sends (before the schema's defaults and transforms). */
export type CallInput<K extends CallableName> = z.input<Def<K>['input']>;
/** What the callable returns. */
export type CallOutput<K extends CallableName> = Def<K> extends CallableDef<z.ZodType, infer O> ? O : never;
