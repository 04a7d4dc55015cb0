// Turns the router's answers into what the catalog and offering pages show. Pure functions:
// the pages fetch, these decide (and are unit-tested).

import type { CatalogOfferingsQuery, CatalogProductsQuery, OfferingPageQuery } from "@/gql/graphql";

import type { GraphQLError, GraphQLResult } from "./graphql";

export interface Price {
  amount: number;
  currency: string;
}

export interface CatalogItem {
  slug: string;
  name: string;
  description: string | null;
  creditsPerRun: number;
  plans: Array<{ id: string; name: string; includedCredits: number }>;
  priceFrom: Price | null;
  image: { url: string; alt: string | null } | null;
}

export interface Catalog {
  source: "saleor" | "offerings";
  items: CatalogItem[];
  nextCursor: string | null;
  // Why the catalog is not Saleor's (shown as a note), or why there is none at all.
  notice: string | null;
  errors: GraphQLError[];
}

/** Saleor's products that sell an offering; null when Saleor could not answer. */
export function catalogFromProducts(result: GraphQLResult<CatalogProductsQuery>): Catalog | null {
  const products = result.data?.products;
  if (!products) return null;
  const items: CatalogItem[] = [];
  for (const { node } of products.edges) {
    if (!node.offering) continue;
    items.push({
      slug: node.offering.slug,
      name: node.offering.name,
      description: node.offering.description ?? null,
      creditsPerRun: node.offering.creditsPerRun,
      plans: node.offering.plans,
      priceFrom: node.pricing?.priceRange?.start?.gross ?? null,
      image: node.thumbnail ? { url: node.thumbnail.url, alt: node.thumbnail.alt ?? null } : null,
    });
  }
  return {
    source: "saleor",
    items,
    nextCursor: products.pageInfo.hasNextPage ? (products.pageInfo.endCursor ?? null) : null,
    notice: null,
    errors: result.errors ?? [],
  };
}

export function catalogFromOfferings(
  result: GraphQLResult<CatalogOfferingsQuery>,
  saleorErrors: GraphQLError[] = [],
): Catalog {
  const offerings = result.data?.offerings;
  const saleorMissing = saleorErrors.length > 0;
  if (!offerings) {
    return {
      source: "offerings",
      items: [],
      nextCursor: null,
      notice: "The catalog cannot be loaded right now.",
      errors: result.errors ?? [],
    };
  }
  return {
    source: "offerings",
    items: offerings.edges.map(({ node }) => ({
      slug: node.slug,
      name: node.name,
      description: node.description ?? null,
      creditsPerRun: node.creditsPerRun,
      plans: node.plans,
      priceFrom: null,
      image: null,
    })),
    nextCursor: offerings.pageInfo.hasNextPage ? (offerings.pageInfo.endCursor ?? null) : null,
    notice: saleorMissing ? "Prices and checkout appear once the store's commerce service (Saleor) is connected." : null,
    errors: result.errors ?? [],
  };
}

type Offering = NonNullable<OfferingPageQuery["offering"]>;

export interface PurchaseOption {
  variantId: string;
  kind: "plan" | "credits";
  name: string;
  credits: number; // included with the plan, or per pack
  price: Price | null;
}

export interface OfferingView {
  plans: Array<{ id: string; code: string; name: string; includedCredits: number; price: Price | null; variantId: string | null }>;
  creditPacks: PurchaseOption[];
  purchasable: PurchaseOption[];
}

/** Plans (with the price of the variant that sells each) and the product's credit packs. */
export function offeringView(offering: Offering): OfferingView {
  const plans = offering.plans.map((plan) => ({
    id: plan.id,
    code: plan.code,
    name: plan.name,
    includedCredits: plan.includedCredits,
    price: plan.variant?.pricing?.price?.gross ?? null,
    variantId: plan.variant?.id ?? null,
  }));
  const creditPacks: PurchaseOption[] = (offering.product?.variants ?? []).flatMap((variant) =>
    variant.creditPack
      ? [
          {
            variantId: variant.id,
            kind: "credits" as const,
            name: variant.name || `${variant.creditPack} credits`,
            credits: variant.creditPack,
            price: variant.pricing?.price?.gross ?? null,
          },
        ]
      : [],
  );
  const purchasable: PurchaseOption[] = [
    ...plans.flatMap((plan) =>
      plan.variantId
        ? [{ variantId: plan.variantId, kind: "plan" as const, name: plan.name, credits: plan.includedCredits, price: plan.price }]
        : [],
    ),
    ...creditPacks,
  ];
  return { plans, creditPacks, purchasable };
}
