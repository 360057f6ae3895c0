// The public pages' Firebase: the app, Functions, and App Check (which the public callables enforce).
// Deployed: reCAPTCHA Enterprise with the site key given at build time (VITE_APPCHECK_SITE_KEY).
// On the emulators: the documented local stand-in (model/appCheck.ts), which the Functions emulator
// accepts without verifying; without either, no token is sent and every public call is refused.
import { initializeApp } from 'firebase/app';
import { CustomProvider, initializeAppCheck, ReCaptchaEnterpriseProvider } from 'firebase/app-check';
import { connectFunctionsEmulator, getFunctions, httpsCallable, type FunctionsError } from 'firebase/functions';
import { localAppCheckToken } from '@model/appCheck';
import { config, emulatorHost, REGION, usingEmulators } from '../firebaseConfig';

const app = initializeApp(config);
const siteKey = import.meta.env.VITE_APPCHECK_SITE_KEY;
if (siteKey) initializeAppCheck(app, { provider: new ReCaptchaEnterpriseProvider(siteKey), isTokenAutoRefreshEnabled: true });
else if (usingEmulators) {
  const provider = new CustomProvider({ getToken: async () => localAppCheckToken(config.appId, Date.now()) });
  initializeAppCheck(app, { provider, isTokenAutoRefreshEnabled: false });
}
const functions = getFunctions(app, REGION);
if (usingEmulators) connectFunctionsEmulator(functions, emulatorHost, 5001);

export interface PublicError {
  code: string;
  message: string;
  details: { key?: string; params?: Record<string, string | number>; problems?: { path: string; code: string; params?: Record<string, string | number> }[] };
}

export async function callPublic<T>(name: string, data: unknown): Promise<T> {
  try {
    return (await httpsCallable<unknown, T>(functions, name)(data)).data;
  } catch (err) {
    const e = err as FunctionsError;
    throw {
      code: (e.code ?? 'internal').replace(/^functions\//, ''),
      message: e.message,
      details: (e.details ?? {}) as PublicError['details'],
    } satisfies PublicError;
  }
}
