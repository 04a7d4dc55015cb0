"use client";

import Link from "next/link";
import { useState } from "react";

import { InstancePageDocument } from "@/documents/instance";
import type { RunSummaryFragment } from "@/gql/graphql";
import { formatCredits, formatDateTime, runOutputText } from "@/lib/format";
import { useQuery } from "@/lib/useGraphQL";
import { useSession } from "@/lib/useSession";

import { ErrorList } from "../ErrorList";
import { LiveRun } from "./LiveRun";
import { RunLauncher } from "./RunLauncher";

export function InstanceView({ id }: { id: string }) {
  const { token } = useSession();
  const query = useQuery(InstancePageDocument, { id }, { skip: !token, key: token ?? "" });
  const [active, setActive] = useState<RunSummaryFragment | null>(null);
  if (!token) {
    return (
      <>
        <h1>Instance</h1>
        <p>
          <Link href={`/account?next=${encodeURIComponent(`/instances/${id}`)}`}>Sign in</Link> to see this instance.
        </p>
      </>
    );
  }
  const instance = query.result?.data?.instance;
  if (!instance) {
    return (
      <>
        <h1>Instance</h1>
        {query.loading ? <p>Loading…</p> : <ErrorList errors={query.result?.errors ?? [{ message: "This instance does not exist." }]} />}
      </>
    );
  }
  const runs = instance.runs?.edges.map((edge) => edge.node) ?? [];
  return (
    <div className="stack">
      <div>
        <h1>{instance.name}</h1>
        <ul className="facts">
          <li>
            <span className={`status status-${instance.status}`}>{instance.status}</span>
          </li>
          <li>
            <Link href={`/offerings/${encodeURIComponent(instance.offering.slug)}`}>{instance.offering.name}</Link>
          </li>
          {instance.plan ? <li>{instance.plan.name} plan</li> : null}
          <li>{instance.organization.name}</li>
          <li>{formatCredits(instance.offering.creditsPerRun)} per run</li>
          {instance.organization.wallet ? (
            <li>
              Available: <strong data-testid="instance-available">{formatCredits(instance.organization.wallet.available)}</strong>
            </li>
          ) : null}
        </ul>
      </div>
      <div className="columns">
        <section className="card" aria-labelledby="run-heading">
          <h2 id="run-heading">Run</h2>
          <RunLauncher instanceId={instance.id} disabled={instance.status !== "ACTIVE"} onStarted={setActive} />
          {active ? <LiveRun key={active.id} initial={active} onSettled={query.reload} /> : null}
        </section>
        <section aria-labelledby="runs-heading">
          <h2 id="runs-heading">Recent runs</h2>
          {instance.runs === null ? <ErrorList errors={query.result?.errors} /> : null}
          {runs.length === 0 ? <p>No runs yet.</p> : null}
          <ol className="stack" aria-label="Recent runs">
            {runs.map((run) => (
              <li key={run.id} className="card">
                <ul className="facts">
                  <li>
                    <span className={`status status-${run.status}`}>{run.status}</span>
                  </li>
                  <li>{formatDateTime(run.createdAt)}</li>
                  <li>charged {formatCredits(run.creditsCharged)}</li>
                </ul>
                {runOutputText(run.output) ? <pre className="output">{runOutputText(run.output)}</pre> : null}
                {run.error ? <p className="errors">{run.error}</p> : null}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </div>
  );
}
