import { Kind, visit, type ASTNode, type DocumentNode, type GraphQLError } from 'graphql';

/** One error as Shopify (graphql-ruby) reports it. */
export interface ShopifyGqlError {
  message: string;
  locations?: { line: number; column: number }[];
  path?: (string | number)[];
  extensions?: { [key: string]: unknown };
}

/** Path of every AST node the way graphql-ruby prints it: ["query Name", "order", "lineItems"]. */
function nodePaths(doc: DocumentNode): Map<ASTNode, string[]> {
  const paths = new Map<ASTNode, string[]>();
  const stack: string[] = [];
  visit(doc, {
    enter(node) {
      let label: string | null = null;
      if (node.kind === Kind.OPERATION_DEFINITION)
        label = node.name ? `${node.operation} ${node.name.value}` : node.operation;
      else if (node.kind === Kind.FRAGMENT_DEFINITION) label = `fragment ${node.name.value}`;
      else if (node.kind === Kind.FIELD) label = node.alias?.value ?? node.name.value;
      else if (node.kind === Kind.INLINE_FRAGMENT)
        label = node.typeCondition ? `... on ${node.typeCondition.name.value}` : '...';
      else if (node.kind === Kind.ARGUMENT) label = node.name.value;
      if (label !== null) stack.push(label);
      paths.set(node, [...stack]);
    },
    leave(node) {
      if (
        node.kind === Kind.OPERATION_DEFINITION ||
        node.kind === Kind.FRAGMENT_DEFINITION ||
        node.kind === Kind.FIELD ||
        node.kind === Kind.INLINE_FRAGMENT ||
        node.kind === Kind.ARGUMENT
      )
        stack.pop();
    },
  });
  return paths;
}

function q(s: string | undefined): string {
  return s ?? '';
}

/** Rewrites graphql-js validation messages into graphql-ruby's wording and codes. */
function translate(message: string): { message: string; extensions: { [key: string]: unknown } } {
  let m = /^Cannot query field "([^"]+)" on type "([^"]+)"\./.exec(message);
  if (m)
    return {
      message: `Field '${q(m[1])}' doesn't exist on type '${q(m[2])}'`,
      extensions: { code: 'undefinedField', typeName: m[2], fieldName: m[1] },
    };
  m = /^Unknown argument "([^"]+)" on field "([^".]+)\.([^"]+)"\./.exec(message);
  if (m)
    return {
      message: `Field '${q(m[3])}' doesn't accept argument '${q(m[1])}'`,
      extensions: { code: 'argumentNotAccepted', name: m[3], typeName: 'Field', argumentName: m[1] },
    };
  m = /^Field "([^"]+)" argument "([^"]+)" of type "([^"]+)" is required, but it was not provided\./.exec(message);
  if (m)
    return {
      message: `Field '${q(m[1])}' is missing required arguments: ${q(m[2])}`,
      extensions: { code: 'missingRequiredArguments', className: 'Field', name: m[1], arguments: m[2] },
    };
  m = /^Field "([^"]+)" of type "([^"]+)" must have a selection of subfields\./.exec(message);
  if (m) {
    const type = q(m[2]).replace(/[[\]!]/g, '');
    return {
      message: `Field must have selections (field '${q(m[1])}' returns ${type} but has no selections. Did you mean '${q(m[1])} { ... }'?)`,
      extensions: { code: 'selectionMismatch', nodeName: `field '${q(m[1])}'`, typeName: type },
    };
  }
  m = /^Field "([^"]+)" must not have a selection since type "([^"]+)" has no subfields\./.exec(message);
  if (m) {
    const type = q(m[2]).replace(/[[\]!]/g, '');
    return {
      message: `Selections can't be made on scalars (field '${q(m[1])}' returns ${type} but has selections)`,
      extensions: { code: 'selectionMismatch', nodeName: `field '${q(m[1])}'`, typeName: type },
    };
  }
  m = /^Unknown type "([^"]+)"\./.exec(message);
  if (m)
    return {
      message: `No such type ${q(m[1])}, so it can't be a fragment condition`,
      extensions: { code: 'undefinedType', typeName: m[1] },
    };
  m = /^Variable "\$([^"]+)" is never used(?: in operation "([^"]+)")?\./.exec(message);
  if (m)
    return {
      message: `Variable $${q(m[1])} is declared by ${m[2] ?? 'anonymous query'} but not used`,
      extensions: { code: 'variableNotUsed', variableName: m[1] },
    };
  m = /^Variable "\$([^"]+)" is not defined(?: by operation "([^"]+)")?\./.exec(message);
  if (m)
    return {
      message: `Variable $${q(m[1])} is used by ${m[2] ?? 'anonymous query'} but not declared`,
      extensions: { code: 'variableNotDefined', variableName: m[1] },
    };
  m = /^Unknown directive "@([^"]+)"\./.exec(message);
  if (m)
    return {
      message: `Directive @${q(m[1])} is not defined`,
      extensions: { code: 'undefinedDirective', directiveName: m[1] },
    };
  m = /^Fragment "([^"]+)" is never used\./.exec(message);
  if (m)
    return {
      message: `Fragment ${q(m[1])} was defined, but not used`,
      extensions: { code: 'useAndDefineFragment', fragmentName: m[1] },
    };
  m = /^Unknown fragment "([^"]+)"\./.exec(message);
  if (m)
    return {
      message: `Fragment ${q(m[1])} was used, but not defined`,
      extensions: { code: 'useAndDefineFragment', fragmentName: m[1] },
    };
  if (
    /^(Expected value of type|Int cannot represent|String cannot represent|Float cannot represent|Boolean cannot represent|ID cannot represent|Enum ")/.test(
      message,
    )
  )
    return { message: message.replace(/"/g, "'"), extensions: { code: 'argumentLiteralsIncompatible' } };
  if (/^Variable "\$[^"]+" of type "[^"]+" used in position expecting/.test(message))
    return { message: message.replace(/"/g, "'"), extensions: { code: 'variableMismatch' } };
  return { message, extensions: { code: 'validationError' } };
}

/** Validation errors in Shopify's shape, each with the graphql-ruby style path of its node. */
export function shopifyValidationErrors(doc: DocumentNode, errors: readonly GraphQLError[]): ShopifyGqlError[] {
  const paths = nodePaths(doc);
  return errors.map((e) => {
    const t = translate(e.message);
    const node = e.nodes?.[0];
    const out: ShopifyGqlError = { message: t.message };
    if (e.locations) out.locations = e.locations.map((l) => ({ line: l.line, column: l.column }));
    const path = node ? paths.get(node) : undefined;
    if (path) out.path = path;
    out.extensions = t.extensions;
    return out;
  });
}

/** A parse error in Shopify's shape. */
export function shopifyParseError(e: GraphQLError): ShopifyGqlError {
  const loc = e.locations?.[0];
  const detail = e.message.replace(/^Syntax Error: /, '');
  return {
    message: loc ? `Parse error on ${detail} at [${loc.line}, ${loc.column}]` : `Parse error: ${detail}`,
    locations: loc ? [{ line: loc.line, column: loc.column }] : [],
  };
}

/** An execution error (resolver failure, not simulated, idempotency) in Shopify's shape. */
export function shopifyExecutionError(e: GraphQLError): ShopifyGqlError {
  const out: ShopifyGqlError = { message: e.message };
  if (e.locations) out.locations = e.locations.map((l) => ({ line: l.line, column: l.column }));
  if (e.path) out.path = [...e.path];
  const ext = e.extensions;
  if (ext && Object.keys(ext).length > 0) out.extensions = { ...ext };
  return out;
}
