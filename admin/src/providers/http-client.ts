import { fetchUtils, HttpError } from 'react-admin';

/** Body of every API failure: the domain error code, a message and optional details. */
interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

/** An HttpError whose message is the API's own `message`, so notifications show what the server said. */
export const apiError = (status: number, body: unknown, fallbackMessage: string) => {
  const apiBody = body as Partial<ApiErrorBody> | null;
  return new HttpError(apiBody?.message || fallbackMessage, status, apiBody);
};

/** fetchJson with the session cookie, rethrowing API failures as `apiError`s. */
export const httpClient = async (url: string, options: fetchUtils.Options = {}) => {
  try {
    return await fetchUtils.fetchJson(url, { ...options, credentials: 'include' });
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    throw apiError(error.status, error.body, error.message);
  }
};

/** POSTs `body` as JSON (an empty object by default) and answers with the API's JSON reply. */
export const postJson = async <T>(url: string, body: object = {}, signal?: AbortSignal) => {
  const { json } = await httpClient(url, { method: 'POST', body: JSON.stringify(body), signal });
  return json as T;
};
