import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A sign-in under way, as the callback takes it (its state used up). */
export interface PendingSignIn {
  id: string;
  nonce: string;
  code_verifier: string;
  return_to: string | null;
}

/**
 * The sign-ins under way (table oidc_sign_ins): written at the redirect to the provider, used up
 * by the callback, then holding the single-use ticket the console exchanges for its token. Only
 * hashes of the state and the ticket are stored. Every API process reads the same rows.
 */
@Injectable()
export class OidcSignInsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A new sign-in, alive `ttlSeconds`; expired rows are deleted on the way (one index range). */
  async insert(stateHash: string, nonce: string, codeVerifier: string, returnTo: string | null, ttlSeconds: number): Promise<void> {
    await this.dataSource.query(`DELETE FROM oidc_sign_ins WHERE expires_at < now()`);
    await this.dataSource.query(
      `INSERT INTO oidc_sign_ins (state_hash, nonce, code_verifier, return_to, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [stateHash, nonce, codeVerifier, returnTo, ttlSeconds],
    );
  }

  /**
   * Uses up the state in one conditional UPDATE (of two callbacks with the same state, one
   * wins). Undefined: unknown, used or expired.
   */
  async consumeState(stateHash: string): Promise<PendingSignIn | undefined> {
    const [row]: PendingSignIn[] = await this.dataSource.query(
      `WITH used AS (
         UPDATE oidc_sign_ins SET completed_at = now()
         WHERE state_hash = $1 AND completed_at IS NULL AND expires_at > now()
         RETURNING id, nonce, code_verifier, return_to
       ) SELECT * FROM used`,
      [stateHash],
    );
    return row;
  }

  /** The callback succeeded: the ticket's hash, for `ttlSeconds`; the verifier and nonce are no longer kept. */
  async complete(id: string, userId: string, ticketHash: string, idToken: string | null, ttlSeconds: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE oidc_sign_ins SET user_id = $2, ticket_hash = $3, id_token = $4, code_verifier = '', nonce = '',
                                expires_at = now() + make_interval(secs => $5)
       WHERE id = $1`,
      [id, userId, ticketHash, idToken, ttlSeconds],
    );
  }

  /** The callback failed: the sign-in is dropped. */
  async delete(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM oidc_sign_ins WHERE id = $1`, [id]);
  }

  /**
   * Uses up a live ticket (one DELETE: of two exchanges, one wins) and answers its account and
   * ID token. Undefined: unknown, used or expired.
   */
  async redeemTicket(ticketHash: string): Promise<{ user_id: string; id_token: string | null; return_to: string | null } | undefined> {
    const [row] = await this.dataSource.query(
      `WITH redeemed AS (
         DELETE FROM oidc_sign_ins WHERE ticket_hash = $1 AND ticket_used_at IS NULL AND expires_at > now()
         RETURNING user_id, id_token, return_to
       ) SELECT * FROM redeemed`,
      [ticketHash],
    );
    return row;
  }
}
