import { Kind, parse, print, visit, type FieldNode, type OperationDefinitionNode } from 'graphql';

/** A one-field operation sent n times in one document: its text, and where each answer sits. */
export interface BatchDocument {
  document: string;
  operationName: string;
  /** the response key of the operation's one root field, which callers read their answer from */
  rootKey: string;
  /** renames one item's variables to the names the batch document declares */
  variablesOf(i: number, variables: Record<string, unknown> | undefined): Record<string, unknown>;
  /** the alias item i's answer comes back under */
  aliasOf(i: number): string;
}

const cache = new Map<string, BatchDocument>();

const suffixed = (name: string, i: number) => `${name}_${i}`;

function operationOf(query: string): { op: OperationDefinitionNode; field: FieldNode } {
  const doc = parse(query);
  const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = ops[0];
  if (ops.length !== 1 || doc.definitions.length !== 1 || !op?.name)
    throw new Error('only a named operation without fragments can be batched');
  const [field, ...more] = op.selectionSet.selections;
  if (!field || more.length || field.kind !== Kind.FIELD)
    throw new Error(`${op.name.value}: only an operation with one root field can be batched`);
  return { op, field };
}

/**
 * The same operation repeated n times under aliases, each copy with its own variables, so n
 * calls cost one round trip. Shopify runs a document's mutations one after the other, and each
 * copy keeps its own userErrors. Built from the parsed document (graphql-js), not by string
 * surgery, and cached per operation and size.
 */
export function batchDocument(query: string, n: number): BatchDocument {
  const cacheKey = `${n}\n${query}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const { op, field } = operationOf(query);
  const rootKey = field.alias?.value ?? field.name.value;
  const operationName = `${op.name!.value}Batch`;
  const copies: FieldNode[] = [];
  const variableDefinitions = [];
  for (let i = 0; i < n; i++) {
    copies.push({
      ...(visit(field, {
        Variable: (node) => ({ ...node, name: { ...node.name, value: suffixed(node.name.value, i) } }),
      }) as FieldNode),
      alias: { kind: Kind.NAME, value: `b${i}` },
    });
    for (const def of op.variableDefinitions ?? [])
      variableDefinitions.push({
        ...def,
        variable: { ...def.variable, name: { ...def.variable.name, value: suffixed(def.variable.name.value, i) } },
      });
  }
  const batched: OperationDefinitionNode = {
    ...op,
    name: { kind: Kind.NAME, value: operationName },
    variableDefinitions,
    selectionSet: { ...op.selectionSet, selections: copies },
  };
  const names = (op.variableDefinitions ?? []).map((d) => d.variable.name.value);
  const built: BatchDocument = {
    document: print({ kind: Kind.DOCUMENT, definitions: [batched] }),
    operationName,
    rootKey,
    variablesOf: (i, variables) =>
      Object.fromEntries(names.filter((k) => variables?.[k] !== undefined).map((k) => [suffixed(k, i), variables![k]])),
    aliasOf: (i) => `b${i}`,
  };
  if (cache.size > 200) cache.clear();
  cache.set(cacheKey, built);
  return built;
}
