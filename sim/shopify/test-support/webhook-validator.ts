import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { schemaForWebhook } from 'shopify-webhook-schemas';

const addFormats = formats as unknown as (ajv: Ajv2020) => Ajv2020;

/** Validates webhook bodies against shopify-webhook-schemas (JSON Schema 2020-12). */
export function createWebhookValidator(version = '2026-07'): (topic: string, body: unknown) => string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const cache = new Map<string, ValidateFunction>();
  return (topic, body) => {
    let validate = cache.get(topic);
    if (!validate) {
      const schema: unknown = schemaForWebhook(version, topic);
      if (!schema || typeof schema !== 'object') return [`no schema for ${topic}`];
      validate = ajv.compile(schema);
      cache.set(topic, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (e) => `${topic}${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
    );
  };
}
