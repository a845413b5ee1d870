import { fetchUtils, HttpError } from 'react-admin';

/** Body of every API failure (DESIGN.md, "HTTP API"). */
interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

/**
 * fetchJson with the session cookie, rethrowing API failures as an HttpError whose message is
 * the API's own `message`, so react-admin notifications show what the server said.
 */
export const httpClient = async (url: string, options: fetchUtils.Options = {}) => {
  try {
    return await fetchUtils.fetchJson(url, { ...options, credentials: 'include' });
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    const body = error.body as Partial<ApiErrorBody> | null;
    throw new HttpError(body?.message || error.message, error.status, body);
  }
};
