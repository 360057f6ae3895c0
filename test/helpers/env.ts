// Where the emulators are. `firebase emulators:exec` exports these; ports match firebase.json.
export const PROJECT_ID = process.env.GCLOUD_PROJECT ?? process.env.REGULARS_PROJECT ?? 'demo-regulars';
export const REGION = 'europe-west1';
export const BUCKET = `${PROJECT_ID}.appspot.com`;

function hostPort(value: string | undefined, fallback: string): { host: string; port: number } {
  const [host = '127.0.0.1', port = '0'] = (value ?? fallback).replace(/^https?:\/\//, '').split(':');
  return { host, port: Number(port) };
}

export const emulators = {
  auth: hostPort(process.env.FIREBASE_AUTH_EMULATOR_HOST, '127.0.0.1:9099'),
  firestore: hostPort(process.env.FIRESTORE_EMULATOR_HOST, '127.0.0.1:8080'),
  storage: hostPort(process.env.FIREBASE_STORAGE_EMULATOR_HOST, '127.0.0.1:9199'),
  functions: { host: '127.0.0.1', port: 5001 },
  hosting: { host: '127.0.0.1', port: 5000 },
};
