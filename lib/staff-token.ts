// Bearer tokens for staff (officers, 181 agents, admins) calling the API: the officer code and an
// expiry, signed with HMAC-SHA256. Sessions for the web pages come later; machines keep these.
import crypto from 'node:crypto';

export interface StaffClaims {
  sub: string; // officer code
  exp: number; // epoch seconds
}

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');

export function issueStaffToken(
  officerCode: string,
  secret: string,
  ttlSeconds = 12 * 3600,
  nowMs = Date.now(),
): string {
  const claims: StaffClaims = { sub: officerCode, exp: Math.floor(nowMs / 1000) + ttlSeconds };
  const body = b64(JSON.stringify(claims));
  return `${body}.${b64(crypto.createHmac('sha256', secret).update(body).digest())}`;
}

export function verifyStaffToken(token: string, secret: string, nowMs = Date.now()): StaffClaims | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = crypto.createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as StaffClaims;
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || claims.exp * 1000 < nowMs)
      return null;
    return claims;
  } catch {
    return null;
  }
}
