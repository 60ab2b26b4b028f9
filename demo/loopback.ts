import { isIP } from 'node:net';

/**
 * The demo runs with the simulator's public secrets: anyone who can reach it can sign session
 * tokens for it. It may listen on this machine only.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h);
  return false;
}
