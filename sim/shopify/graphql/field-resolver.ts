import { defaultFieldResolver, GraphQLError, responsePathAsArray, type GraphQLFieldResolver } from 'graphql';
import type { GqlContext } from './context.js';

/**
 * Resolves a field from its view (value or function of the arguments). A valid field that the
 * simulator does not provide fails loudly instead of answering null.
 */
export const simFieldResolver: GraphQLFieldResolver<unknown, GqlContext> = (source, args, ctx, info) => {
  if (source !== null && typeof source === 'object' && info.fieldName in source)
    return defaultFieldResolver(source, args, ctx, info);
  const path = responsePathAsArray(info.path).join('.');
  throw new GraphQLError(`not simulated: ${info.parentType.name}.${info.fieldName} (at ${path})`, {
    extensions: { code: 'NOT_SIMULATED' },
  });
};
