"use client";

import Link from "next/link";

import { useSession } from "@/lib/useSession";

export function SessionBadge() {
  const { claims, token } = useSession();
  if (!token) {
    return (
      <Link className="session-badge" href="/account">
        Sign in
      </Link>
    );
  }
  return (
    <Link className="session-badge" href="/account" data-testid="session-email">
      {claims?.email ?? "Signed in"}
    </Link>
  );
}
