"use client";

import { useEffect, useRef, useState } from "react";

import { RunUpdatedDocument } from "@/documents/instance";
import type { RunSummaryFragment } from "@/gql/graphql";
import { formatCredits, runOutputText } from "@/lib/format";
import type { GraphQLError } from "@/lib/graphql";
import { useRuntimeConfig } from "@/lib/RuntimeConfig";
import { subscribe } from "@/lib/subscribe";
import { useSession } from "@/lib/useSession";

import { ErrorList, type DisplayError } from "../ErrorList";

const FINISHED = new Set(["SUCCEEDED", "FAILED", "CANCELLED"]);

/** A run as `runUpdated` streams it (over SSE), until it settles. */
export function LiveRun({ initial, onSettled }: { initial: RunSummaryFragment; onSettled: () => void }) {
  const { graphqlUrl, documentIds } = useRuntimeConfig();
  const { token } = useSession();
  const [run, setRun] = useState<RunSummaryFragment>(initial);
  const [available, setAvailable] = useState<number | null>(null);
  const [errors, setErrors] = useState<Array<DisplayError | GraphQLError>>([]);
  const [live, setLive] = useState(true);
  const settledRef = useRef(onSettled);
  settledRef.current = onSettled;

  useEffect(() => {
    return subscribe(
      RunUpdatedDocument,
      { id: initial.id },
      { url: graphqlUrl, token, documentIds },
      {
        next: (result) => {
          const update = result.data?.runUpdated;
          if (update) {
            setRun(update);
            const wallet = update.instance.organization.wallet;
            if (wallet) setAvailable(wallet.available);
          }
          if (result.errors?.length) setErrors(result.errors);
        },
        error: (message) => {
          setLive(false);
          setErrors([{ message }]);
        },
        complete: () => {
          setLive(false);
          settledRef.current();
        },
      },
    );
  }, [graphqlUrl, token, documentIds, initial.id]);

  const output = runOutputText(run.output);
  const finished = FINISHED.has(run.status);
  // The stream completes once the run is finished and its charge is final.
  const settled = finished && !live;
  return (
    <section
      className="stack"
      aria-labelledby="live-run-heading"
      data-testid="live-run"
      data-status={run.status}
      data-settled={settled}
    >
      <h3 id="live-run-heading">This run</h3>
      <p aria-live="polite">
        Status: <span className={`status status-${run.status}`} data-testid="live-run-status">{run.status}</span>
        {live ? (finished ? " (settling the charge…)" : " (live)") : ""}
      </p>
      {output ? (
        <div>
          <h4>Output</h4>
          <pre className="output" data-testid="live-run-output">
            {output}
          </pre>
        </div>
      ) : null}
      {run.error ? <p className="errors">{run.error}</p> : null}
      {settled ? (
        <ul className="facts">
          <li>
            Charged: <strong data-testid="live-run-charge">{formatCredits(run.creditsCharged)}</strong>
          </li>
          {run.usage ? <li>{(run.usage.durationMs / 1000).toFixed(2)} s</li> : null}
          {available !== null ? <li>Credits left: {formatCredits(available)}</li> : null}
        </ul>
      ) : null}
      <ErrorList errors={errors} />
    </section>
  );
}
