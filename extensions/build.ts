import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { parse } from 'smol-toml';

/**
 * Type-checks and bundles every UI extension (and type-checks their browser harness) the way Shopify CLI does (esbuild, one ES module
 * per target), offline. Shopify refuses a compiled UI extension script over 64 KB, so a bundle
 * past that fails here first.
 */
const MAX_BYTES = 64 * 1024;
const here = fileURLToPath(new URL('.', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

interface ExtensionToml {
  api_version: string;
  extensions: { handle: string; targeting: { target: string; module: string }[] }[];
}

export async function buildExtensions(): Promise<{ handle: string; target: string; bytes: number }[]> {
  const out: { handle: string; target: string; bytes: number }[] = [];
  const folders = readdirSync(here, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(`${here}${d.name}/shopify.extension.toml`))
    .map((d) => d.name);
  for (const folder of folders) {
    const dir = `${here}${folder}`;
    execFileSync(process.execPath, [tsc, '--noEmit', '-p', dir], { stdio: 'inherit' });
    const toml = parse(readFileSync(`${dir}/shopify.extension.toml`, 'utf8')) as unknown as ExtensionToml;
    for (const ext of toml.extensions) {
      for (const t of ext.targeting) {
        const result = await build({
          entryPoints: [`${dir}/${t.module}`],
          outfile: `${dir}/dist/${ext.handle}.js`,
          bundle: true,
          format: 'esm',
          target: 'es2020',
          jsx: 'automatic',
          jsxImportSource: 'preact',
          minify: true,
          metafile: true,
          legalComments: 'none',
          logLevel: 'warning',
          define: { 'process.env.NODE_ENV': '"production"' },
        });
        const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
        if (bytes > MAX_BYTES)
          throw new Error(`${ext.handle}: ${bytes} bytes, over Shopify's 64 KB limit for a UI extension`);
        out.push({ handle: ext.handle, target: t.target, bytes });
      }
    }
  }
  // the browser harness that renders all three blocks is checked too
  execFileSync(
    process.execPath,
    [tsc, '--noEmit', '-p', fileURLToPath(new URL('../extensions-kit/harness', import.meta.url))],
    { stdio: 'inherit' },
  );
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const b of await buildExtensions())
    console.warn(`built ${b.handle} (${b.target}): ${(b.bytes / 1024).toFixed(1)} KB`);
}
