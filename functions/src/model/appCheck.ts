// The local stand-in for App Check on the emulators. In production the web client gets App Check
// tokens from reCAPTCHA Enterprise and the public callables (`enforceAppCheck`) verify them with
// the Admin SDK. The Functions emulator does not verify tokens (firebase-tools runs functions with
// the debug feature `skipTokenVerification`): it only decodes the `X-Firebase-AppCheck` header's
// payload, and refuses a request without the header (`unauthenticated`). So, on the emulators, the
// web client (and the tests) send this unsigned token naming the app, and a request without any
// App Check token is refused exactly as in production; runPublicCallable also refuses a token
// without an app id. Never accepted by a real project: it has no valid signature.

const base64url = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** An unsigned JWT `{ sub: appId, iss: 'regulars-local-app-check', exp }`, for the emulators only. */
export function localAppCheckToken(appId: string, nowMs: number, ttlMs = 60 * 60 * 1000): { token: string; expireTimeMillis: number } {
  const expireTimeMillis = nowMs + ttlMs;
  const header = base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ sub: appId, iss: 'regulars-local-app-check', exp: Math.floor(expireTimeMillis / 1000) }));
  return { token: `${header}.${payload}.`, expireTimeMillis };
}
