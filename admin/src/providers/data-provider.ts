import type { Identifier } from 'react-admin';
import simpleRestProvider from 'ra-data-simple-rest';
import { httpClient } from './http-client';

const apiUrl = '/api';

/** The API follows the ra-data-simple-rest contract, so the stock provider is used as is. */
const restProvider = simpleRestProvider(apiUrl, httpClient);

export const dataProvider = {
  ...restProvider,
  /** Adds and removes tags on many clients in one request instead of one PUT per client. */
  bulkUpdateTags: async (ids: Identifier[], add: Identifier[], remove: Identifier[]) => {
    const { json } = await httpClient(`${apiUrl}/clients/bulk/tags`, {
      method: 'POST',
      body: JSON.stringify({ ids, add, remove }),
    });
    return json as { updated: number };
  },
};

export type ClientHubDataProvider = typeof dataProvider;
