// Server-side rendering's GraphQL: CMP_GRAPHQL_URL, with the shopper's token from the cookie.
import "server-only";

import { cookies } from "next/headers";

import { CatalogOfferingsDocument, CatalogProductsDocument } from "@/documents/catalog";

import { type Catalog, catalogFromOfferings, catalogFromProducts } from "./catalog";
import { documentIdsEnabled, runtimeConfig, serverGraphqlUrl } from "./config";
import { execute, type GraphQLResult, type TypedDocument } from "./graphql";
import { TOKEN_COOKIE, isExpired } from "./session";

export const CATALOG_PAGE_SIZE = 24;

async function sessionToken(): Promise<string | null> {
  const token = (await cookies()).get(TOKEN_COOKIE)?.value;
  return token && !isExpired(token) ? token : null;
}

export async function serverExecute<TResult, TVariables>(
  document: TypedDocument<TResult, TVariables>,
  variables: TVariables,
  options: { anonymous?: boolean } = {},
): Promise<GraphQLResult<TResult>> {
  const token = options.anonymous ? null : await sessionToken();
  return execute(document, variables, {
    url: serverGraphqlUrl(),
    token,
    cache: "no-store",
    documentIds: documentIdsEnabled(),
  });
}

/** Saleor's products with their offerings; our offerings alone when Saleor cannot answer. */
export async function loadCatalog(after: string | null): Promise<Catalog> {
  const { channel } = runtimeConfig();
  const products = await serverExecute(
    CatalogProductsDocument,
    { channel, first: CATALOG_PAGE_SIZE, after },
    { anonymous: true },
  );
  const fromSaleor = catalogFromProducts(products);
  if (fromSaleor) return fromSaleor;
  const offerings = await serverExecute(
    CatalogOfferingsDocument,
    { first: CATALOG_PAGE_SIZE, after },
    { anonymous: true },
  );
  return catalogFromOfferings(offerings, products.errors ?? []);
}
