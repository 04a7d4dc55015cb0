import { describe, expect, it } from "vitest";

import type { CatalogOfferingsQuery, CatalogProductsQuery, OfferingPageQuery } from "@/gql/graphql";
import { catalogFromOfferings, catalogFromProducts, offeringView } from "@/lib/catalog";

const usd = (amount: number) => ({ amount, currency: "USD" });

function product(name: string, offering: boolean): CatalogProductsQuery["products"] extends infer C
  ? NonNullable<C>["edges"][number]
  : never {
  return {
    node: {
      id: `P-${name}`,
      name,
      slug: name.toLowerCase(),
      thumbnail: null,
      pricing: { priceRange: { start: { gross: usd(9) } } },
      offering: offering
        ? { id: `O-${name}`, slug: `${name.toLowerCase()}-agent`, name: `${name} agent`, description: null, creditsPerRun: 5, plans: [] }
        : null,
    },
  };
}

describe("catalogFromProducts", () => {
  it("lists Saleor's products that sell an offering, by the offering's slug, with the lowest price", () => {
    const catalog = catalogFromProducts({
      data: {
        products: {
          pageInfo: { hasNextPage: true, endCursor: "c2" },
          edges: [product("Scribe", true), product("T-shirt", false)],
        },
      },
    });
    expect(catalog?.source).toBe("saleor");
    expect(catalog?.items.map((item) => [item.slug, item.name, item.priceFrom])).toEqual([
      ["scribe-agent", "Scribe agent", usd(9)],
    ]);
    expect(catalog?.nextCursor).toBe("c2");
  });

  it("is null when Saleor could not answer (the page then falls back to offerings)", () => {
    const refused = {
      data: { products: null },
      errors: [{ message: "Saleor is not configured", path: ["products"], extensions: { code: "SUBGRAPH_NOT_CONFIGURED" } }],
    };
    expect(catalogFromProducts(refused)).toBeNull();
    expect(catalogFromProducts({ errors: [{ message: "Cannot query field" }] })).toBeNull();
  });
});

describe("catalogFromOfferings", () => {
  const offerings: CatalogOfferingsQuery = {
    offerings: {
      totalCount: 1,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: [{ node: { id: "O1", slug: "scribe", name: "Scribe", description: "Writes.", creditsPerRun: 3, plans: [] } }],
    },
  };

  it("lists our offerings without prices, saying why when Saleor was the reason", () => {
    const catalog = catalogFromOfferings({ data: offerings }, [{ message: "no Saleor" }]);
    expect(catalog.items.map((item) => [item.slug, item.priceFrom])).toEqual([["scribe", null]]);
    expect(catalog.notice).toMatch(/Saleor/);
    expect(catalogFromOfferings({ data: offerings }).notice).toBeNull();
  });

  it("keeps the router's errors when there is no catalog at all", () => {
    const catalog = catalogFromOfferings({ errors: [{ message: "The store's API cannot be reached." }] });
    expect(catalog.items).toEqual([]);
    expect(catalog.errors.map((e) => e.message)).toEqual(["The store's API cannot be reached."]);
  });
});

describe("offeringView", () => {
  const offering: NonNullable<OfferingPageQuery["offering"]> = {
    id: "O1",
    slug: "scribe",
    name: "Scribe",
    description: null,
    creditsPerRun: 5,
    plans: [
      { id: "p1", code: "basic", name: "Basic", includedCredits: 100, variant: { id: "V1", name: "Basic", sku: "scribe-basic", pricing: { price: { gross: usd(9) } } } },
      { id: "p2", code: "team", name: "Team", includedCredits: 900, variant: null },
    ],
    product: {
      id: "P1",
      name: "Scribe",
      thumbnail: null,
      variants: [
        { id: "V1", name: "Basic", sku: "scribe-basic", creditPack: null, pricing: { price: { gross: usd(9) } } },
        { id: "V3", name: "", sku: "scribe-credits-500", creditPack: 500, pricing: { price: { gross: usd(5) } } },
      ],
    },
  };

  it("prices each plan by its variant and finds the product's credit packs", () => {
    const view = offeringView(offering);
    expect(view.plans.map((p) => [p.code, p.includedCredits, p.price, p.variantId])).toEqual([
      ["basic", 100, usd(9), "V1"],
      ["team", 900, null, null],
    ]);
    expect(view.creditPacks).toEqual([{ variantId: "V3", kind: "credits", name: "500 credits", credits: 500, price: usd(5) }]);
  });

  it("offers for sale only what a Saleor variant sells", () => {
    expect(offeringView(offering).purchasable.map((o) => o.variantId)).toEqual(["V1", "V3"]);
    expect(offeringView({ ...offering, product: null, plans: [offering.plans[1]!] }).purchasable).toEqual([]);
  });
});
