import { hash, verify } from '@node-rs/argon2';

/** Argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum. */
export const hashPassword = (password: string): Promise<string> => hash(password);

export const verifyPassword = async (passwordHash: string, password: string): Promise<boolean> => {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
};

/** Whether a stored value is a password hash at all (a pending invitation holds a marker instead). */
export const isPasswordHash = (stored: string | null | undefined): stored is string => !!stored && stored.startsWith('$argon2');
