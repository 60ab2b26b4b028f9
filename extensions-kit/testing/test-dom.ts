import { AppApiError, type AppApi } from '../app-api.js';

/** Waits for the DOM to say something: Preact runs effects after the next frame, answers come after that. */
export async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}: ${document.body.innerHTML}`);
}

/** The `s-button` whose text is `label`, or undefined. */
export const button = (label: string) =>
  [...document.body.querySelectorAll('s-button')].find((b) => b.textContent === label);

/**
 * The app's API as a block sees it, answering from memory (unknown GETs 404, unknown POSTs 409,
 * or throw the AppApiError given) and recording what it was asked.
 */
export function fakeApi(answers: Record<string, () => unknown>) {
  const calls: { method: string; path: string; body?: unknown }[] = [];
  const answer = (key: string, fallback: AppApiError) => {
    const found = answers[key];
    if (!found) throw fallback;
    return found();
  };
  const api: AppApi = {
    async get<T>(path: string) {
      calls.push({ method: 'GET', path });
      return answer(`GET ${path}`, new AppApiError(404, 'not_found', 'not found')) as T;
    },
    async post<T>(path: string, body: unknown) {
      calls.push({ method: 'POST', path, body });
      return answer(`POST ${path}`, new AppApiError(409, 'conflict', 'order is shipped')) as T;
    },
  };
  return { api, calls };
}

/** Every leaf key of a locale file, dotted: both locales of a block must carry the same ones. */
export const localeKeys = (o: object, prefix = ''): string[] =>
  Object.entries(o)
    .flatMap(([k, v]) => (typeof v === 'object' && v !== null ? localeKeys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
    .sort();
