"use client";

import Link from "next/link";
import { useEffect, useState, type FormEvent } from "react";

import { AccountOrganizationsDocument, OrganizationCreateDocument } from "@/documents/account";
import type { AccountOrganizationsQuery } from "@/gql/graphql";
import { formatCredits, formatDateTime } from "@/lib/format";
import { errorsAt, type GraphQLError } from "@/lib/graphql";
import { useExecute, useQuery } from "@/lib/useGraphQL";

import { ErrorList, type DisplayError } from "../ErrorList";

type Organization = AccountOrganizationsQuery["organizations"][number];

export function Organizations() {
  const query = useQuery(AccountOrganizationsDocument, {});
  const { reload } = query;
  useEffect(() => {
    window.addEventListener("cmp:organizations-changed", reload);
    return () => window.removeEventListener("cmp:organizations-changed", reload);
  }, [reload]);
  const organizations = query.result?.data?.organizations;
  return (
    <section aria-labelledby="organizations-heading">
      <h2 id="organizations-heading">Organizations</h2>
      <div className="actions">
        <button type="button" className="secondary" onClick={reload} disabled={query.loading}>
          Refresh
        </button>
      </div>
      {query.loading && !query.result ? <p>Loading…</p> : null}
      {query.result && !organizations ? <ErrorList errors={query.result.errors} /> : null}
      {organizations && organizations.length === 0 ? <p>You belong to no organization yet.</p> : null}
      {organizations?.map((organization, index) => (
        <OrganizationCard
          key={organization.id}
          organization={organization}
          errors={(query.result?.errors ?? []).filter((e) => errorsAt([e], "organizations", index).length > 0)}
        />
      ))}
      <CreateOrganization onCreated={reload} />
    </section>
  );
}

function OrganizationCard({ organization, errors }: { organization: Organization; errors: GraphQLError[] }) {
  const wallet = organization.wallet;
  const instances = organization.instances.edges.map((edge) => edge.node);
  const headingId = `org-${organization.id}`;
  return (
    <article className="card stack" aria-labelledby={headingId} data-testid="organization">
      <h3 id={headingId}>{organization.name}</h3>
      <ErrorList errors={errors} />
      <section aria-label={`Wallet of ${organization.name}`}>
        <h4>Wallet</h4>
        {wallet ? (
          <>
            <ul className="facts" data-testid="wallet">
              <li>
                Balance: <strong data-testid="wallet-balance">{formatCredits(wallet.balance)}</strong>
              </li>
              <li>Reserved: {formatCredits(wallet.reserved)}</li>
              <li>
                Available: <strong data-testid="wallet-available">{formatCredits(wallet.available)}</strong>
              </li>
            </ul>
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Latest ledger entries</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">What</th>
                    <th scope="col" className="number">
                      Credits
                    </th>
                    <th scope="col" className="number">
                      Balance after
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {wallet.entries.edges.length === 0 ? (
                    <tr>
                      <td colSpan={4}>No entries yet.</td>
                    </tr>
                  ) : null}
                  {wallet.entries.edges.map(({ node }) => (
                    <tr key={node.id}>
                      <td>{formatDateTime(node.createdAt)}</td>
                      <td>{node.kind.replace(/_/g, " ").toLowerCase()}</td>
                      <td className="number">{node.amount > 0 ? `+${node.amount}` : node.amount}</td>
                      <td className="number">{node.balanceAfter}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <p>The wallet cannot be shown right now.</p>
        )}
      </section>
      <section aria-label={`Instances of ${organization.name}`}>
        <h4>Instances</h4>
        {instances.length === 0 ? <p>No instances yet: buy a plan from the catalog.</p> : null}
        <ul className="grid" aria-label={`Instances of ${organization.name}`}>
          {instances.map((instance) => (
            <li key={instance.id} className="card" data-testid="instance">
              <Link href={`/instances/${encodeURIComponent(instance.id)}`}>{instance.name}</Link>
              <ul className="facts">
                <li>
                  <span className={`status status-${instance.status}`}>{instance.status}</span>
                </li>
                <li>{instance.offering.name}</li>
                {instance.plan ? <li>{instance.plan.name} plan</li> : null}
              </ul>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}

function CreateOrganization({ onCreated }: { onCreated: () => void }) {
  const run = useExecute();
  const [errors, setErrors] = useState<Array<DisplayError | GraphQLError>>([]);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "");
    setBusy(true);
    setErrors([]);
    try {
      const result = await run(OrganizationCreateDocument, { input: { name } });
      const problems = [...(result.errors ?? []), ...(result.data?.organizationCreate.errors ?? [])];
      if (problems.length || !result.data?.organizationCreate.organization) {
        setErrors(problems.length ? problems : [{ message: "The organization was not created." }]);
        return;
      }
      form.reset();
      onCreated();
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} className="card" aria-label="New organization">
      <label>
        New organization
        <input name="name" required maxLength={200} />
      </label>
      <button type="submit" disabled={busy}>
        Create organization
      </button>
      <ErrorList errors={errors} />
    </form>
  );
}
