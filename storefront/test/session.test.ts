import { describe, expect, it } from "vitest";

import { cookieFor, isExpired, tokenClaims, tokenFromCookieHeader } from "@/lib/session";

function jwt(claims: object): string {
  const encode = (value: object) => btoa(JSON.stringify(value)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return `${encode({ alg: "RS256" })}.${encode(claims)}.signature`;
}

const NOW = Date.UTC(2026, 0, 1);
const live = jwt({ email: "ada@example.com", exp: NOW / 1000 + 300 });
const expired = jwt({ email: "ada@example.com", exp: NOW / 1000 - 1 });
const current = jwt({ email: "ada@example.com", exp: Math.floor(Date.now() / 1000) + 3600 });

describe("session", () => {
  it("reads the claims of a token (base64url, unverified)", () => {
    expect(tokenClaims(live)?.email).toBe("ada@example.com");
    expect(tokenClaims("not a jwt")).toBeNull();
    expect(tokenClaims("a.!!!.c")).toBeNull();
  });

  it("knows when a token has expired", () => {
    expect(isExpired(live, NOW)).toBe(false);
    expect(isExpired(expired, NOW)).toBe(true);
  });

  it("keeps the cookie no longer than the token, Secure on HTTPS", () => {
    expect(cookieFor(live, false, NOW)).toBe(`cmp_token=${live}; Path=/; SameSite=Lax; Max-Age=300`);
    expect(cookieFor(live, true, NOW)).toMatch(/; Secure$/);
  });

  it("finds the token among other cookies, and ignores an expired one", () => {
    expect(tokenFromCookieHeader(`theme=dark; cmp_token=${encodeURIComponent(current)}; x=1`)).toBe(current);
    expect(tokenFromCookieHeader(`cmp_token=${expired}`)).toBeNull();
    expect(tokenFromCookieHeader("theme=dark")).toBeNull();
  });
});
