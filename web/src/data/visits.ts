// Reads of visits for the web client (firestore.rules: every member of the chain): a customer's
// latest visits, and the till's location (remembered on this device).
import { collection, limit, onSnapshot, orderBy, query } from 'firebase/firestore';
import { useEffect, useState } from 'preact/hooks';
import { paths } from '@model/paths';
import { db } from '../firestore';

export interface VisitRow {
  id: string;
  locationId: string;
  source: string;
  at: Date | null;
}

export function useVisits(chainId: string, customerId: string, max = 20): VisitRow[] | undefined {
  const [visits, setVisits] = useState<VisitRow[] | undefined>(undefined);
  useEffect(
    () =>
      onSnapshot(
        query(collection(db, paths.visits(chainId, customerId)), orderBy('at', 'desc'), limit(max)),
        (snap) =>
          setVisits(
            snap.docs.map((d) => ({
              id: d.id,
              locationId: String(d.get('locationId')),
              source: String(d.get('source')),
              at: (d.get('at') as { toDate(): Date } | undefined)?.toDate() ?? null,
            })),
          ),
        () => setVisits([]),
      ),
    [chainId, customerId, max],
  );
  return visits;
}
