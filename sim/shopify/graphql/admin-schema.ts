import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';

/** The Admin API version whose real schema the simulator serves. */
export const SIM_API_VERSION = '2026-07';

const cache = new Map<string, GraphQLSchema>();

function findSchemaFile(version: string): string {
  const rel = join('node_modules', '@shopify', 'dev-mcp', 'dist', 'data', `admin_${version}.json.gz`);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, rel);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(
        `Admin schema ${version} not found (looked for ${rel} above ${dirname(fileURLToPath(import.meta.url))})`,
      );
    dir = parent;
  }
}

/** Shopify's real Admin GraphQL schema, built once per process from @shopify/dev-mcp's introspection. */
export function adminSchema(version = SIM_API_VERSION): GraphQLSchema {
  const hit = cache.get(version);
  if (hit) return hit;
  const raw = JSON.parse(gunzipSync(readFileSync(findSchemaFile(version))).toString('utf8')) as {
    data: IntrospectionQuery;
  };
  const schema = buildClientSchema(raw.data);
  cache.set(version, schema);
  return schema;
}
