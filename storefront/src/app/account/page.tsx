import type { Metadata } from "next";

import { AccountView } from "@/components/account/AccountView";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  // Only paths of this site (never another origin) are followed after signing in.
  const safeNext = next && next.startsWith("/") && !next.startsWith("//") ? next : null;
  return <AccountView next={safeNext} />;
}
