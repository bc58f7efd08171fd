import { Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import type { CurrentUserDto, LoginResponse, Role } from '@telework/contracts';
import type { AuthUser } from './auth.decorators';
import { hashPassword, verifyPassword } from './password-hasher';

interface UserRow {
  id: string;
  email: string;
  role: Role;
  agent_id: string | null;
  password_hash: string;
  active: boolean;
}

@Injectable()
export class AuthService {
  /** Verified when the e-mail is unknown, so both failures take the same time. */
  private readonly decoyHash = hashPassword('decoy password that never matches');

  constructor(private readonly dataSource: DataSource, private readonly jwt: JwtService) {}

  async login(email: string, password: string): Promise<LoginResponse> {
    const [user]: UserRow[] = await this.dataSource.query(
      `SELECT id, email, role, agent_id, password_hash, active FROM users WHERE lower(email) = lower($1)`,
      [email],
    );
    const valid = await verifyPassword(user ? user.password_hash : await this.decoyHash, password);
    if (!user || !valid || !user.active) {
      throw new UnauthorizedException('Unknown e-mail or wrong password');
    }
    await this.dataSource.query(`UPDATE users SET last_login_at = now() WHERE id = $1`, [user.id]);
    const accessToken = await this.jwt.signAsync({ sub: user.id, email: user.email, role: user.role, agentId: user.agent_id });
    return { accessToken };
  }

  async me(current: AuthUser): Promise<CurrentUserDto> {
    const [row]: { email: string; role: Role; agent_id: string | null; display_name: string | null }[] =
      await this.dataSource.query(
        `SELECT u.email, u.role, u.agent_id, a.first_name || ' ' || a.last_name AS display_name
         FROM users u LEFT JOIN agents a ON a.id = u.agent_id WHERE u.id = $1 AND u.active`,
        [current.userId],
      );
    if (!row) throw new NotFoundException('This account no longer exists');
    const managed: { id: string }[] = row.agent_id
      ? await this.dataSource.query(`SELECT id FROM org_units WHERE manager_agent_id = $1 ORDER BY code`, [row.agent_id])
      : [];
    return {
      userId: current.userId,
      email: row.email,
      role: row.role,
      agentId: row.agent_id,
      displayName: row.display_name ?? row.email,
      managedOrgUnitIds: managed.map((unit) => unit.id),
    };
  }
}
