/// <reference types="vite/client" />
interface ImportMetaEnv {
  readonly VITE_FIREBASE_CONFIG?: string;
  readonly VITE_FUNCTIONS_REGION?: string;
  readonly VITE_USE_EMULATORS?: string;
  /** reCAPTCHA Enterprise site key of the project's App Check (the public pages; see README, Self sign-up). */
  readonly VITE_APPCHECK_SITE_KEY?: string;
}
