/** What the server answered to an upload, whatever its status. */
export interface UploadResponse {
  status: number;
  statusText: string;
  /** The parsed JSON body, or null when there was none (or it was not JSON). */
  body: unknown;
}

/**
 * Multipart POST of one file with the session cookie. XMLHttpRequest rather than fetch, because
 * only it reports upload progress (a large file takes a while on a slow office line). Shared by
 * the console and the portal, so it knows nothing of either's errors: it resolves with any
 * answer and rejects only when the server could not be reached.
 */
export const xhrUpload = (
  url: string,
  file: File,
  fields: Record<string, string | undefined> = {},
  onProgress?: (fraction: number) => void,
) =>
  new Promise<UploadResponse>((resolve, reject) => {
    const body = new FormData();
    // Fields before the file: the API reads the multipart stream in order.
    for (const [name, value] of Object.entries(fields)) {
      if (value !== undefined) body.append(name, value);
    }
    body.append('file', file);
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.withCredentials = true;
    request.responseType = 'json';
    request.setRequestHeader('Accept', 'application/json');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded / event.total);
    };
    request.onload = () =>
      resolve({
        status: request.status,
        statusText: request.statusText,
        body: request.response as unknown,
      });
    request.onerror = () => reject(new Error('The upload failed: the server could not be reached'));
    request.send(body);
  });
