"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

import { TokenCreateDocument } from "@/documents/account";
import type { GraphQLError } from "@/lib/graphql";
import { useRuntimeConfig } from "@/lib/RuntimeConfig";
import { useExecute } from "@/lib/useGraphQL";
import { useSession } from "@/lib/useSession";

import { ErrorList, type DisplayError } from "../ErrorList";

export function SignIn({ next }: { next: string | null }) {
  const { devTokens } = useRuntimeConfig();
  const session = useSession();
  const run = useExecute();
  const router = useRouter();
  const [errors, setErrors] = useState<Array<DisplayError | GraphQLError>>([]);
  const [devErrors, setDevErrors] = useState<DisplayError[]>([]);
  const [busy, setBusy] = useState(false);

  function signedIn(token: string) {
    session.signIn(token);
    if (next) router.push(next);
  }

  async function signInWithSaleor(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setErrors([]);
    try {
      const result = await run(TokenCreateDocument, {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
      });
      const payload = result.data?.tokenCreate;
      const problems = [...(result.errors ?? []), ...(payload?.errors ?? [])];
      if (payload?.token && problems.length === 0) return signedIn(payload.token);
      setErrors(problems.length ? problems : [{ message: "Signing in failed." }]);
    } finally {
      setBusy(false);
    }
  }

  async function signInForDevelopment(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setDevErrors([]);
    try {
      const response = await fetch("/api/dev-token", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: String(form.get("email") ?? "") }),
      });
      const body = (await response.json().catch(() => ({}))) as { token?: string; error?: string };
      if (response.ok && body.token) return signedIn(body.token);
      setDevErrors([{ message: body.error ?? `No development token (HTTP ${response.status}).` }]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="columns">
      <section className="card" aria-labelledby="sign-in-heading">
        <h2 id="sign-in-heading">Sign in</h2>
        <p className="lede">With your store account (Saleor).</p>
        <form onSubmit={signInWithSaleor} aria-busy={busy}>
          <label>
            Email
            <input name="email" type="email" autoComplete="username" required />
          </label>
          <label>
            Password
            <input name="password" type="password" autoComplete="current-password" required />
          </label>
          <button type="submit" disabled={busy}>
            Sign in
          </button>
          <ErrorList errors={errors} />
        </form>
      </section>
      {devTokens ? (
        <section className="card" aria-labelledby="dev-sign-in-heading">
          <h2 id="dev-sign-in-heading">Development sign-in</h2>
          <p className="lede">
            A token from the development issuer (<code>cmp token</code>), trusted by <code>./run dev</code> only.
          </p>
          <form onSubmit={signInForDevelopment} aria-busy={busy}>
            <label>
              Email
              <input name="email" type="email" required />
            </label>
            <button type="submit" className="secondary" disabled={busy}>
              Get a development token
            </button>
            <ErrorList errors={devErrors} />
          </form>
        </section>
      ) : null}
    </div>
  );
}
