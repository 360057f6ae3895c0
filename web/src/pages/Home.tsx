import type { ChainSummary } from '@model/chain';
import { useLocations } from '../data';
import { t } from '../i18n';
import { EmailVerification } from '../ui/EmailVerification';
import { HomeCounts } from './home/HomeCounts';
import { LocationsEditor } from './home/LocationsEditor';
import { MANAGERS } from '@model/roles';
import { Dashboard } from './dashboard/Dashboard';

export function Home({ chain }: { chain: ChainSummary }) {
  const locations = useLocations(chain.chainId);
  return (
    <>
      <section class="card">
        <h1>{chain.name}</h1>
        <p>{t('chain.yourRole', { role: t(`role.${chain.role}`) })}</p>
        <EmailVerification />
        <HomeCounts chain={chain} />
        <h2>{t('chain.locationsTitle')}</h2>
        {locations === undefined ? (
          <p>{t('common.loading')}</p>
        ) : (
          <ul class="locations">
            {locations.map((l) => (
              <li key={l.id}>{l.name}</li>
            ))}
          </ul>
        )}
        {locations && MANAGERS.includes(chain.role) && <LocationsEditor chain={chain} locations={locations} />}
      </section>
      {MANAGERS.includes(chain.role) && <Dashboard chain={chain} />}
    </>
  );
}
