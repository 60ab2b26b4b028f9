import {
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** How the query nests connections, checked before a bulk operation runs. */
export interface BulkShape {
  connections: number;
  maxDepth: number;
  /** A nested connection whose parent does not select `id`. */
  parentWithoutId: string | null;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
}

function fieldsOf(walk: Walk, set: SelectionSetNode, out: FieldNode[] = []): FieldNode[] {
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) out.push(sel);
    else if (sel.kind === Kind.INLINE_FRAGMENT) fieldsOf(walk, sel.selectionSet, out);
    else {
      const frag = walk.fragments.get(sel.name.value);
      if (frag) fieldsOf(walk, frag.selectionSet, out);
    }
  }
  return out;
}

function childType(walk: Walk, type: GraphQLCompositeType, name: string): GraphQLCompositeType | null {
  const fields = isObjectType(type) || isInterfaceType(type) ? type.getFields() : undefined;
  let def = fields?.[name];
  if (!def && !fields && isUnionType(type)) {
    for (const member of walk.schema.getPossibleTypes(type)) {
      def = member.getFields()[name];
      if (def) break;
    }
  }
  if (!def) return null;
  const named = getNamedType(def.type);
  return isCompositeType(named) ? named : null;
}

function isConnection(type: GraphQLCompositeType): boolean {
  return (
    type.name.endsWith('Connection') && (isObjectType(type) || isInterfaceType(type)) && 'pageInfo' in type.getFields()
  );
}

/** The node type and selection of a connection field (via `edges { node }` or `nodes`). */
function nodeSelections(
  walk: Walk,
  conn: GraphQLCompositeType,
  field: FieldNode,
): { key: string; via: 'edges' | 'nodes'; type: GraphQLCompositeType; set: SelectionSetNode }[] {
  const out: { key: string; via: 'edges' | 'nodes'; type: GraphQLCompositeType; set: SelectionSetNode }[] = [];
  if (!field.selectionSet) return out;
  for (const f of fieldsOf(walk, field.selectionSet)) {
    const key = f.alias?.value ?? f.name.value;
    if (f.name.value === 'nodes' && f.selectionSet) {
      const t = childType(walk, conn, 'nodes');
      if (t) out.push({ key, via: 'nodes', type: t, set: f.selectionSet });
    } else if (f.name.value === 'edges' && f.selectionSet) {
      const edgeType = childType(walk, conn, 'edges');
      if (!edgeType) continue;
      for (const e of fieldsOf(walk, f.selectionSet)) {
        if (e.name.value !== 'node' || !e.selectionSet) continue;
        const t = childType(walk, edgeType, 'node');
        if (t) out.push({ key: `${key}.${e.alias?.value ?? 'node'}`, via: 'edges', type: t, set: e.selectionSet });
      }
    }
  }
  return out;
}

function selectsId(walk: Walk, set: SelectionSetNode): boolean {
  return fieldsOf(walk, set).some((f) => f.name.value === 'id' && !f.alias);
}

/** Counts connections and their nesting, for Shopify's limits (5 connections, 2 levels). */
export function bulkShape(
  schema: GraphQLSchema,
  root: GraphQLCompositeType,
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
): BulkShape {
  const walk: Walk = { schema, fragments };
  const shape: BulkShape = { connections: 0, maxDepth: 0, parentWithoutId: null };
  const visit = (
    type: GraphQLCompositeType,
    s: SelectionSetNode,
    depth: number,
    parentHasId: boolean,
    parentName: string,
  ): void => {
    for (const f of fieldsOf(walk, s)) {
      if (!f.selectionSet) continue;
      const t = childType(walk, type, f.name.value);
      if (!t) continue;
      if (isConnection(t)) {
        shape.connections++;
        shape.maxDepth = Math.max(shape.maxDepth, depth + 1);
        if (depth > 0 && !parentHasId && shape.parentWithoutId === null) shape.parentWithoutId = parentName;
        for (const n of nodeSelections(walk, t, f))
          visit(n.type, n.set, depth + 1, selectsId(walk, n.set), `${type.name}.${f.name.value}`);
      } else {
        visit(t, f.selectionSet, depth, parentHasId, parentName);
      }
    }
  };
  visit(root, set, 0, false, root.name);
  return shape;
}

