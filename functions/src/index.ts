// Wiring only: each export binds a trigger or callable to its handler. Logic lives in the modules.
import { onCall } from 'firebase-functions/v2/https';
import { setGlobalOptions } from 'firebase-functions/v2';
import * as chains from './chains/chains';
import { CreateChainInput, ListMyChainsInput, SaveLocationInput, SetMemberInput } from './model/chain';
import { MANAGERS, OWNERS } from './model/roles';
import { runCallable, runChainCallable } from './common/callable';

setGlobalOptions({ region: 'europe-west1', maxInstances: 10 });

export const createChain = onCall((req) => runCallable('createChain', req, CreateChainInput, chains.createChain));
export const listMyChains = onCall((req) => runCallable('listMyChains', req, ListMyChainsInput, chains.listMyChains));
export const setMember = onCall((req) => runChainCallable('setMember', req, OWNERS, SetMemberInput, chains.setMember));
export const saveLocation = onCall((req) =>
  runChainCallable('saveLocation', req, MANAGERS, SaveLocationInput, chains.saveLocation),
);
