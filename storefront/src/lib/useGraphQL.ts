"use client";

import { useCallback, useEffect, useState } from "react";

import { execute, type GraphQLResult, type TypedDocument } from "./graphql";
import { useRuntimeConfig } from "./RuntimeConfig";
import { useSession } from "./useSession";

/** The browser's GraphQL: NEXT_PUBLIC_CMP_GRAPHQL_URL with the session's token. */
export function useExecute() {
  const { graphqlUrl, documentIds } = useRuntimeConfig();
  const { token } = useSession();
  return useCallback(
    <TResult, TVariables>(document: TypedDocument<TResult, TVariables>, variables: TVariables, signal?: AbortSignal) =>
      execute(document, variables, { url: graphqlUrl, token, signal, documentIds }),
    [graphqlUrl, token, documentIds],
  );
}

export interface QueryState<TResult> {
  result: GraphQLResult<TResult> | null;
  loading: boolean;
  reload(): void;
}

/** Runs a query when the component mounts and whenever `key` (or the session) changes. */
export function useQuery<TResult, TVariables>(
  document: TypedDocument<TResult, TVariables>,
  variables: TVariables,
  options: { key?: string; skip?: boolean } = {},
): QueryState<TResult> {
  const run = useExecute();
  const [result, setResult] = useState<GraphQLResult<TResult> | null>(null);
  const [loading, setLoading] = useState(!options.skip);
  const [generation, setGeneration] = useState(0);
  const variablesKey = JSON.stringify(variables);
  useEffect(() => {
    if (options.skip) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    run(document, JSON.parse(variablesKey) as TVariables, controller.signal)
      .then((next) => {
        setResult(next);
        setLoading(false);
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) throw error;
      });
    return () => controller.abort();
  }, [run, document, variablesKey, options.key, options.skip, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { result, loading, reload };
}
