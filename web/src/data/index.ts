// The web client's data access: pages import from here, never from firebase/firestore.
export * from './docs';
export * from './chain';
export * from './imports';
export * from './cards';
export * from './home';
export * from './audit';
export * from './customer';
export * from './visits';
export * from './till';
