// Wiring only: each export binds a trigger or callable to its handler. Logic lives in the modules.
import { setGlobalOptions } from 'firebase-functions/v2';
import { onCall } from 'firebase-functions/v2/https';
import * as chains from './chains/chains';
import { runCallable, runChainCallable } from './common/callable';
import { deleteCustomer as eraseCustomer } from './customers/erase';
import { getCustomerHistory as readCustomerHistory } from './customers/history';
import { saveCustomer as writeCustomer } from './customers/save';
import { searchCustomers as findCustomers } from './customers/search';
import * as types from './customers/types';
import { CreateChainInput, ListMyChainsInput, SaveLocationInput, SetMemberInput } from './model/chain';
import { CustomerRefInput, GetCustomerHistoryInput, SaveCustomerInput } from './model/customer';
import { DeleteCustomerTypeInput, SaveCustomerTypeInput, SetCustomFieldsInput } from './model/customerType';
import { EVERYONE, MANAGERS, OWNERS } from './model/roles';
import { SearchCustomersInput } from './model/search';

setGlobalOptions({ region: 'europe-west1', maxInstances: 10 });

// Chains and members
export const createChain = onCall((req) => runCallable('createChain', req, CreateChainInput, chains.createChain));
export const listMyChains = onCall((req) => runCallable('listMyChains', req, ListMyChainsInput, chains.listMyChains));
export const setMember = onCall((req) => runChainCallable('setMember', req, OWNERS, SetMemberInput, chains.setMember));
export const saveLocation = onCall((req) => runChainCallable('saveLocation', req, MANAGERS, SaveLocationInput, chains.saveLocation));

// Customers
export const saveCustomer = onCall((req) => runChainCallable('saveCustomer', req, EVERYONE, SaveCustomerInput, writeCustomer));
export const deleteCustomer = onCall((req) => runChainCallable('deleteCustomer', req, MANAGERS, CustomerRefInput, eraseCustomer));
export const getCustomerHistory = onCall((req) =>
  runChainCallable('getCustomerHistory', req, EVERYONE, GetCustomerHistoryInput, readCustomerHistory),
);
export const searchCustomers = onCall((req) => runChainCallable('searchCustomers', req, EVERYONE, SearchCustomersInput, findCustomers));

// Customer types and custom fields
export const saveCustomerType = onCall((req) => runChainCallable('saveCustomerType', req, MANAGERS, SaveCustomerTypeInput, types.saveCustomerType));
export const deleteCustomerType = onCall((req) =>
  runChainCallable('deleteCustomerType', req, MANAGERS, DeleteCustomerTypeInput, types.deleteCustomerType),
);
export const setCustomFields = onCall((req) => runChainCallable('setCustomFields', req, MANAGERS, SetCustomFieldsInput, types.setCustomFields));
