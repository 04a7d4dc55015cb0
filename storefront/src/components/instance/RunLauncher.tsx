"use client";

import { useState, type FormEvent } from "react";

import { RunStartDocument } from "@/documents/instance";
import type { RunSummaryFragment } from "@/gql/graphql";
import type { GraphQLError } from "@/lib/graphql";
import { useExecute } from "@/lib/useGraphQL";

import { ErrorList, type DisplayError } from "../ErrorList";

export function RunLauncher({
  instanceId,
  disabled,
  onStarted,
}: {
  instanceId: string;
  disabled: boolean;
  onStarted: (run: RunSummaryFragment) => void;
}) {
  const run = useExecute();
  const [errors, setErrors] = useState<Array<DisplayError | GraphQLError>>([]);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get("input") ?? "");
    setBusy(true);
    setErrors([]);
    try {
      // A fresh key per submission: a retried request (not a second click) returns the same run.
      const result = await run(RunStartDocument, {
        input: { instanceId, input: { input_value: text }, idempotencyKey: crypto.randomUUID() },
      });
      const payload = result.data?.runStart;
      const problems = [...(result.errors ?? []), ...(payload?.errors ?? [])];
      if (payload?.run && problems.length === 0) onStarted(payload.run);
      else setErrors(problems.length ? problems : [{ message: "The run did not start." }]);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} aria-busy={busy} aria-label="Start a run">
      <label>
        Message to the agent
        <textarea name="input" rows={3} required maxLength={10_000} />
      </label>
      <button type="submit" disabled={busy || disabled}>
        Start run
      </button>
      {disabled ? <p>This instance is not active.</p> : null}
      <ErrorList errors={errors} />
    </form>
  );
}
