import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Middleware } from 'openapi-fetch';

type Json = Record<string, unknown>;
interface HeaderDef {
  required?: boolean;
  schema: Json;
}
interface ResponseDef {
  description: string;
  headers?: Record<string, { $ref: string }>;
  content?: Record<string, { schema: Json }>;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/** One answer checked against the document, and what was wrong with it. */
export interface CheckedAnswer {
  operation: string;
  status: number;
  problems: string[];
}

/**
 * Validates answers against the feed's own OpenAPI document: the status must be listed for the
 * operation, the body must match its schema (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses),
 * and every documented header must be there (when required) and match its schema.
 */
export function createContractValidator(doc: Json) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...doc, $id: 'feed' });
  const headerDefs = ((doc.components as Json).headers ?? {}) as Record<string, HeaderDef>;
  const paths = doc.paths as Record<
    string,
    Record<string, { operationId: string; responses: Record<string, ResponseDef> }>
  >;
  const checked: CheckedAnswer[] = [];

  async function check(method: string, schemaPath: string, response: Response): Promise<CheckedAnswer> {
    const m = method.toLowerCase();
    const op = paths[schemaPath]?.[m];
    const out: CheckedAnswer = {
      operation: op?.operationId ?? `${m} ${schemaPath}`,
      status: response.status,
      problems: [],
    };
    checked.push(out);
    if (!op) {
      out.problems.push(`no operation ${m} ${schemaPath} in the document`);
      return out;
    }
    const def = op.responses[String(response.status)];
    if (!def) {
      out.problems.push(
        `status ${response.status} is not documented for ${op.operationId} (documented: ${Object.keys(op.responses).join(', ')})`,
      );
      return out;
    }
    for (const [name, ref] of Object.entries(def.headers ?? {})) {
      const h = headerDefs[ref.$ref.split('/').pop()!]!;
      const raw = response.headers.get(name);
      if (raw === null) {
        if (h.required) out.problems.push(`header ${name} is missing`);
        continue;
      }
      const value = h.schema.type === 'integer' ? Number(raw) : raw;
      if (!ajv.validate(h.schema, value)) out.problems.push(`header ${name}=${raw}: ${ajv.errorsText()}`);
    }
    const text = await response.clone().text();
    const schema = def.content?.['application/json']?.schema;
    if (!schema) {
      if (text) out.problems.push(`body not documented: ${text.slice(0, 200)}`);
      return out;
    }
    const validate = ajv.getSchema(
      `feed#/${pointer('paths', schemaPath, m, 'responses', String(response.status), 'content', 'application/json', 'schema')}`,
    )!;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      out.problems.push(`body is not JSON: ${text.slice(0, 200)}`);
      return out;
    }
    if (!validate(body)) out.problems.push(`body: ${ajv.errorsText(validate.errors)} in ${text.slice(0, 300)}`);
    return out;
  }

  /** An openapi-fetch middleware that checks every answer the client receives. */
  const middleware: Middleware = {
    async onResponse({ request, response, schemaPath }) {
      await check(request.method, schemaPath, response);
      return undefined;
    },
  };

  return { check, middleware, checked: () => checked };
}
