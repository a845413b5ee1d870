import { type UploadResponse, xhrUpload } from '../shared/xhr-upload';

const UNREACHABLE = 'The server could not be reached. Check your connection and try again.';

/** Body of every API failure (the same shape the console reads in providers/http-client.ts). */
interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
}

/** A failed call. `code` lets pages tell token problems apart; `message` is fit to show as is. */
export class PortalApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;

  constructor(status: number, code: string | undefined, message: string) {
    super(message);
    this.name = 'PortalApiError';
    this.status = status;
    this.code = code;
  }
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * A same-origin JSON request carrying the session cookie. It rejects only with a
 * PortalApiError, or with the AbortError once `signal` is aborted.
 */
export async function portalFetch<T>(
  path: string,
  { method = 'GET', body, signal }: RequestOptions = {},
): Promise<T> {
  let response: Response;
  let payload: unknown;
  try {
    response = await fetch(path, {
      method,
      headers:
        body === undefined
          ? { Accept: 'application/json' }
          : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
    payload = parseJson(await response.text());
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new PortalApiError(0, undefined, UNREACHABLE);
  }
  if (!response.ok) throw failureOf(response.status, payload);
  return payload as T;
}

/** The error for a refusal, in the API's words when it gave some. */
function failureOf(status: number, payload: unknown): PortalApiError {
  const failure = payload as Partial<ApiErrorBody> | null | undefined;
  return new PortalApiError(
    status,
    failure?.code,
    typeof failure?.message === 'string' && failure.message
      ? failure.message
      : `Something went wrong (error ${status}). Please try again.`,
  );
}

// A 204 has no body, and a proxy in front of the API may answer an outage with HTML.
function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Uploads a file to one of the contact's clients with progress (XHR), resolving with the stored
 * file; rejects only with a PortalApiError.
 */
export async function portalUpload<T>(
  path: string,
  file: File,
  onProgress?: (fraction: number) => void,
): Promise<T> {
  let answer: UploadResponse;
  try {
    answer = await xhrUpload(path, file, {}, onProgress);
  } catch {
    throw new PortalApiError(0, undefined, UNREACHABLE);
  }
  if (answer.status >= 300) throw failureOf(answer.status, answer.body);
  return answer.body as T;
}
