// Subscriptions over GraphQL over Server-Sent Events (the graphql-sse protocol, "distinct
// connections" mode: one POST with `Accept: text/event-stream` per subscription, events
// `next` and `complete`), which the router serves on its one endpoint. graphql-sse's client
// implements the protocol (event parsing, retries when a connection drops).

import { createClient, NetworkError, type RequestParams } from "graphql-sse";

import { authorizationHeaders, documentParams, type GraphQLResult, type TypedDocument } from "./graphql";

export interface SubscriptionSink<TResult> {
  next(result: GraphQLResult<TResult>): void;
  error(message: string): void;
  complete(): void;
}

export interface SubscribeOptions {
  url: string;
  token?: string | null;
  retryAttempts?: number;
  fetchFn?: typeof fetch;
  documentIds?: boolean;
}

/** Starts the subscription; call the returned function to stop it. */
export function subscribe<TResult, TVariables extends Record<string, unknown>>(
  document: TypedDocument<TResult, TVariables>,
  variables: TVariables,
  options: SubscribeOptions,
  sink: SubscriptionSink<TResult>,
): () => void {
  const client = createClient({
    url: options.url,
    singleConnection: false,
    headers: () => authorizationHeaders(options.token),
    retryAttempts: options.retryAttempts ?? 2,
    fetchFn: refusalsAsEvents(options.fetchFn ?? globalThis.fetch.bind(globalThis)),
  });
  let finished = false;
  const finish = () => {
    finished = true;
    client.dispose();
  };
  // graphql-sse posts these as they are: `documentId` instead of `query` when asked.
  const params = { ...documentParams(document, options.documentIds), variables } as RequestParams;
  const dispose = client.subscribe<TResult>(
    params,
    {
      next: (result) => sink.next(result as GraphQLResult<TResult>),
      error: (error) => {
        finish();
        sink.error(describeSubscriptionError(error));
      },
      complete: () => {
        finish();
        sink.complete();
      },
    },
  );
  return () => {
    if (!finished) dispose();
    finish();
  };
}

/**
 * A request the router refuses before streaming (a 4xx with a GraphQL result: validation,
 * authentication, limits) is final: retrying cannot help. graphql-sse would treat any non-2xx
 * as a dropped connection and retry, so such an answer is turned into the stream it means:
 * one `next` event carrying its errors, then `complete`.
 */
export function refusalsAsEvents(fetchFn: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await fetchFn(input, init);
    if (response.ok || response.status < 400 || response.status >= 500 || response.status === 408 || response.status === 429) {
      return response;
    }
    let result: unknown;
    try {
      result = await response.clone().json();
    } catch {
      return response;
    }
    if (typeof result !== "object" || result === null || !("errors" in result)) return response;
    const stream = `event: next\ndata: ${JSON.stringify(result)}\n\nevent: complete\ndata: \n\n`;
    return new Response(stream, { status: 200, headers: { "content-type": "text/event-stream" } });
  };
}

export function describeSubscriptionError(error: unknown): string {
  if (error instanceof NetworkError) {
    const status = error.response?.status;
    return status ? `Live updates were refused (HTTP ${status}).` : "Live updates lost their connection to the store's API.";
  }
  if (error instanceof Error && error.message) return error.message;
  return "The live updates failed.";
}
