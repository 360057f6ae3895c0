import type { Firestore } from 'firebase-admin/firestore';
import { chainRef } from '../common/access';

export const batchesOf = (db: Firestore, chainId: string) => chainRef(db, chainId).collection('cardBatches');
export const cardEmailsOf = (db: Firestore, chainId: string) => chainRef(db, chainId).collection('cardEmails');
