import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Role } from '@telework/contracts';
import { AccountsRepository } from './accounts.repository';

/** How long an account's state is trusted before the database is asked again. */
export const ACCOUNT_CHECK_TTL_MS = 30_000;

export interface AccountState {
  active: boolean;
  role: Role;
  /** tokens carry the version they were signed at: an older one is a session that has ended */
  sessionVersion: number;
}

/**
 * An account's current state, for every authenticated request. A JWT stays valid until it
 * expires; reading the account here is what makes switching it off, changing its role or its
 * password (each of which moves its session version on) take effect at once in this process (callers `forget` it after their commit) and within
 * ACCOUNT_CHECK_TTL_MS in the others, for one primary-key read per account and 30 s.
 */
@Injectable()
export class AccountStatusCache {
  private readonly known = new Map<string, { state: AccountState | null; at: number }>();
  private readonly accounts: AccountsRepository;

  /**
   * CoreModule provides this one instance (every area forgets through it) with the data source
   * alone: the repository is built here rather than injected.
   */
  constructor(dataSource: DataSource) {
    this.accounts = new AccountsRepository(dataSource);
  }

  /** null: no such account any more */
  async current(userId: string, now = Date.now()): Promise<AccountState | null> {
    const hit = this.known.get(userId);
    if (hit && now - hit.at < ACCOUNT_CHECK_TTL_MS) return hit.state;
    const row = await this.accounts.findState(userId);
    const state = row ? { active: row.active === true, role: row.role, sessionVersion: Number(row.session_version) } : null;
    if (this.known.size > 100_000) this.known.clear();
    this.known.set(userId, { state, at: now });
    return state;
  }

  forget(userId: string): void {
    this.known.delete(userId);
  }

  /** after a change to many accounts at once (a CSV import) */
  forgetAll(): void {
    this.known.clear();
  }
}
