import { getDirectiveValues, GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { Args, GqlContext, View } from './context.js';

function readKey(info: GraphQLResolveInfo): string | undefined {
  const directive = info.schema.getDirective('idempotent');
  const node = info.fieldNodes[0];
  if (!directive || !node) return undefined;
  const values = getDirectiveValues(directive, node, info.variableValues);
  return typeof values?.key === 'string' ? values.key : undefined;
}

/**
 * Runs a mutation that requires `@idempotent(key:)` (mandatory from 2026-04). A repeat with the same
 * key and arguments returns the first successful result without applying it again; the same key
 * with other arguments answers IDEMPOTENCY_KEY_PARAMETER_MISMATCH.
 */
export function idempotent(
  ctx: GqlContext,
  info: GraphQLResolveInfo,
  args: Args,
  run: () => { view: View; succeeded: boolean },
  mismatch: () => View,
): View {
  const key = readKey(info);
  if (key === undefined)
    throw new GraphQLError(
      `The @idempotent directive is required for ${info.fieldName} (API version 2026-04 and later). Add @idempotent(key: "<uuid>") to the mutation field.`,
      {
        extensions: { code: 'IDEMPOTENCY_KEY_REQUIRED' },
      },
    );
  if (key.trim() === '')
    throw new GraphQLError('The idempotency key cannot be an empty string or whitespace only.', {
      extensions: { code: 'BAD_REQUEST' },
    });
  const fingerprint = `${info.fieldName}:${JSON.stringify(args)}`;
  const scoped = `${info.fieldName}:${key}`;
  const entry = ctx.shop.idempotency.get(scoped);
  if (entry) return entry.fingerprint === fingerprint ? (entry.result as View) : mismatch();
  const { view, succeeded } = run();
  if (succeeded) ctx.shop.idempotency.set(scoped, { fingerprint, result: view });
  return view;
}
