// Printable sign-up posters, one per location: a QR code and the short link of the chain's public
// sign-up page for that location (public.html, /join/{chainId}/{locationId}).
import { useEffect, useState } from 'preact/hooks';
import QRCode from 'qrcode';
import type { ChainSettings, ChainSummary } from '@model/chain';
import { paths } from '@model/paths';
import { publicLinks } from '@model/signUp';
import { useDocData, useLocations } from '../../data';
import { t } from '../../i18n';
import { Banner } from '../../ui/forms';

function Poster({ chainName, url }: { chainName: string; url: string }) {
  const [png, setPng] = useState<string | null>(null);
  useEffect(() => {
    QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, scale: 10 }).then(setPng, () => setPng(null));
  }, [url]);
  return (
    <div class="poster">
      <h2>{t('signUp.posterCall', { chain: chainName })}</h2>
      {png && <img src={png} alt={url} data-url={url} />}
      <p>
        <a href={url}>{url}</a>
      </p>
    </div>
  );
}

export function Posters({ chain }: { chain: ChainSummary }) {
  const locations = useLocations(chain.chainId);
  const doc = useDocData<{ name: string; settings?: ChainSettings }>(paths.chain(chain.chainId));
  if (!locations || !doc) return <p class="loading">{t('common.loading')}</p>;
  return (
    <div class="posters">
      <h1 class="no-print">{t('signUp.posterTitle')}</h1>
      {doc.settings?.signUp?.enabled !== true && <Banner kind="info">{t('signUp.posterOff')}</Banner>}
      <button type="button" class="no-print" onClick={() => window.print()}>
        {t('signUp.print')}
      </button>
      {locations.map((l) => (
        <section class="card" data-location={l.id}>
          <h3 class="no-print">{l.name}</h3>
          <Poster chainName={doc.name} url={`${location.origin}${publicLinks.signUp(chain.chainId, l.id)}`} />
        </section>
      ))}
    </div>
  );
}
