// A small GraphQL-over-HTTP client for the router: POST application/json, typed by the
// documents that graphql-codegen generates. Expected failures come back as `errors` (the
// router's, or one made here for a network or protocol failure) and never throw, so every
// caller can show them next to the action that caused them.

export interface GraphQLError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphQLResult<TData> {
  data?: TData | null;
  errors?: GraphQLError[];
}

/** What graphql-codegen's client preset produces in string mode: the document's text, typed,
 * with its id in the storefront's persisted documents (`__meta__.hash`, `sha256:<hex>`). */
export interface TypedDocument<TResult, TVariables> {
  toString(): string;
  __apiType?: (variables: TVariables) => TResult;
  __meta__?: Record<string, unknown>;
}

export interface RequestOptions {
  url: string;
  token?: string | null;
  signal?: AbortSignal;
  // Next.js's fetch cache: SSR of live data must never be cached.
  cache?: RequestCache;
  // Name the document by its id (`documentId`) instead of sending its text.
  documentIds?: boolean;
}

export const NETWORK_ERROR = "NETWORK_ERROR";
export const BAD_RESPONSE = "BAD_RESPONSE";

function operationName(query: string): string | undefined {
  return /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(query)?.[1];
}

/** The document's id in src/gql/persisted-documents.json, when codegen gave it one. */
export function documentIdOf(document: { __meta__?: Record<string, unknown> }): string | undefined {
  const hash = document.__meta__?.hash;
  return typeof hash === "string" ? hash : undefined;
}

/**
 * How a request names its document: by id (`documentId`, GraphQL over HTTP's persisted
 * documents, which a router enforcing trusted documents serves) when asked and known, else by
 * its text. The id names the normalized text the manifest lists, not this source text.
 */
export function documentParams<TResult, TVariables>(
  document: TypedDocument<TResult, TVariables>,
  documentIds: boolean | undefined,
): { documentId: string } | { query: string } {
  const id = documentIds ? documentIdOf(document) : undefined;
  return id ? { documentId: id } : { query: document.toString() };
}

export function authorizationHeaders(token?: string | null): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

export async function execute<TResult, TVariables>(
  document: TypedDocument<TResult, TVariables>,
  variables: TVariables,
  options: RequestOptions,
): Promise<GraphQLResult<TResult>> {
  const query = document.toString();
  let response: Response;
  try {
    response = await fetch(options.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/graphql-response+json, application/json",
        ...authorizationHeaders(options.token),
      },
      body: JSON.stringify({
        ...documentParams(document, options.documentIds),
        variables,
        operationName: operationName(query),
      }),
      signal: options.signal,
      cache: options.cache ?? "no-store",
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    return failure(NETWORK_ERROR, "The store's API cannot be reached. Try again in a moment.");
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return failure(BAD_RESPONSE, `The store's API answered ${response.status} without a GraphQL result.`);
  }
  if (!isResult(body)) {
    return failure(BAD_RESPONSE, `The store's API answered ${response.status} without a GraphQL result.`);
  }
  return body as GraphQLResult<TResult>;
}

function isResult(body: unknown): body is GraphQLResult<unknown> {
  return typeof body === "object" && body !== null && ("data" in body || "errors" in body);
}

function failure<T>(code: string, message: string): GraphQLResult<T> {
  return { errors: [{ message, extensions: { code } }] };
}

/** Errors whose path starts with `prefix` (top-level errors about one field of the answer). */
export function errorsAt(errors: GraphQLError[] | undefined, ...prefix: Array<string | number>): GraphQLError[] {
  return (errors ?? []).filter((error) => prefix.every((part, i) => error.path?.[i] === part));
}

/** One sentence for the person using the store. */
export function describeErrors(errors: ReadonlyArray<{ message: string | null }> | undefined): string | null {
  const messages = (errors ?? []).map((e) => e.message ?? "Something went wrong.").filter(Boolean);
  return messages.length ? [...new Set(messages)].join(" ") : null;
}
