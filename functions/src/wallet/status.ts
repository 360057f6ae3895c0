// `walletStatus`: what the back office's settings page shows about the wallets: which parameters and
// secrets are configured and valid, never their values.
import type { ChainCaller } from '../common/callable';
import type { Deps } from '../common/firebase';
import type { WalletConfig } from '../common/walletConfig';
import type { WalletStatus } from '../model/wallet';

export const walletStatusOf =
  (config: () => WalletConfig) =>
  async (_deps: Deps, _caller: ChainCaller, _input: { chainId: string }): Promise<WalletStatus> =>
    config().status;
