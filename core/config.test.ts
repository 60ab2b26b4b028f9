import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const SIM = { SHOPIFY_API_ORIGIN: 'http://127.0.0.1:9999' };
const KEY = Buffer.alloc(32, 9).toString('base64');
const REAL = {
  SHOPIFY_API_KEY: 'real-client-id',
  SHOPIFY_API_SECRET: 'real-secret',
  TOKEN_ENCRYPTION_KEYS: KEY,
  DATABASE_URL: 'postgres://db/app',
};

describe('loadConfig', () => {
  it('applies defaults and groups values', () => {
    const c = loadConfig(SIM);
    expect(c.http.port).toBe(3000);
    expect(c.redis.url).toBe('redis://127.0.0.1:6379');
    expect(c.db.url).toBeUndefined();
    expect(c.db.migrateOnStart).toBe(false);
    expect(c.shopify.apiVersion).toBe('2026-07');
  });

  it('turns boolean strings into booleans', () => {
    expect(loadConfig({ ...SIM, MIGRATE_ON_START: 'true' }).db.migrateOnStart).toBe(true);
    expect(loadConfig({ ...SIM, MIGRATE_ON_START: '0' }).db.migrateOnStart).toBe(false);
  });

  it('names the variable and the bad value, one line per problem', () => {
    try {
      loadConfig({ PORT: 'abc', MIGRATE_ON_START: 'maybe', REDIS_URL: 'not a url' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems.find((p) => p.includes('PORT'))).toMatch(/PORT .*port number.*"abc"/);
      expect(problems.some((p) => p.includes('MIGRATE_ON_START'))).toBe(true);
      expect(problems.some((p) => p.includes('REDIS_URL'))).toBe(true);
    }
  });

  it('never echoes a secret value', () => {
    try {
      loadConfig({ TOKEN_ENCRYPTION_KEYS: 'short-secret' });
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigError).problems.join('\n')).not.toContain('short-secret');
    }
  });

  it('accepts several encryption keys for rotation', () => {
    const k1 = Buffer.alloc(32, 1).toString('base64');
    const k2 = Buffer.alloc(32, 2).toString('hex');
    expect(loadConfig({ ...SIM, TOKEN_ENCRYPTION_KEYS: `${k1},${k2}` }).security.tokenEncryptionKeys).toHaveLength(2);
  });

  it('requires real secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/TOKEN_ENCRYPTION_KEYS/);
  });

  it('refuses the built-in secrets and key against real Shopify, whatever NODE_ENV says', () => {
    for (const NODE_ENV of ['development', 'test', undefined]) {
      expect(() => loadConfig({ NODE_ENV })).toThrow(ConfigError);
      expect(() => loadConfig({ NODE_ENV, ...REAL, SHOPIFY_API_SECRET: 'demo-api-secret' })).toThrow(
        /SHOPIFY_API_SECRET/,
      );
      expect(() => loadConfig({ NODE_ENV, ...REAL, TOKEN_ENCRYPTION_KEYS: undefined })).toThrow(
        /TOKEN_ENCRYPTION_KEYS/,
      );
      expect(() => loadConfig({ NODE_ENV, ...REAL, SHOPIFY_API_KEY: undefined })).toThrow(/SHOPIFY_API_KEY/);
      expect(loadConfig({ NODE_ENV, ...REAL }).shopify.apiSecret).toBe('real-secret');
    }
    expect(loadConfig({ NODE_ENV: 'production', ...REAL }).env).toBe('production');
  });

  it('refuses a simulated Shopify in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ...REAL, ...SIM })).toThrow(/SHOPIFY_API_ORIGIN/);
  });
});
