// ID cards: codes, statuses, and the callables' inputs. Shared by the functions and the web client
// (which checks a typed code before asking anything).
import { z } from 'zod';
import { DocId, Email } from './ids';

/** Crockford's base 32: no I, L, O, U (no confusion with 1, 0, V; no accidental words). */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 20 random characters: 100 bits. */
export const CODE_RANDOM_LENGTH = 20;
export const CODE_LENGTH = CODE_RANDOM_LENGTH + 1;

/** Luhn mod 32 over the alphabet: catches any single wrong character and most swaps of neighbours. */
export function checkCharacter(payload: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = payload.length - 1; i >= 0; i--) {
    const code = CODE_ALPHABET.indexOf(payload[i]!);
    let addend = factor * code;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / 32) + (addend % 32);
    sum += addend;
  }
  return CODE_ALPHABET[(32 - (sum % 32)) % 32]!;
}

/** What people type or scan -> the code: upper case, no spaces or dashes, O read as 0, I and L as 1. */
export function normalizeCode(input: string): string {
  const text = input.trim();
  // A QR code may hold a link to the point of sale (…#/pos?card=CODE).
  const fromUrl = text.match(/[?&#]card=([A-Za-z0-9-]+)/);
  return (fromUrl ? fromUrl[1]! : text).toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export type CodeProblem = 'cardCodeLength' | 'cardCodeCharacters' | 'cardCodeCheck';

/** Why a (normalized) code cannot be a card's, or null when it can. */
export function codeProblem(code: string): CodeProblem | null {
  if (code.length !== CODE_LENGTH) return 'cardCodeLength';
  if ([...code].some((c) => !CODE_ALPHABET.includes(c))) return 'cardCodeCharacters';
  if (checkCharacter(code.slice(0, -1)) !== code.slice(-1)) return 'cardCodeCheck';
  return null;
}

/** `ABCD-EFGH-…`: groups of four for reading aloud and printing. */
export function formatCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

/** A card code in any typed form, normalized and checked. */
export const CardCode = z
  .string()
  .max(80)
  .transform(normalizeCode)
  .superRefine((code, ctx) => {
    const problem = codeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', params: { i18n: problem } });
  });

export const CARD_STATUSES = ['unbound', 'bound', 'revoked'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];
export const EMAIL_STATUSES = ['none', 'pending', 'sending', 'sent', 'failed'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

export interface CardEmailState {
  status: EmailStatus;
  jobId?: string | null;
  /** Written by earlier versions only (the address is on the job, managers only); erasure removes it. */
  to?: string | null;
  error?: string | null;
  at?: unknown;
}

/** `chains/{chainId}/cardBatches/{batchId}/cards/{code}` */
export interface CardDoc {
  code: string;
  chainId: string;
  batchId: string;
  status: CardStatus;
  customerId: string | null;
  boundAt: unknown;
  boundBy: string | null;
  email: CardEmailState;
  /** When the card's email was resent (ms since the epoch), the last 24 hours only: at most 3. */
  emailResends?: number[];
  revokedAt?: unknown;
  revokedBy?: string | null;
}

/** `chains/{chainId}/cardBatches/{batchId}` */
export interface CardBatchDoc {
  name: string;
  /** `digital`: the chain's one batch of cards made one at a time for self sign-ups (id `digital`), never printed. Absent: printed. */
  kind?: 'printed' | 'digital';
  size: number;
  bound: number;
  revoked: number;
  status: 'creating' | 'ready';
  createdAt: unknown;
  createdBy: string;
}

export const MAX_BATCH = 10_000;

export const CreateCardBatchInput = z.strictObject({
  chainId: DocId,
  name: z.string().trim().min(1).max(63),
  size: z.number().int().min(1).max(MAX_BATCH),
});

export const BindCardInput = z
  .strictObject({
    chainId: DocId,
    code: CardCode,
    customerId: DocId.optional(),
    email: Email.optional(),
    locationId: DocId.optional(),
  })
  .refine((v) => (v.customerId === undefined) !== (v.email === undefined), {
    path: ['customerId'],
    params: { i18n: 'customerOrEmail' },
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  });
export type BindCardInput = z.output<typeof BindCardInput>;

export const CardRefInput = z.strictObject({ chainId: DocId, code: CardCode });

/** Most customers one assignCards call takes (a page of the list is 25). */
export const MAX_ASSIGN = 100;
/** assignCards: the next free cards of a batch, one to each of these customers (each in its own transaction). */
export const AssignCardsInput = z.strictObject({
  chainId: DocId,
  batchId: DocId,
  customerIds: z
    .array(DocId)
    .min(1)
    .max(MAX_ASSIGN)
    .refine((ids) => new Set(ids).size === ids.length, { params: { i18n: 'duplicateIds' } }),
});
export type AssignCardsInput = z.output<typeof AssignCardsInput>;

/** What assignCards did for each customer, in the order given: a card, or why not (a problem key and its message). */
export interface AssignCardsResult {
  assigned: { customerId: string; code: string }[];
  failed: { customerId: string; key: string; message: string }[];
}

/**
 * lookupCard: `scannedAt`, the till's location when the code was scanned (not typed): a bound card's
 * customer is checked in there when the chain's `visits.autoCheckIn` is on.
 */
export const LookupCardInput = CardRefInput.extend({ scannedAt: DocId.optional() });
export const ExportCardBatchInput = z.strictObject({ chainId: DocId, batchId: DocId });
