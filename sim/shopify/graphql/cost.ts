import {
  getArgumentValues,
  getNamedType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** The calculated query cost rules (an approximation of Shopify's). */
export interface CostRules {
  mutation: number;
  object: number;
  connectionBase: number;
}

export const DEFAULT_COST_RULES: CostRules = { mutation: 10, object: 1, connectionBase: 2 };

type Vars = { [name: string]: unknown };

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  vars: Vars;
  rules: CostRules;
}

function fieldsOf(walk: Walk, type: GraphQLCompositeType, set: SelectionSetNode, out: FieldNode[] = []): FieldNode[] {
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) out.push(sel);
    else if (sel.kind === Kind.INLINE_FRAGMENT) fieldsOf(walk, type, sel.selectionSet, out);
    else {
      const frag = walk.fragments.get(sel.name.value);
      if (frag) fieldsOf(walk, type, frag.selectionSet, out);
    }
  }
  return out;
}

function fieldDef(walk: Walk, type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (isObjectType(type) || isInterfaceType(type)) return type.getFields()[name];
  // a union: look the field up on the first member that has it
  for (const member of walk.schema.getPossibleTypes(type)) {
    const f = member.getFields()[name];
    if (f) return f;
  }
  return undefined;
}

function isConnection(type: GraphQLCompositeType): boolean {
  return (
    type.name.endsWith('Connection') && (isObjectType(type) || isInterfaceType(type)) && 'pageInfo' in type.getFields()
  );
}

function pageSize(walk: Walk, def: GraphQLField<unknown, unknown>, node: FieldNode): number {
  try {
    const args = getArgumentValues(def, node, walk.vars);
    const n =
      (typeof args.first === 'number' ? args.first : null) ?? (typeof args.last === 'number' ? args.last : null);
    return n ?? 0;
  } catch {
    return 0;
  }
}

/** Cost of one node of a connection: the node object plus its selections. */
function nodeCost(walk: Walk, connType: GraphQLCompositeType, node: FieldNode, data: unknown, actual: boolean): number {
  if (!node.selectionSet) return 0;
  let total = 0;
  for (const f of fieldsOf(walk, connType, node.selectionSet)) {
    const def = fieldDef(walk, connType, f.name.value);
    if (!def || !f.selectionSet) continue;
    const key = f.alias?.value ?? f.name.value;
    if (f.name.value === 'nodes' || f.name.value === 'edges') {
      const inner = getNamedType(def.type);
      if (!isCompositeType(inner)) continue;
      if (!actual) {
        total += selectionCost(
          walk,
          inner,
          f.selectionSet,
          undefined,
          false,
          f.name.value === 'edges' ? 0 : walk.rules.object,
        );
        continue;
      }
      const list = data && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;
      if (Array.isArray(list)) {
        for (const item of list)
          total += selectionCost(
            walk,
            inner,
            f.selectionSet,
            item,
            true,
            f.name.value === 'edges' ? 0 : walk.rules.object,
          );
      }
    }
  }
  return total;
}

function selectionCost(
  walk: Walk,
  type: GraphQLCompositeType,
  set: SelectionSetNode,
  data: unknown,
  actual: boolean,
  self: number,
): number {
  if (actual && (data === null || data === undefined)) return 0;
  let total = self;
  for (const f of fieldsOf(walk, type, set)) {
    if (!f.selectionSet) continue;
    const def = fieldDef(walk, type, f.name.value);
    if (!def) continue;
    const inner = getNamedType(def.type);
    if (!isCompositeType(inner)) continue;
    const key = f.alias?.value ?? f.name.value;
    const child = actual && data && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;
    if (f.name.value === 'node' && type.name.endsWith('Edge')) {
      total += selectionCost(walk, inner, f.selectionSet, child, actual, walk.rules.object);
    } else if (isConnection(inner)) {
      if (actual && (child === null || child === undefined)) continue;
      const size = pageSize(walk, def, f);
      total +=
        walk.rules.connectionBase +
        (actual ? nodeCost(walk, inner, f, child, true) : size * nodeCost(walk, inner, f, undefined, false));
    } else if (actual && Array.isArray(child)) {
      for (const item of child) total += selectionCost(walk, inner, f.selectionSet, item, true, walk.rules.object);
    } else {
      total += selectionCost(walk, inner, f.selectionSet, child, actual, walk.rules.object);
    }
  }
  return total;
}

/** Cost of an operation: requested (from first/last) or actual (from the returned data). */
export function operationCost(
  schema: GraphQLSchema,
  op: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  vars: Vars,
  data?: unknown,
  rules: CostRules = DEFAULT_COST_RULES,
): number {
  const walk: Walk = { schema, fragments, vars, rules };
  if (op.operation === 'mutation') {
    const root = schema.getMutationType();
    if (!root) return 0;
    const fields = fieldsOf(walk, root, op.selectionSet);
    return fields.filter((f) => f.name.value !== '__typename').length * rules.mutation;
  }
  const root = schema.getQueryType();
  if (!root) return 0;
  const actual = data !== undefined;
  return selectionCost(walk, root, op.selectionSet, data, actual, 0);
}
