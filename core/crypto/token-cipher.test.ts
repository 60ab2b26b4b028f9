import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTokenCipher } from './token-cipher.js';

describe('token cipher', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);

  it('round-trips and never stores the plaintext', () => {
    const c = createTokenCipher([k1]);
    const sealed = c.encrypt('shpat_secret_token');
    expect(sealed).not.toContain('shpat');
    expect(c.decrypt(sealed)).toBe('shpat_secret_token');
    expect(c.encrypt('same')).not.toBe(c.encrypt('same'));
  });

  it('rejects tampered ciphertext', () => {
    const c = createTokenCipher([k1]);
    const parts = c.encrypt('shpat_x').split('.');
    parts[4] = Buffer.from('shpat_y').toString('base64url');
    expect(() => c.decrypt(parts.join('.'))).toThrow();
  });

  it('rotates: an old key still decrypts and asks for a reseal', () => {
    const old = createTokenCipher([k1]).encrypt('tok');
    const rotated = createTokenCipher([k2, k1]);
    expect(rotated.decrypt(old)).toBe('tok');
    expect(rotated.needsReseal(old)).toBe(true);
    expect(rotated.needsReseal(rotated.encrypt('tok'))).toBe(false);
    expect(() => createTokenCipher([k2]).decrypt(old)).toThrow(/unknown key/);
  });
});
