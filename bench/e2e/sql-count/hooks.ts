/** Module hooks (node:module register): `postgres` resolves to the counting wrapper, except from the wrapper itself. */
const wrapper = new URL('./postgres-counted.ts', import.meta.url).href;

type Resolve = (specifier: string, context: { parentURL?: string }) => Promise<{ url: string }>;

export async function resolve(
  specifier: string,
  context: { parentURL?: string },
  next: Resolve,
): Promise<{ url: string }> {
  // resolved through the rest of the chain, so tsx still marks the wrapper as TypeScript
  return next(specifier === 'postgres' && context.parentURL !== wrapper ? wrapper : specifier, context);
}
