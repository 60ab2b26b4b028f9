import type { GraphQLResolveInfo } from 'graphql';
import type { OpError, OpResult } from '../../ops/result.js';
import type { Args, GqlContext, View } from '../context.js';

/** A root mutation field: arguments, context and info (for @idempotent). */
export type MutationResolver = (args: Args, ctx: GqlContext, info: GraphQLResolveInfo) => unknown;

/** userErrors as the payloads return them. */
export function userErrors(errors: readonly OpError[]): View[] {
  return errors.map((e) => ({ field: e.field, message: e.message, code: e.code ?? null }));
}

/** Payload of an operation: `value` mapped on success, nulls and userErrors otherwise. */
export function payload<T>(
  r: OpResult<T>,
  onOk: (value: T) => { [field: string]: unknown },
  nullFields: readonly string[],
): View {
  if (r.ok) return { ...onOk(r.value), userErrors: [] };
  const out: { [field: string]: unknown } = { userErrors: userErrors(r.errors) };
  for (const f of nullFields) out[f] = null;
  return out;
}
