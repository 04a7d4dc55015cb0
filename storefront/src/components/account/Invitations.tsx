"use client";

import { useState } from "react";

import { AccountInvitationsDocument, InvitationDeclineDocument, MembershipAcceptDocument } from "@/documents/account";
import { formatDateTime } from "@/lib/format";
import type { GraphQLError } from "@/lib/graphql";
import { useExecute, useQuery } from "@/lib/useGraphQL";

import { ErrorList, type DisplayError } from "../ErrorList";

// Invitations need Saleor (they hang off Saleor's `me`); without it this section says so.
export function Invitations() {
  const query = useQuery(AccountInvitationsDocument, {});
  const run = useExecute();
  const [errors, setErrors] = useState<Record<string, Array<DisplayError | GraphQLError>>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const me = query.result?.data?.me;
  const invitations = me?.invitations ?? [];

  async function answer(organizationId: string, accept: boolean) {
    if (!me) return;
    setBusy(organizationId);
    setErrors((all) => ({ ...all, [organizationId]: [] }));
    try {
      const result = accept
        ? await run(MembershipAcceptDocument, { organizationId })
        : await run(InvitationDeclineDocument, { input: { organizationId, userId: me.id } });
      const payload = result.data ? ("membershipAccept" in result.data ? result.data.membershipAccept : result.data.memberRemove) : null;
      const problems = [...(result.errors ?? []), ...(payload?.errors ?? [])];
      if (problems.length || !payload) {
        setErrors((all) => ({ ...all, [organizationId]: problems.length ? problems : [{ message: "That did not work." }] }));
        return;
      }
      query.reload();
      if (accept) window.dispatchEvent(new Event("cmp:organizations-changed"));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">Invitations</h2>
      {query.loading && !query.result ? <p>Loading…</p> : null}
      {query.result && !me ? <ErrorList errors={query.result.errors ?? [{ message: "Invitations are not available." }]} /> : null}
      {me && invitations.length === 0 ? <p>No invitations are waiting for you.</p> : null}
      {invitations.length > 0 ? (
        <ul className="grid" aria-label="Invitations">
          {invitations.map((invitation) => {
            const org = invitation.organization;
            return (
              <li key={org.id} className="card">
                <h3>{org.name}</h3>
                <ul className="facts">
                  <li>as {invitation.role.toLowerCase()}</li>
                  <li>since {formatDateTime(invitation.createdAt)}</li>
                </ul>
                <div className="actions">
                  <button type="button" disabled={busy === org.id} onClick={() => answer(org.id, true)}>
                    Accept
                  </button>
                  <button type="button" className="secondary" disabled={busy === org.id} onClick={() => answer(org.id, false)}>
                    Decline
                  </button>
                </div>
                <ErrorList errors={errors[org.id]} />
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
