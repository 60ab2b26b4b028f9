import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for secrets at rest (Shopify tokens, 3PL push secrets). The ciphertext names the
 * key that sealed it, so keys rotate: the first key encrypts, every listed key decrypts, and
 * `needsReseal` tells a caller to re-encrypt with the current key.
 */
export function createTokenCipher(keys: Buffer[]) {
  if (keys.length === 0 || keys.some((k) => k.length !== 32)) throw new Error('token cipher needs 32-byte keys');
  const keyId = (k: Buffer) => createHash('sha256').update(k).digest('hex').slice(0, 8);
  const byId = new Map(keys.map((k) => [keyId(k), k]));
  const primary = keys[0]!;
  const primaryId = keyId(primary);

  return {
    encrypt(plain: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', primary, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [
        'v1',
        primaryId,
        iv.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        ct.toString('base64url'),
      ].join('.');
    },
    decrypt(sealed: string): string {
      const [version, id, iv, tag, ct] = sealed.split('.');
      if (version !== 'v1' || !id || !iv || !tag || ct === undefined) throw new Error('not a sealed token');
      const key = byId.get(id);
      if (!key) throw new Error(`token sealed with unknown key ${id}`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    },
    needsReseal(sealed: string): boolean {
      return sealed.split('.')[1] !== primaryId;
    },
  };
}

export type TokenCipher = ReturnType<typeof createTokenCipher>;
