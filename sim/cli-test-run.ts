import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

/** A port nobody listens on now, for a CLI told which port to take. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

/** What a started simulator CLI said: its first stdout line, the URL in it, and all it printed so far. */
export interface SimCli {
  line: string;
  url: string;
  output(): string;
}

/**
 * Runs `sim/main.ts` with `args` as a user would (through tsx, with `env` only), waits for its
 * first stdout line, hands it to `use`, and stops the process afterwards whatever happened.
 * For the simulators' CLI tests.
 */
export async function withSimCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  use: (cli: SimCli) => Promise<void>,
): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sim/main.ts', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let out = '';
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
      });
      child.once('exit', (code) => reject(new Error(`exited with ${String(code)}`)));
    });
    await use({ line, url: line.slice('ready: '.length), output: () => out });
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
}

/** Places an order through a marketplace simulator's control API. */
export async function placeSimOrder<T>(url: string, lines: { sku: string; quantity: number }[]): Promise<T> {
  const res = await fetch(`${url}/_sim/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ lines }),
  });
  return (await res.json()) as T;
}
