import type { BenchStack } from './bench-stack';

/** JSON calls as the bench admin; anything but 2xx is an error with the API's answer. */
export function benchApi(stack: BenchStack) {
  return async <T = { id: string }>(method: string, path: string, body?: object): Promise<T> => {
    const res = await fetch(`${stack.url}${path}`, {
      method,
      headers: { cookie: stack.cookie, 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    const answer: unknown = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(answer)}`);
    return answer as T;
  };
}

export type BenchApi = ReturnType<typeof benchApi>;
