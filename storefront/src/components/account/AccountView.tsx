"use client";

import { useSession } from "@/lib/useSession";

import { Invitations } from "./Invitations";
import { Organizations } from "./Organizations";
import { SignIn } from "./SignIn";

export function AccountView({ next }: { next: string | null }) {
  const session = useSession();
  if (!session.token) {
    return (
      <>
        <h1>Account</h1>
        <SignIn next={next} />
      </>
    );
  }
  return (
    <>
      <h1>Account</h1>
      <div className="actions">
        <p>
          Signed in as <strong>{session.claims?.email ?? "you"}</strong>.
        </p>
        <button type="button" className="secondary" onClick={session.signOut}>
          Sign out
        </button>
      </div>
      <Invitations />
      <Organizations />
    </>
  );
}
