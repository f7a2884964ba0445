import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The keys of the second factor (docs/design.md §15), both derived from `TOTP_ENCRYPTION_KEY`
 * (HKDF-SHA256, one label each), which lives in the configuration and never in the database:
 * a copy of the database alone reveals no TOTP secret and lets no recovery code be checked.
 */
export class TotpSecrets {
  private readonly encryptionKey: Buffer;
  private readonly recoveryKey: Buffer;

  constructor(masterKey: string) {
    const derive = (label: string) => Buffer.from(hkdfSync('sha256', masterKey, '', label, 32));
    this.encryptionKey = derive('wallet admin totp secret v1');
    this.recoveryKey = derive('wallet admin recovery code v1');
  }

  /**
   * AES-256-GCM, a fresh nonce each time, bound to the admin's id (additional data): a row's
   * ciphertext copied onto another admin's row does not decrypt.
   */
  encrypt(secret: string, userId: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, nonce);
    cipher.setAAD(Buffer.from(userId));
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    const parts = [nonce, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url'));
    return ['v1', ...parts].join('.');
  }

  /** Throws when the value was not sealed for this admin under this key. */
  decrypt(stored: string, userId: string): string {
    const [version, nonce, tag, sealed] = stored.split('.');
    if (version !== 'v1' || !nonce || !tag || sealed === undefined) {
      throw new Error('unknown TOTP secret format');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, Buffer.from(nonce, 'base64url'));
    decipher.setAAD(Buffer.from(userId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  /**
   * HMAC-SHA256 of the normalized code. Recovery codes carry 80 random bits, so a fast keyed hash
   * is enough (nobody can search that space, with or without the key), and unlike a salted
   * password hash it can be looked up: a sign-in costs one indexed UPDATE, not ten argon2 checks.
   */
  hashRecoveryCode(code: string): string {
    return createHmac('sha256', this.recoveryKey).update(normalizeRecoveryCode(code)).digest('hex');
  }
}

// Crockford's base32 (no i, l, o, u to misread): 32 letters, so each byte's low 5 bits pick one evenly.
const RECOVERY_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Ten codes of 16 characters (80 random bits each), written in groups of four: `abcd-efgh-jkmn-pqrs`. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(16);
    const chars = [...bytes].map((byte) => RECOVERY_ALPHABET[byte & 31]);
    return [0, 4, 8, 12].map((start) => chars.slice(start, start + 4).join('')).join('-');
  });
}

/** Case, spaces and dashes do not matter when a code is typed back. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

/** What a TOTP code looks like (RFC 6238, 6 digits); anything else given as a code is a recovery code. */
export const TOTP_CODE = /^\d{6}$/;
