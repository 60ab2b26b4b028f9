import type { TokenSource } from './session-token.js';

/** The server's error, as `{ error: { code, message, details? } }` carried it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** One field problem from a 400 `invalid_request`: `path` is like `body.zones.0.code`. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Field problems of a validation error, if it carried any. */
export function fieldIssues(e: unknown): FieldIssue[] {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return [];
  return e.details.filter(
    (d): d is FieldIssue => typeof d === 'object' && d !== null && typeof (d as FieldIssue).path === 'string',
  );
}

/** A file the server sent for saving. */
export interface DownloadedFile {
  blob: Blob;
  /** from Content-Disposition, else the path's last segment */
  filename: string;
}

/** A typed client for the admin JSON API. */
export interface ApiClient {
  get<T>(path: string, signal?: AbortSignal): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  del(path: string): Promise<void>;
  /** GETs a file (a CSV export, say) with the session token, and the name the server gave it. */
  download(path: string): Promise<DownloadedFile>;
  /** Starts a GET now; the next `get` of the same path within a few seconds takes its answer. */
  prefetch(path: string): void;
}

const RETRY_HEADER = 'X-Shopify-Retry-Invalid-Session-Request';
const PREFETCH_TTL_MS = 5_000;

async function toApiError(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as {
      error?: { code?: string; message?: string; details?: unknown };
      ok?: boolean;
      reason?: string;
      lines?: unknown;
    };
    // a rule's refusal (`{ ok: false, reason }`, a return the shop's policy turns down) is read as one
    if (body.ok === false && body.reason) return new ApiError(res.status, 'refused', body.reason, body.lines);
    if (body.error?.message)
      return new ApiError(res.status, body.error.code ?? 'error', body.error.message, body.error.details);
  } catch {
    // not JSON: a proxy's page, say; the status is all there is to tell
  }
  return new ApiError(
    res.status,
    'http_error',
    `The server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`,
  );
}

/**
 * Calls `/api/admin` with a session token. A 401 carrying Shopify's retry header means the token
 * expired in flight: the client drops it and tries once more with a fresh one, as App Bridge does.
 */
export function createApiClient(tokens: TokenSource, opts: { baseUrl?: string; fetch?: typeof fetch } = {}): ApiClient {
  const base = opts.baseUrl ?? '/api/admin';
  const doFetch = opts.fetch ?? fetch.bind(globalThis);

  async function send(
    method: string,
    path: string,
    opts: { body?: unknown; signal?: AbortSignal; accept?: string } = {},
  ): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = {
        accept: opts.accept ?? 'application/json',
        authorization: `Bearer ${await tokens.token()}`,
      };
      if (opts.body !== undefined) headers['content-type'] = 'application/json';
      const res = await doFetch(`${base}${path}`, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: opts.signal,
      });
      if (res.status === 401 && attempt === 0 && res.headers.get(RETRY_HEADER) === '1') {
        tokens.invalidate();
        continue;
      }
      if (!res.ok) throw await toApiError(res);
      return res;
    }
  }

  async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const res = await send(method, path, { body, signal });
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  // answers requested before anyone asked, so start-up requests run side by side instead of one after another
  const warm = new Map<string, { promise: Promise<unknown>; until: number }>();

  return {
    get: <T>(path: string, signal?: AbortSignal) => {
      const hit = warm.get(path);
      warm.delete(path);
      if (hit && hit.until > Date.now()) return hit.promise as Promise<T>;
      return request<T>('GET', path, undefined, signal);
    },
    prefetch(path) {
      const promise = request('GET', path);
      // a failed prefetch is reported to whoever asks for it, not as an unhandled rejection
      promise.catch(() => {});
      warm.set(path, { promise, until: Date.now() + PREFETCH_TTL_MS });
    },
    post: (path, body) => request('POST', path, body ?? {}),
    put: (path, body) => request('PUT', path, body),
    patch: (path, body) => request('PATCH', path, body),
    del: (path) => request('DELETE', path),
    async download(path) {
      const res = await send('GET', path, { accept: 'text/csv, */*' });
      const named = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1];
      return { blob: await res.blob(), filename: named ?? path.split('?')[0]!.split('/').pop()! };
    },
  };
}
