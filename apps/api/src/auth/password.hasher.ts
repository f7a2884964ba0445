import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import pLimit from 'p-limit';

// OWASP's argon2id recommendation: 19 MiB, 2 iterations, 1 lane.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * New passwords hashed at once per instance. Hashing runs on libuv's thread pool (4 threads), and
 * each hash holds a thread and 19 MiB: bounded, a flood of registrations queues behind itself
 * instead of taking every thread, so sign-ins are still verified meanwhile.
 */
const CONCURRENT_NEW_HASHES = 2;

@Injectable()
export class PasswordHasher {
  private readonly newHashes = pLimit(CONCURRENT_NEW_HASHES);

  // Verified against when the email is unknown, so both failures take the same time (docs/design.md §4).
  private readonly decoy = argon2.hash('decoy password for unknown accounts', OPTIONS);

  hash(password: string): Promise<string> {
    return this.newHashes(() => argon2.hash(password, OPTIONS));
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    const valid = await argon2.verify(hash ?? (await this.decoy), password);
    return valid && hash !== undefined;
  }
}
