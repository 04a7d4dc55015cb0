import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";

import { Checkout } from "@/components/Checkout";
import { ErrorList } from "@/components/ErrorList";
import { OfferingPageDocument } from "@/documents/offering";
import { offeringView } from "@/lib/catalog";
import { formatCredits, formatMoney } from "@/lib/format";
import { errorsAt } from "@/lib/graphql";
import { serverExecute } from "@/lib/server";

type Params = { params: Promise<{ slug: string }> };

// One request per page view: the metadata and the page share it.
const load = cache(async (slug: string) => serverExecute(OfferingPageDocument, { slug }, { anonymous: true }));

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug } = await params;
  const result = await load(slug);
  return { title: result.data?.offering?.name ?? "Agent" };
}

export default async function OfferingPage({ params }: Params) {
  const { slug } = await params;
  const result = await load(slug);
  const offering = result.data?.offering;
  if (!offering) {
    if (result.errors?.length && errorsAt(result.errors, "offering").length !== result.errors.length) {
      return (
        <>
          <h1>Agent</h1>
          <ErrorList errors={result.errors} />
        </>
      );
    }
    notFound();
  }
  const view = offeringView(offering);
  const saleorMissing = !offering.product && errorsAt(result.errors, "offering", "product").length > 0;
  return (
    <div className="columns">
      <article className="stack">
        <div>
          <h1>{offering.name}</h1>
          {offering.description ? <p className="lede">{offering.description}</p> : null}
          <p>{`Each run uses ${formatCredits(offering.creditsPerRun)}.`}</p>
        </div>
        <section aria-labelledby="plans-heading">
          <h2 id="plans-heading">Plans</h2>
          {view.plans.length === 0 ? <p>This agent has no plans yet.</p> : null}
          <ul className="grid" aria-label="Plans">
            {view.plans.map((plan) => (
              <li key={plan.id} className="card" data-testid={`plan-${plan.code}`}>
                <h3>{plan.name}</h3>
                <ul className="facts">
                  <li>{`${formatCredits(plan.includedCredits)} included`}</li>
                  <li className="price">{plan.price ? formatMoney(plan.price.amount, plan.price.currency) : "Price not available"}</li>
                </ul>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="packs-heading">
          <h2 id="packs-heading">Credit packs</h2>
          {view.creditPacks.length === 0 ? <p>No credit packs for this agent.</p> : null}
          <ul className="grid" aria-label="Credit packs">
            {view.creditPacks.map((pack) => (
              <li key={pack.variantId} className="card">
                <h3>{pack.name}</h3>
                <ul className="facts">
                  <li>{formatCredits(pack.credits)}</li>
                  <li className="price">{pack.price ? formatMoney(pack.price.amount, pack.price.currency) : "Price not available"}</li>
                </ul>
              </li>
            ))}
          </ul>
        </section>
      </article>
      <aside aria-labelledby="checkout-heading" className="card">
        <h2 id="checkout-heading">Buy</h2>
        {view.purchasable.length > 0 ? (
          <Checkout slug={offering.slug} options={view.purchasable} />
        ) : (
          <p>
            {saleorMissing
              ? "Checkout opens once the store's commerce service (Saleor) is connected."
              : "Nothing of this agent is on sale yet."}
          </p>
        )}
      </aside>
    </div>
  );
}
