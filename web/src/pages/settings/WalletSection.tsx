// The wallets on the settings page: which credentials this deployment has (from `walletStatus`:
// booleans only, never a secret), and so whether card emails offer Apple Wallet and Google Wallet.
import { useEffect, useState } from 'preact/hooks';
import type { ChainSummary } from '@model/chain';
import type { WalletStatus } from '@model/wallet';
import { call, errorText } from '../../api';
import { t, type MessageKey } from '../../i18n';
import { Banner } from '../../ui/forms';

type Check = [MessageKey, boolean];

function Group({ title, ready, checks }: { title: MessageKey; ready: boolean | null; checks: Check[] }) {
  return (
    <div class="wallet-group" data-wallet={title}>
      <h3>{t(title)}</h3>
      {ready !== null && <p>{ready ? t('wallet.ready') : t('wallet.notReady')}</p>}
      <ul>
        {checks.map(([label, ok]) => (
          <li class={ok ? 'wallet-ok' : 'wallet-missing'}>
            {ok ? '✓' : '✗'} {t(label)}: {ok ? t('wallet.ok') : t('wallet.missing')}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function WalletSection({ chain }: { chain: ChainSummary }) {
  const [status, setStatus] = useState<WalletStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('walletStatus', { chainId: chain.chainId })
      .then((s) => live && setStatus(s))
      .catch((err: unknown) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [chain.chainId]);
  return (
    <section class="card wallet-settings">
      <h2>{t('wallet.title')}</h2>
      <small class="hint">{t('wallet.intro')}</small>
      {error && <Banner kind="error">{error}</Banner>}
      {status && (
        <>
          <Group
            title="wallet.common"
            ready={null}
            checks={[
              ['wallet.linkSecret', status.linkSecret],
              ['wallet.baseUrl', status.baseUrl],
            ]}
          />
          <Group
            title="wallet.apple"
            ready={status.apple.ready}
            checks={[
              ['wallet.passTypeId', status.apple.passTypeId],
              ['wallet.teamId', status.apple.teamId],
              ['wallet.certificate', status.apple.certificate],
              ['wallet.key', status.apple.key],
              ['wallet.wwdr', status.apple.wwdr],
            ]}
          />
          <Group
            title="wallet.google"
            ready={status.google.ready}
            checks={[
              ['wallet.issuerId', status.google.issuerId],
              ['wallet.serviceAccount', status.google.serviceAccount],
            ]}
          />
        </>
      )}
    </section>
  );
}
