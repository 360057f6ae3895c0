// The till's location, remembered on this device (no Firestore: the point of sale's first load reads it).
const key = (chainId: string) => `regulars.tillLocation.${chainId}`;
export const tillLocation = (chainId: string): string => localStorage.getItem(key(chainId)) ?? '';
export const setTillLocation = (chainId: string, locationId: string): void => localStorage.setItem(key(chainId), locationId);
