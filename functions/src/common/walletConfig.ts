// The wallet configuration of this deployment, read from the params and secrets (params.ts) inside a
// handler, checked (certificates and keys must parse), and what is missing, for the back office.
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import type { WalletStatus } from '../model/wallet';
import { MIN_SECRET_LENGTH } from './walletLinks';

export interface WalletParams {
  baseUrl: string;
  linkSecret: string;
  apple: { passTypeId: string; teamId: string; cert: string; key: string; wwdr: string; apnsBaseUrl: string };
  google: { issuerId: string; serviceAccountKey: string; apiBaseUrl: string };
}

export interface AppleConfig {
  passTypeId: string;
  teamId: string;
  cert: string;
  key: string;
  wwdr: string;
  apnsBaseUrl: string;
}

export interface GoogleConfig {
  issuerId: string;
  clientEmail: string;
  privateKey: KeyObject;
  privateKeyPem: string;
  apiBaseUrl: string;
}

export interface WalletConfig {
  baseUrl: string | null;
  linkSecret: string | null;
  apple: AppleConfig | null;
  google: GoogleConfig | null;
  status: WalletStatus;
}

/** Unset, empty and `none` (the value of a secret created only so that deploy works) are missing. */
const given = (v: string | undefined) => (v && v.trim() && v.trim().toLowerCase() !== 'none' ? v.trim() : null);

function certOk(pem: string | null): boolean {
  if (!pem) return false;
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}

function keyOf(pem: string | null): KeyObject | null {
  if (!pem) return null;
  try {
    const key = createPrivateKey(pem);
    return key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'ec' ? key : null;
  } catch {
    return null;
  }
}

function serviceAccount(json: string | null): { clientEmail: string; privateKey: KeyObject; privateKeyPem: string } | null {
  if (!json) return null;
  try {
    const parsed = JSON.parse(json) as { client_email?: unknown; private_key?: unknown };
    if (typeof parsed.client_email !== 'string' || typeof parsed.private_key !== 'string') return null;
    const key = keyOf(parsed.private_key);
    return key?.asymmetricKeyType === 'rsa' ? { clientEmail: parsed.client_email, privateKey: key, privateKeyPem: parsed.private_key } : null;
  } catch {
    return null;
  }
}

export function walletConfig(p: WalletParams): WalletConfig {
  const baseUrl = given(p.baseUrl);
  const secret = given(p.linkSecret);
  const linkSecret = secret && secret.length >= MIN_SECRET_LENGTH ? secret : null;
  const a = {
    passTypeId: given(p.apple.passTypeId),
    teamId: given(p.apple.teamId),
    cert: given(p.apple.cert),
    key: given(p.apple.key),
    wwdr: given(p.apple.wwdr),
  };
  const appleStatus = {
    passTypeId: !!a.passTypeId,
    teamId: !!a.teamId,
    certificate: certOk(a.cert),
    key: !!keyOf(a.key),
    wwdr: certOk(a.wwdr),
  };
  const sa = serviceAccount(given(p.google.serviceAccountKey));
  const issuerId = given(p.google.issuerId);
  const googleStatus = { issuerId: !!issuerId && /^\d+$/.test(issuerId), serviceAccount: !!sa };
  const common = !!baseUrl && !!linkSecret;
  const appleReady = common && Object.values(appleStatus).every(Boolean);
  const googleReady = common && Object.values(googleStatus).every(Boolean);
  return {
    baseUrl,
    linkSecret,
    apple: appleReady ? { passTypeId: a.passTypeId!, teamId: a.teamId!, cert: a.cert!, key: a.key!, wwdr: a.wwdr!, apnsBaseUrl: p.apple.apnsBaseUrl } : null,
    google: googleReady ? { issuerId: issuerId!, ...sa!, apiBaseUrl: p.google.apiBaseUrl } : null,
    status: {
      linkSecret: !!linkSecret,
      baseUrl: !!baseUrl,
      apple: { ...appleStatus, ready: appleReady },
      google: { ...googleStatus, ready: googleReady },
    },
  };
}
