// The chain's settings (defaults and policies), changed by owners.
import type { SaveChainSettingsInput } from '../model/chain';
import { chainRef } from '../store/refs';
import { audit } from '../common/audit';
import type { ChainCaller } from '../common/callable';
import type { Deps } from '../common/firebase';
import { chainSettings } from '../common/settings';

/**
 * Changes the settings given, field by field (a nested group is merged, not replaced), in one
 * transaction with its audit entry (which names the fields changed, not their values).
 */
export async function saveChainSettings({ db }: Deps, caller: ChainCaller, input: SaveChainSettingsInput) {
  const ref = chainRef(db, caller.chainId);
  await db.runTransaction(async (tx) => {
    await tx.get(ref);
    tx.set(ref, { settings: input.settings }, { merge: true });
    audit(tx, db, caller.chainId, {
      action: 'chain.settings',
      actorUid: caller.uid,
      target: { kind: 'chain', id: caller.chainId },
      details: { fields: changedFields(input.settings) },
    });
  });
  return { settings: await chainSettings(db, caller.chainId) };
}

function changedFields(settings: object, prefix = ''): string[] {
  return Object.entries(settings).flatMap(([key, value]) =>
    value && typeof value === 'object' && !Array.isArray(value) ? changedFields(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}
