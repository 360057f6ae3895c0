// The `wallet` HTTPS function: the download of a card's pass from a signed, expiring link (the card
// email, the preferences page), and Apple's pass web service (devices register for updates, list the
// passes updated since a tag, fetch the latest pass, unregister, send their logs). Every answer is
// decided here from the link or the pass's authentication token; nothing is read by clients directly.
import { FieldValue, type Firestore } from 'firebase-admin/firestore';
import { authTokenMatches, verifyWalletLink, walletAuthToken, walletPassId, type WalletKind } from '../common/walletLinks';
import type { WalletConfig } from '../common/walletConfig';
import { message } from '../model/messages';
import { pickLang } from '../model/lang';
import { parseSerial, passSerial, type WalletPassDoc } from '../model/wallet';
import { COLLECTION } from '../model/paths';
import type { QueryShape } from '../model/queryShape';
import { walletDeviceLog, walletLinkRefused, walletPassServed } from '../logs';
import { walletPassesOf, walletRegistrationsOf } from '../store/refs';
import { buildApplePass } from './applePass';
import { SAVE_URL, googleSaveJwt } from './googlePass';
import { header, page, route, type Route, type WalletRequest, type WalletResponse } from './http';
import { passOfLink, shownFor, stillBound } from './passes';

export const QUERIES: QueryShape[] = [
  { name: 'wallet: registrations of a device', collection: 'walletRegistrations', group: true, where: [{ field: 'deviceId', op: '==' }] },
];

export interface ServiceDeps {
  db: Firestore;
  config: WalletConfig;
  fetchLogo: (url: string | null) => Promise<Buffer | null>;
  now?: () => number;
}

const nowOf = (d: ServiceDeps) => d.now?.() ?? Date.now();
const PKPASS = 'application/vnd.apple.pkpass';

async function download(deps: ServiceDeps, [kind]: string[], req: WalletRequest, res: WalletResponse) {
  const { config } = deps;
  const wallet = kind as WalletKind;
  const lang = pickLang(header(req, 'accept-language'));
  const t = (key: 'cardEmail.walletLinkInvalid' | 'cardEmail.walletCardGone' | 'cardEmail.walletNotConfigured') => message(lang, key);
  const secret = config.linkSecret;
  if (!secret || !config.baseUrl || !(wallet === 'apple' ? config.apple : config.google)) return page(res, 404, t('cardEmail.walletNotConfigured'));
  const claims = typeof req.query.t === 'string' ? await verifyWalletLink(secret, req.query.t, nowOf(deps)) : null;
  if (!claims || claims.kind !== wallet) {
    walletLinkRefused(wallet, claims ? 'other wallet' : 'invalid or expired');
    return page(res, 403, t('cardEmail.walletLinkInvalid'));
  }
  const found = await passOfLink(
    deps.db,
    claims.chainId,
    claims.code,
    claims.boundAtMs,
    (at) => walletPassId(secret, claims.chainId, claims.code, at),
    nowOf(deps),
  );
  if (!found) {
    walletLinkRefused(wallet, 'card no longer bound');
    return page(res, 410, t('cardEmail.walletCardGone'));
  }
  const shown = await shownFor(deps.db, claims.chainId, found.card.customerId, header(req, 'accept-language'));
  walletPassServed(claims.chainId, found.passId, wallet, 'active');
  if (wallet === 'google') {
    const jwt = await googleSaveJwt(config.google!, {
      chainId: claims.chainId,
      passId: found.passId,
      code: claims.code,
      firstName: shown.firstName ?? '',
      lang: shown.lang,
      brand: shown.brand,
    });
    return res.set('cache-control', 'no-store').redirect(302, SAVE_URL + jwt);
  }
  const body = await buildApplePass(config.apple!, {
    chainId: claims.chainId,
    passId: found.passId,
    code: claims.code,
    firstName: shown.firstName,
    lang: shown.lang,
    brand: shown.brand,
    voided: false,
    authToken: walletAuthToken(secret, claims.chainId, found.passId),
    webServiceUrl: config.baseUrl,
    logo: await deps.fetchLogo(shown.brand.logoUrl),
  });
  return res
    .status(200)
    .set('content-type', PKPASS)
    .set('content-disposition', 'attachment; filename="card.pkpass"')
    .set('cache-control', 'no-store')
    .send(body);
}

/** The pass named by an Apple web service path, if the pass type is ours and the token is its own. */
async function authorized(deps: ServiceDeps, passTypeId: string, serial: string, req: WalletRequest, res: WalletResponse) {
  const { config } = deps;
  const ids = parseSerial(serial);
  const auth = /^ApplePass (\S+)$/.exec(header(req, 'authorization') ?? '');
  if (!config.apple || !config.linkSecret || passTypeId !== config.apple.passTypeId || !ids) {
    res.status(404).send();
    return null;
  }
  if (!auth || !authTokenMatches(config.linkSecret, ids.chainId, ids.passId, auth[1]!)) {
    res.status(401).send();
    return null;
  }
  const pass = (await walletPassesOf(deps.db, ids.chainId).doc(ids.passId).get()).data();
  if (!pass) {
    res.status(404).send();
    return null;
  }
  return { ...ids, pass };
}

