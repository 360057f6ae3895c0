import type { Firestore } from 'firebase-admin/firestore';
import { chainRef } from '../common/access';

export const customersOf = (db: Firestore, chainId: string) => chainRef(db, chainId).collection('customers');
export const customerIndexOf = (db: Firestore, chainId: string) => chainRef(db, chainId).collection('customerIndex');
export const customerTypesOf = (db: Firestore, chainId: string) => chainRef(db, chainId).collection('customerTypes');
