// The web app's Firebase config and whether it talks to the emulators: shared by the back office
// (firebase.ts) and the public pages (public/firebase.ts), which load separately.
const DEMO_CONFIG = {
  apiKey: 'demo-api-key',
  authDomain: 'demo-regulars.firebaseapp.com',
  projectId: 'demo-regulars',
  storageBucket: 'demo-regulars.appspot.com',
  appId: 'demo-app',
};

/** `VITE_FIREBASE_CONFIG`: the web app config of a real project, as JSON (see README, Deploy). */
export const config: typeof DEMO_CONFIG = import.meta.env.VITE_FIREBASE_CONFIG ? JSON.parse(import.meta.env.VITE_FIREBASE_CONFIG) : DEMO_CONFIG;
export const REGION = import.meta.env.VITE_FUNCTIONS_REGION ?? 'europe-west1';

const host = location.hostname;
export const usingEmulators =
  import.meta.env.VITE_USE_EMULATORS === '1' || host === 'localhost' || host === '127.0.0.1' || config.projectId.startsWith('demo-');
export const emulatorHost = host === 'localhost' ? 'localhost' : '127.0.0.1';
