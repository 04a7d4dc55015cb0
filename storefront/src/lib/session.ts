// The signed-in shopper's access token, kept in a first-party cookie so that server-rendered
// pages and the browser (which calls the router itself, subscriptions included) present the
// same token. The token is a short-lived JWT (Saleor's or the development issuer's); the
// cookie never outlives it.

export const TOKEN_COOKIE = "cmp_token";

export interface TokenClaims {
  email?: string;
  user_id?: string;
  is_staff?: boolean;
  exp?: number;
}

/** The claims of a JWT, unverified: only to show who is signed in and until when. */
export function tokenClaims(token: string): TokenClaims | null {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const claims: unknown = JSON.parse(json);
    return typeof claims === "object" && claims !== null ? (claims as TokenClaims) : null;
  } catch {
    return null;
  }
}

export function isExpired(token: string, now: number = Date.now()): boolean {
  const exp = tokenClaims(token)?.exp;
  return typeof exp === "number" && exp * 1000 <= now;
}

/** The token in a Cookie header's value, unless it has expired. */
export function tokenFromCookieHeader(header: string): string | null {
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === TOKEN_COOKIE) {
      const token = decodeURIComponent(rest.join("="));
      return token && !isExpired(token) ? token : null;
    }
  }
  return null;
}

export function cookieFor(token: string, secure: boolean, now: number = Date.now()): string {
  const exp = tokenClaims(token)?.exp;
  const maxAge = typeof exp === "number" ? Math.max(0, Math.floor(exp - now / 1000)) : 3600;
  const attributes = [`${TOKEN_COOKIE}=${encodeURIComponent(token)}`, "Path=/", "SameSite=Lax", `Max-Age=${maxAge}`];
  if (secure) attributes.push("Secure");
  return attributes.join("; ");
}

export function clearedCookie(): string {
  return `${TOKEN_COOKIE}=; Path=/; SameSite=Lax; Max-Age=0`;
}
