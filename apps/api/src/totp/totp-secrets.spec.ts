import { newRecoveryCodes, normalizeRecoveryCode, TotpSecrets } from './totp-secrets';

describe('TotpSecrets (docs/design.md §15)', () => {
  const secrets = new TotpSecrets('a master key of at least thirty-two characters');
  const admin = '6f1c1b1e-8a51-4f43-9d6c-1a7b2f0c9e11';
  const otherAdmin = '0b5e2a7c-3d4f-4e1a-8b9c-2d3e4f5a6b7c';

  it('encrypts a secret so that only the same key and admin decrypt it', () => {
    const sealed = secrets.encrypt('JBSWY3DPEHPK3PXPJBSWY3DP', admin);
    expect(sealed).not.toContain('JBSWY3DP');
    expect(secrets.decrypt(sealed, admin)).toBe('JBSWY3DPEHPK3PXPJBSWY3DP');
    expect(() => secrets.decrypt(sealed, otherAdmin)).toThrow();
    expect(() =>
      new TotpSecrets('another master key of thirty-two characters').decrypt(sealed, admin),
    ).toThrow();
  });

  it('seals the same secret differently each time (a fresh nonce)', () => {
    expect(secrets.encrypt('JBSWY3DPEHPK3PXP', admin)).not.toBe(secrets.encrypt('JBSWY3DPEHPK3PXP', admin));
  });

  it('makes ten distinct recovery codes of 80 bits, in groups of four', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$/);
  });

  it('hashes a recovery code the same however it is typed, and differently under another key', () => {
    const [code] = newRecoveryCodes(1);
    const hash = secrets.hashRecoveryCode(code);
    expect(secrets.hashRecoveryCode(` ${code.toUpperCase().replace(/-/g, ' ')} `)).toBe(hash);
    expect(normalizeRecoveryCode('AB-cd ef')).toBe('abcdef');
    expect(new TotpSecrets('another master key of thirty-two characters').hashRecoveryCode(code)).not.toBe(
      hash,
    );
  });
});
