import { createHmac, randomBytes } from 'node:crypto';
import type { StudioUser } from './users';

export const DAY_SECONDS = 24 * 60 * 60;

/** Result of checking a token: the user it belongs to, or why it is rejected. */
export type TokenCheck =
  { ok: true; user: StudioUser } | { ok: false; reason: 'unknown' | 'expired' | 'revoked' };

interface IssuedToken {
  user: StudioUser;
  /** Expiry in seconds since the Unix epoch, as in the JWT `exp` claim. */
  exp: number;
  revoked: boolean;
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/**
 * Issues and checks the stand-in's JWTs. A token is valid only if this store issued it, so the
 * signature is never verified.
 */
export class TokenStore {
  private readonly secret = randomBytes(32);
  private readonly issued = new Map<string, IssuedToken>();
  /** Lifetime of the tokens that logins get, in seconds. */
  lifetimeSeconds = DAY_SECONDS;

  /**
   * Issues a signed JWT for `user`. A negative `expiresInSeconds` gives an already expired token.
   * NOTE: the claims are this stand-in's own choice and are not known to match Studio's tokens.
   */
  issue(user: StudioUser, expiresInSeconds = this.lifetimeSeconds): string {
    const iat = Math.floor(Date.now() / 1000);
    const exp = iat + expiresInSeconds;
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    // A random `jti` keeps two tokens issued to one user in the same second distinct.
    const jti = randomBytes(9).toString('base64url');
    const claims = { sub: String(user.id), userId: user.id, username: user.username, iat, exp };
    const payload = base64url(JSON.stringify({ ...claims, jti }));
    const signature = createHmac('sha256', this.secret).update(`${header}.${payload}`).digest();
    const token = `${header}.${payload}.${base64url(signature)}`;
    this.issued.set(token, { user, exp, revoked: false });
    return token;
  }

  /** Marks a token as revoked. Returns false if this store never issued it. */
  revoke(token: string): boolean {
    const entry = this.issued.get(token);
    if (entry === undefined) {
      return false;
    }
    entry.revoked = true;
    return true;
  }

  check(token: string): TokenCheck {
    const entry = this.issued.get(token);
    if (entry === undefined) {
      return { ok: false, reason: 'unknown' };
    }
    if (entry.revoked) {
      return { ok: false, reason: 'revoked' };
    }
    if (entry.exp <= Date.now() / 1000) {
      return { ok: false, reason: 'expired' };
    }
    return { ok: true, user: entry.user };
  }
}