function pick(data: Json | undefined, path: string): Json | undefined {
  let cur: Json | undefined = data;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/**
 * Turns a query result into JSONL the way Shopify writes bulk results with groupObjects:false:
 * every node of a connection is its own line, nested ones carry `__parentId`, and a child line
 * always comes after its parent.
 */
export function toJsonl(
  schema: GraphQLSchema,
  root: GraphQLCompositeType,
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  data: JsonObject,
): { lines: string[]; rootCount: number } {
  const walk: Walk = { schema, fragments };
  const lines: string[] = [];
  let rootCount = 0;

  // copies an object's selected fields, moving nested connections out into pending child lines
  const project = (
    type: GraphQLCompositeType,
    s: SelectionSetNode,
    value: JsonObject,
    parentId: string | null,
    pending: (() => void)[],
  ): JsonObject => {
    const out: JsonObject = {};
    for (const f of fieldsOf(walk, s)) {
      const key = f.alias?.value ?? f.name.value;
      const v = value[key];
      if (v === undefined) continue;
      const t = f.selectionSet ? childType(walk, type, f.name.value) : null;
      if (t && f.selectionSet && isConnection(t)) {
        // children point at the connection node that owns them (the line), not at intermediate objects
        const id = parentId;
        for (const n of nodeSelections(walk, t, f)) {
          const list =
            n.via === 'nodes'
              ? pick(v, n.key.split('.').slice(-1)[0] ?? 'nodes')
              : pick(v, n.key.split('.')[0] ?? 'edges');
          if (!Array.isArray(list)) continue;
          for (const item of list) {
            const node =
              n.via === 'edges' && item && typeof item === 'object' && !Array.isArray(item)
                ? item[n.key.split('.')[1] ?? 'node']
                : item;
            if (node && typeof node === 'object' && !Array.isArray(node))
              pending.push(() => emit(n.type, n.set, node, id));
          }
        }
        continue;
      }
      if (t && f.selectionSet && v !== null && typeof v === 'object') {
        out[key] = Array.isArray(v)
          ? v.map((x) =>
              x && typeof x === 'object' && !Array.isArray(x)
                ? project(t, f.selectionSet as SelectionSetNode, x, parentId, pending)
                : x,
            )
          : project(t, f.selectionSet, v, parentId, pending);
        continue;
      }
      out[key] = v;
    }
    return out;
  };

  const emit = (type: GraphQLCompositeType, s: SelectionSetNode, value: JsonObject, parentId: string | null): void => {
    const pending: (() => void)[] = [];
    const line = project(type, s, value, typeof value.id === 'string' ? value.id : parentId, pending);
    if (parentId !== null) line.__parentId = parentId;
    lines.push(JSON.stringify(line));
    for (const p of pending) p();
  };

  for (const f of fieldsOf(walk, set)) {
    const key = f.alias?.value ?? f.name.value;
    const t = childType(walk, root, f.name.value);
    const v = data[key];
    if (!t || !f.selectionSet || v === undefined || v === null) continue;
    if (isConnection(t)) {
      for (const n of nodeSelections(walk, t, f)) {
        const list = n.via === 'nodes' ? pick(v, n.key) : pick(v, n.key.split('.')[0] ?? 'edges');
        if (!Array.isArray(list)) continue;
        for (const item of list) {
          const node =
            n.via === 'edges' && item && typeof item === 'object' && !Array.isArray(item)
              ? item[n.key.split('.')[1] ?? 'node']
              : item;
          if (node && typeof node === 'object' && !Array.isArray(node)) {
            rootCount++;
            emit(n.type, n.set, node, null);
          }
        }
      }
    } else if (typeof v === 'object' && !Array.isArray(v)) {
      rootCount++;
      emit(t, f.selectionSet, v, null);
    }
  }
  return { lines, rootCount };
}
