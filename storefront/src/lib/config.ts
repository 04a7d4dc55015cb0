// Where the storefront sends GraphQL, read when a request is served (not at build time), so
// one build serves any router. Server-side rendering uses CMP_GRAPHQL_URL (e.g. the router's
// address on an internal network); the browser uses NEXT_PUBLIC_CMP_GRAPHQL_URL, handed to it
// by the root layout. Both default to the router of `./run dev`.

export const DEFAULT_GRAPHQL_URL = "http://127.0.0.1:4000/graphql";
export const DEFAULT_CHANNEL = "default-channel";
export const DEFAULT_PAYMENT_GATEWAY = "mirumee.payments.dummy";

/** What client components need to know; serializable, passed from the root layout. */
export interface RuntimeConfig {
  graphqlUrl: string;
  channel: string;
  paymentGateway: string;
  devTokens: boolean;
  documentIds: boolean;
}

// A computed key: Next.js inlines `process.env.NEXT_PUBLIC_…` literals at build time.
function env(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

export function serverGraphqlUrl(): string {
  return env("CMP_GRAPHQL_URL") ?? env("NEXT_PUBLIC_CMP_GRAPHQL_URL") ?? DEFAULT_GRAPHQL_URL;
}

/** Development tokens (`cmp token`) are offered by `next dev`, or when explicitly allowed. */
export function devTokensEnabled(): boolean {
  return env("NODE_ENV") === "development" || env("CMP_STOREFRONT_DEV_TOKENS") === "1";
}

/**
 * Operations named by id (`documentId`) rather than sent as text: for a router that serves only
 * trusted documents (ROUTER_TRUSTED_DOCUMENTS listing src/gql/persisted-documents.json).
 */
export function documentIdsEnabled(): boolean {
  return env("CMP_STOREFRONT_DOCUMENT_IDS") === "1";
}

export function runtimeConfig(): RuntimeConfig {
  return {
    graphqlUrl: env("NEXT_PUBLIC_CMP_GRAPHQL_URL") ?? DEFAULT_GRAPHQL_URL,
    channel: env("CMP_SALEOR_CHANNEL") ?? DEFAULT_CHANNEL,
    paymentGateway: env("CMP_PAYMENT_GATEWAY") ?? DEFAULT_PAYMENT_GATEWAY,
    devTokens: devTokensEnabled(),
    documentIds: documentIdsEnabled(),
  };
}
