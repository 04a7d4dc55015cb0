import Link from "next/link";

import { ErrorList } from "@/components/ErrorList";
import { formatCredits, formatMoney } from "@/lib/format";
import { loadCatalog } from "@/lib/server";

export default async function CatalogPage({ searchParams }: { searchParams: Promise<{ after?: string | string[] }> }) {
  const { after } = await searchParams;
  const catalog = await loadCatalog(typeof after === "string" ? after : null);
  return (
    <>
      <h1>Agents</h1>
      <p className="lede">Pick an agent, choose a plan, and run it from your account.</p>
      {catalog.notice ? <p className="note">{catalog.notice}</p> : null}
      {catalog.items.length === 0 && catalog.errors.length > 0 ? <ErrorList errors={catalog.errors} /> : null}
      {catalog.items.length === 0 && catalog.errors.length === 0 ? <p>No agents are on sale yet.</p> : null}
      <ul className="grid" aria-label="Agents for sale" data-source={catalog.source}>
        {catalog.items.map((item) => (
          <li key={item.slug} className="card">
            {item.image ? <img src={item.image.url} alt={item.image.alt ?? ""} loading="lazy" /> : null}
            <h2>
              <Link href={`/offerings/${encodeURIComponent(item.slug)}`}>{item.name}</Link>
            </h2>
            {item.description ? <p>{item.description}</p> : null}
            <ul className="facts">
              <li>{`${formatCredits(item.creditsPerRun)} per run`}</li>
              <li>
                {item.plans.length} {item.plans.length === 1 ? "plan" : "plans"}
              </li>
              {item.priceFrom ? (
                <li className="price">{`from ${formatMoney(item.priceFrom.amount, item.priceFrom.currency)}`}</li>
              ) : null}
            </ul>
          </li>
        ))}
      </ul>
      {catalog.nextCursor ? (
        <nav className="pager" aria-label="Catalog pages">
          <Link href={`/?after=${encodeURIComponent(catalog.nextCursor)}`}>Next page</Link>
        </nav>
      ) : null}
    </>
  );
}
