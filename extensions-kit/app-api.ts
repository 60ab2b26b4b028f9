/** An answer of the app's API that is not 2xx, with the code of its `{ error: { code, message } }` body. */
export class AppApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AppApiError';
  }
}

function parseJson(text: string, status: number): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    throw new AppApiError(status, 'bad_response', `The app answered ${status} with a body that is not JSON`);
  }
}

export interface AppApi {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
}

/**
 * Calls the app's /api/extensions with a fresh Shopify session token on every request (the
 * extension APIs cache tokens themselves; an expired one would only earn a 401).
 */
export function createAppApi(opts: {
  baseUrl: string;
  token: () => Promise<string | null>;
  fetch?: typeof fetch;
}): AppApi {
  const doFetch = opts.fetch ?? ((input, init) => fetch(input, init));
  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const token = await opts.token();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await doFetch(new URL(path, opts.baseUrl).toString(), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const json = parseJson(text, res.status);
    if (!res.ok) {
      const err = (json as { error?: { code?: string; message?: string } } | null)?.error;
      throw new AppApiError(res.status, err?.code ?? 'http_error', err?.message ?? `The app answered ${res.status}`);
    }
    return json as T;
  }
  return { get: (path) => call('GET', path), post: (path, body) => call('POST', path, body) };
}
