/** Tiny flag parser for bench CLIs: `--json`, `--seconds 10`, `--orders=500`. */
export function parseArgs(args: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) continue;
    const [k, v] = a.slice(2).split('=', 2) as [string, string | undefined];
    if (v !== undefined) out.set(k, v);
    else if (args[i + 1] !== undefined && !args[i + 1]!.startsWith('--')) out.set(k, args[++i]!);
    else out.set(k, 'true');
  }
  return out;
}

export function numberArg(args: Map<string, string>, name: string, fallback: number): number {
  const v = args.get(name);
  const n = v === undefined ? fallback : Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

/** Progress goes to stderr so stdout ends with the JSON object alone. */
export const note = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
