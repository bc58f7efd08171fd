import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** How long a yes/no about an account is trusted before the database is asked again. */
export const ACCOUNT_CHECK_TTL_MS = 30_000;

/**
 * Whether an account may still use its tokens. A JWT stays valid until it expires; this is
 * what makes switching an account off take effect at once in this process (and within
 * ACCOUNT_CHECK_TTL_MS in the others), for one primary-key read per account and 30 s.
 */
@Injectable()
export class AccountStatusCache {
  private readonly known = new Map<string, { active: boolean; at: number }>();

  constructor(private readonly dataSource: DataSource) {}

  async isActive(userId: string, now = Date.now()): Promise<boolean> {
    const hit = this.known.get(userId);
    if (hit && now - hit.at < ACCOUNT_CHECK_TTL_MS) return hit.active;
    const [row]: { active: boolean }[] = await this.dataSource.query(`SELECT active FROM users WHERE id = $1`, [userId]);
    const active = row?.active === true;
    if (this.known.size > 100_000) this.known.clear();
    this.known.set(userId, { active, at: now });
    return active;
  }

  forget(userId: string): void {
    this.known.delete(userId);
  }
}
