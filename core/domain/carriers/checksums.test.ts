import { describe, expect, it } from 'vitest';
import { isValidMod7, isValidS10, isValidUps1Z, mod3736CheckChar } from './checksums.js';

// Valid and invalid examples are the published test numbers of jkeen/tracking_number_data.
describe('check digits', () => {
  it.each([
    ['RB123456785GB', true],
    ['RB123456785US', true],
    ['LA123456785FR', true],
    ['RB123456786US', false],
    ['LA123456789FR', false],
    ['RB12345678GB', false],
  ])('S10 %s → %s', (n, ok) => {
    expect(isValidS10(n)).toBe(ok);
  });

  it('S10 maps remainder 0 to check digit 5 and remainder 1 to 0', () => {
    // serial 00000000 → weighted sum 0 → remainder 0 → 5
    expect(isValidS10('AA000000005FR')).toBe(true);
    expect(isValidS10('AA000000000FR')).toBe(false);
    // serial 00000008 → 8×7 = 56 → 56 mod 11 = 1 → 0
    expect(isValidS10('AA000000080FR')).toBe(true);
    expect(isValidS10('AA000000081FR')).toBe(false);
  });

  it.each([
    ['1Z5R89390357567127', true],
    ['1Z879E930346834440', true],
    ['1Z410E7W0392751591', true],
    ['1Z1111111111111111', false],
  ])('UPS %s → %s', (n, ok) => {
    expect(isValidUps1Z(n)).toBe(ok);
  });

  it.each([
    ['3318810025', true],
    ['73891051146', true],
    ['3318810010', false],
    ['3318810034', false],
  ])('DHL mod 7 %s → %s', (n, ok) => {
    expect(isValidMod7(n)).toBe(ok);
  });

  it('DPD MOD 37,36 check character matches DPD label examples', () => {
    expect(mod3736CheckChar('008182709980000020033350276')).toBe('C');
    expect(mod3736CheckChar('008182709980000020045327276')).toBe('N');
  });
});