async function register(deps: ServiceDeps, [deviceId, passTypeId, serial]: string[], req: WalletRequest, res: WalletResponse) {
  const found = await authorized(deps, passTypeId!, serial!, req, res);
  if (!found) return;
  const pushToken = (req.body as { pushToken?: unknown } | null)?.pushToken;
  if (typeof pushToken !== 'string' || !/^[A-Za-z0-9]{1,200}$/.test(pushToken) || !/^[A-Za-z0-9_.-]{1,200}$/.test(deviceId!)) return res.status(400).send();
  const ref = walletRegistrationsOf(deps.db, found.chainId, found.passId).doc(deviceId!);
  const created = await deps.db.runTransaction(async (tx) => {
    const existing = await tx.get(ref);
    tx.set(ref, { deviceId: deviceId!, pushToken, chainId: found.chainId, passId: found.passId, registeredAt: FieldValue.serverTimestamp() });
    return !existing.exists;
  });
  return res.status(created ? 201 : 200).send();
}

async function unregister(deps: ServiceDeps, [deviceId, passTypeId, serial]: string[], req: WalletRequest, res: WalletResponse) {
  const found = await authorized(deps, passTypeId!, serial!, req, res);
  if (!found) return;
  await walletRegistrationsOf(deps.db, found.chainId, found.passId).doc(deviceId!).delete();
  return res.status(200).send();
}

/** The serial numbers of this device's passes changed after `passesUpdatedSince` (a tag we gave it). */
async function updatedSerials(deps: ServiceDeps, [deviceId, passTypeId]: string[], req: WalletRequest, res: WalletResponse) {
  if (!deps.config.apple || passTypeId !== deps.config.apple.passTypeId) return res.status(404).send();
  const since = Number(req.query.passesUpdatedSince ?? 0) || 0;
  const registrations = await deps.db.collectionGroup(COLLECTION.walletRegistrations).where('deviceId', '==', deviceId).get();
  const passes = await Promise.all(registrations.docs.map((r) => r.ref.parent.parent!.get()));
  const updated = passes.flatMap((p) => {
    const doc = p.data() as WalletPassDoc | undefined;
    return doc && doc.updatedAtMs > since ? [{ serial: passSerial(doc.chainId, p.id), at: doc.updatedAtMs }] : [];
  });
  if (!updated.length) return res.status(204).send();
  const lastUpdated = String(Math.max(...updated.map((u) => u.at)));
  return res
    .status(200)
    .set('content-type', 'application/json')
    .send(JSON.stringify({ serialNumbers: updated.map((u) => u.serial), lastUpdated }));
}

/** The pass as it is now: voided once its card was revoked or released. */
async function latestPass(deps: ServiceDeps, [passTypeId, serial]: string[], req: WalletRequest, res: WalletResponse) {
  const found = await authorized(deps, passTypeId!, serial!, req, res);
  if (!found) return;
  const { config } = deps;
  const lastModified = Math.floor(found.pass.updatedAtMs / 1000) * 1000;
  const since = Date.parse(header(req, 'if-modified-since') ?? '');
  if (!Number.isNaN(since) && lastModified <= since) return res.status(304).send();
  const card = await stillBound(deps.db, found.pass);
  const shown = await shownFor(deps.db, found.chainId, card?.customerId ?? null);
  const body = await buildApplePass(config.apple!, {
    chainId: found.chainId,
    passId: found.passId,
    code: found.pass.code,
    firstName: card ? shown.firstName : null,
    lang: shown.lang,
    brand: shown.brand,
    voided: !card,
    authToken: walletAuthToken(config.linkSecret!, found.chainId, found.passId),
    webServiceUrl: config.baseUrl!,
    logo: await deps.fetchLogo(shown.brand.logoUrl),
  });
  walletPassServed(found.chainId, found.passId, 'apple-update', card ? 'active' : 'voided');
  return res.status(200).set('content-type', PKPASS).set('last-modified', new Date(lastModified).toUTCString()).set('cache-control', 'no-store').send(body);
}

/** Devices' error reports: counted, not stored (they name serials and URLs). */
async function deviceLog(_deps: ServiceDeps, _params: string[], req: WalletRequest, res: WalletResponse) {
  const logs = (req.body as { logs?: unknown } | null)?.logs;
  walletDeviceLog(Array.isArray(logs) ? logs.length : 0);
  return res.status(200).send();
}

const SEGMENT = '([^/]+)';
export const ROUTES: Route<ServiceDeps>[] = [
  { method: 'GET', pattern: /^\/pass\/(apple|google)$/, handler: download },
  { method: 'POST', pattern: new RegExp(`^/v1/devices/${SEGMENT}/registrations/${SEGMENT}/${SEGMENT}$`), handler: register },
  { method: 'DELETE', pattern: new RegExp(`^/v1/devices/${SEGMENT}/registrations/${SEGMENT}/${SEGMENT}$`), handler: unregister },
  { method: 'GET', pattern: new RegExp(`^/v1/devices/${SEGMENT}/registrations/${SEGMENT}$`), handler: updatedSerials },
  { method: 'GET', pattern: new RegExp(`^/v1/passes/${SEGMENT}/${SEGMENT}$`), handler: latestPass },
  { method: 'POST', pattern: /^\/v1\/log$/, handler: deviceLog },
];

export const serveWallet = (deps: ServiceDeps, req: WalletRequest, res: WalletResponse) => route(ROUTES, deps, req, res);
