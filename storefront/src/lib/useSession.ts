"use client";

import { useCallback, useSyncExternalStore } from "react";

import { clearedCookie, cookieFor, tokenClaims, tokenFromCookieHeader, type TokenClaims } from "./session";

// Components that show the session re-render when it changes in this tab.
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function snapshot(): string | null {
  return tokenFromCookieHeader(document.cookie);
}

export interface Session {
  token: string | null;
  claims: TokenClaims | null;
  signIn(token: string): void;
  signOut(): void;
}

export function useSession(): Session {
  const token = useSyncExternalStore(subscribe, snapshot, () => null);
  const signIn = useCallback((next: string) => {
    document.cookie = cookieFor(next, window.location.protocol === "https:");
    listeners.forEach((listener) => listener());
  }, []);
  const signOut = useCallback(() => {
    document.cookie = clearedCookie();
    listeners.forEach((listener) => listener());
  }, []);
  return { token, claims: token ? tokenClaims(token) : null, signIn, signOut };
}
