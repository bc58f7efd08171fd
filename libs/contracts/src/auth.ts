import type { Role } from './enums';

export interface LoginRequest {
  email: string;
  password: string;
}

export interface LoginResponse {
  accessToken: string;
}

/** What `GET /api/auth/me` answers: the signed-in user and the agent it is. */
export interface CurrentUserDto {
  userId: string;
  email: string;
  role: Role;
  agentId: string | null;
  displayName: string;
  /** the org unit a manager manages (its team is this unit and below) */
  managedOrgUnitIds: string[];
}
