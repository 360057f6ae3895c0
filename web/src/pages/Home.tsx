import { collection, onSnapshot, orderBy, query } from 'firebase/firestore';
import { useEffect, useState } from 'preact/hooks';
import { paths } from '@model/paths';
import type { ChainSummary } from '@model/chain';
import { db } from '../firebase';
import { t } from '../i18n';
import { EmailVerification } from '../ui/EmailVerification';
import { MANAGERS } from '@model/roles';
import { Dashboard } from './dashboard/Dashboard';

export function Home({ chain }: { chain: ChainSummary }) {
  const [locations, setLocations] = useState<{ id: string; name: string }[] | null>(null);
  useEffect(() => {
    const q = query(collection(db, paths.locations(chain.chainId)), orderBy('name'));
    return onSnapshot(
      q,
      (snap) => setLocations(snap.docs.map((d) => ({ id: d.id, name: String(d.get('name')) }))),
      () => setLocations([]),
    );
  }, [chain.chainId]);
  return (
    <>
      <section class="card">
        <h1>{chain.name}</h1>
        <p>{t('chain.yourRole', { role: t(`role.${chain.role}`) })}</p>
        <EmailVerification />
        <h2>{t('chain.locationsTitle')}</h2>
        {locations === null ? (
          <p>{t('common.loading')}</p>
        ) : (
          <ul class="locations">
            {locations.map((l) => (
              <li key={l.id}>{l.name}</li>
            ))}
          </ul>
        )}
      </section>
      {MANAGERS.includes(chain.role) && <Dashboard chain={chain} />}
    </>
  );
}
