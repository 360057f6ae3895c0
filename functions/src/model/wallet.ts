// Wallet passes (Apple Wallet, Google Wallet) of ID cards: stored shapes and pure helpers, shared by
// the functions and the web client (the back office shows which credentials are configured).
import { z } from 'zod';
import { DocId } from './ids';

/**
 * `chains/{chainId}/walletPasses/{passId}`: one pass per binding of a card (a card released by an
 * erasure and bound again gets another pass). No personal data: the card, its binding time, a state.
 * `passId` is derived from the chain, the code and the binding time with the link secret, so two
 * downloads of the same binding meet on one document.
 */
export interface WalletPassDoc {
  chainId: string;
  batchId: string;
  code: string;
  /** The card's `boundAt` (ms) when the pass was made: a later binding is another pass. */
  boundAtMs: number;
  status: 'active' | 'voided';
  /** Last change (ms): Apple's `passesUpdatedSince` tag and the pass's Last-Modified. */
  updatedAtMs: number;
  voidedAtMs?: number | null;
  createdAt: unknown;
}

/**
 * `chains/{chainId}/walletPasses/{passId}/walletRegistrations/{deviceLibraryIdentifier}`: a device
 * that holds the pass and wants updates (Apple's web service). Deleted when the device unregisters,
 * and with the pass once it has been voided for WALLET_RETENTION_DAYS.
 */
export interface WalletRegistrationDoc {
  deviceId: string;
  pushToken: string;
  chainId: string;
  passId: string;
  registeredAt: unknown;
}

/** Voided passes (and their device registrations) are kept this long so devices can fetch the voided pass. */
export const WALLET_RETENTION_DAYS = 7;

/** A pass's serial number as Apple sees it: the chain and the pass id (no card code). */
export const passSerial = (chainId: string, passId: string) => `${chainId}.${passId}`;

export function parseSerial(serial: string): { chainId: string; passId: string } | null {
  const m = /^([A-Za-z0-9_-]{1,128})\.([a-f0-9]{32})$/.exec(serial);
  return m ? { chainId: m[1]!, passId: m[2]! } : null;
}

/** What is configured for each wallet (never the secrets themselves): for the back office. */
export interface WalletStatus {
  linkSecret: boolean;
  baseUrl: boolean;
  apple: { passTypeId: boolean; teamId: boolean; certificate: boolean; key: boolean; wwdr: boolean; ready: boolean };
  google: { issuerId: boolean; serviceAccount: boolean; ready: boolean };
}

/** `#rrggbb` → `rgb(r, g, b)` (Apple's pass colours), or null. */
export function hexToRgb(hex: string | undefined | null): string | null {
  const m = /^#([0-9a-fA-F]{6})$/.exec(hex ?? '');
  if (!m) return null;
  const n = parseInt(m[1]!, 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

/** Black or white text, whichever reads better on the background (WCAG relative luminance). */
export function foregroundFor(hex: string): '#000000' | '#ffffff' {
  const n = parseInt(hex.slice(1), 16);
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
  return l > 0.179 ? '#000000' : '#ffffff';
}

/** The chain's brand as the wallet uses it (settings.brand of issue 17, when present). */
export interface WalletBrand {
  name: string;
  logoUrl: string | null;
  accentColor: string;
}

export const DEFAULT_ACCENT = '#b4441c';

export function brandOf(chain: { name?: unknown; settings?: { brand?: { logoUrl?: unknown; accentColor?: unknown } } } | undefined): WalletBrand {
  const brand = chain?.settings?.brand;
  const accent = typeof brand?.accentColor === 'string' && /^#[0-9a-fA-F]{6}$/.test(brand.accentColor) ? brand.accentColor : DEFAULT_ACCENT;
  const logo = typeof brand?.logoUrl === 'string' && /^https:\/\//.test(brand.logoUrl) ? brand.logoUrl : null;
  return { name: typeof chain?.name === 'string' ? chain.name : '', logoUrl: logo, accentColor: accent };
}

export const WalletStatusInput = z.strictObject({ chainId: DocId });
