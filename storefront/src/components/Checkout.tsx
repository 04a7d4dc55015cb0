"use client";

import Link from "next/link";
import { useId, useState, type FormEvent } from "react";

import {
  BuyerOrganizationsDocument,
  CheckoutCompleteDocument,
  CheckoutCreateDocument,
  CheckoutPaymentCreateDocument,
} from "@/documents/checkout";
import type { PurchaseOption } from "@/lib/catalog";
import { formatCredits, formatMoney } from "@/lib/format";
import type { GraphQLError } from "@/lib/graphql";
import { useRuntimeConfig } from "@/lib/RuntimeConfig";
import { useExecute, useQuery } from "@/lib/useGraphQL";
import { useSession } from "@/lib/useSession";

import { ErrorList, type DisplayError } from "./ErrorList";

// The order metadata key control-plane reads to know which organization an order is for.
export const ORGANIZATION_METADATA_KEY = "cmp.organization";

const COUNTRIES = [
  ["US", "United States"],
  ["GB", "United Kingdom"],
  ["DE", "Germany"],
  ["FR", "France"],
  ["NL", "Netherlands"],
  ["PL", "Poland"],
  ["ES", "Spain"],
  ["IT", "Italy"],
  ["CA", "Canada"],
  ["AU", "Australia"],
] as const;

interface Placed {
  number: string;
  organization: string | null;
}

export function Checkout({ slug, options }: { slug: string; options: PurchaseOption[] }) {
  const { token, claims } = useSession();
  const { channel, paymentGateway } = useRuntimeConfig();
  const run = useExecute();
  const formId = useId();
  const organizations = useQuery(BuyerOrganizationsDocument, {}, { skip: !token, key: token ?? "" });
  const [errors, setErrors] = useState<Array<DisplayError | GraphQLError>>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [placed, setPlaced] = useState<Placed | null>(null);

  if (!token) {
    return (
      <p>
        <Link href={`/account?next=${encodeURIComponent(`/offerings/${slug}`)}`}>Sign in</Link> to buy this agent.
      </p>
    );
  }
  if (placed) {
    return (
      <div role="status" className="stack">
        <p className="success">Order #{placed.number} is placed and paid.</p>
        <p>
          Your instance and credits appear in <Link href="/account">your account</Link> as soon as the store confirms
          the payment.
        </p>
      </div>
    );
  }

  const orgs = organizations.result?.data?.organizations ?? [];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const variantId = String(form.get("variant") ?? "");
    const quantity = Math.max(1, Number(form.get("quantity") ?? 1) || 1);
    const organization = String(form.get("organization") ?? "");
    const field = (name: string) => String(form.get(name) ?? "").trim();
    setErrors([]);
    setBusy("Creating your checkout…");
    try {
      const created = await run(CheckoutCreateDocument, {
        input: {
          channel,
          email: field("email"),
          lines: [{ variantId, quantity }],
          billingAddress: {
            firstName: field("firstName"),
            lastName: field("lastName"),
            streetAddress1: field("streetAddress1"),
            city: field("city"),
            postalCode: field("postalCode"),
            country: field("country") as (typeof COUNTRIES)[number][0],
          },
          metadata: organization ? [{ key: ORGANIZATION_METADATA_KEY, value: organization }] : [],
        },
      });
      const checkout = created.data?.checkoutCreate?.checkout;
      const createErrors = [...(created.errors ?? []), ...(created.data?.checkoutCreate?.errors ?? [])];
      if (!checkout || createErrors.length) return setErrors(createErrors.length ? createErrors : [{ message: "The checkout could not be created." }]);

      setBusy("Paying…");
      const paid = await run(CheckoutPaymentCreateDocument, {
        id: checkout.id,
        input: { gateway: paymentGateway, token: "charged", amount: checkout.totalPrice.gross.amount },
      });
      const payErrors = [...(paid.errors ?? []), ...(paid.data?.checkoutPaymentCreate?.errors ?? [])];
      if (payErrors.length || !paid.data?.checkoutPaymentCreate?.payment) {
        return setErrors(payErrors.length ? payErrors : [{ message: "The payment was not accepted." }]);
      }

      setBusy("Placing your order…");
      const completed = await run(CheckoutCompleteDocument, { id: checkout.id });
      const order = completed.data?.checkoutComplete?.order;
      const completeErrors = [...(completed.errors ?? []), ...(completed.data?.checkoutComplete?.errors ?? [])];
      if (!order || completeErrors.length) {
        return setErrors(completeErrors.length ? completeErrors : [{ message: "The order could not be placed." }]);
      }
      setPlaced({ number: order.number ?? order.id, organization: organization || null });
    } finally {
      setBusy(null);
    }
  }

  const errorId = `${formId}-errors`;
  return (
    <form onSubmit={submit} aria-describedby={errors.length ? errorId : undefined} aria-busy={busy !== null}>
      <fieldset>
        <legend>What to buy</legend>
        {options.map((option, index) => (
          <label key={option.variantId} className="choice">
            <input type="radio" name="variant" value={option.variantId} defaultChecked={index === 0} required />
            <span>
              {option.kind === "plan" ? `${option.name} plan` : option.name} — {formatCredits(option.credits)}
              {option.price ? `, ${formatMoney(option.price.amount, option.price.currency)}` : ""}
            </span>
          </label>
        ))}
        <label>
          Quantity
          <input name="quantity" type="number" min={1} max={100} defaultValue={1} inputMode="numeric" required />
        </label>
      </fieldset>
      <label>
        For organization
        <select name="organization" defaultValue={orgs[0]?.id ?? ""} key={orgs.map((o) => o.id).join()}>
          {orgs.map((org) => (
            <option key={org.id} value={org.id}>
              {org.name}
            </option>
          ))}
          <option value="">A new organization of mine</option>
        </select>
      </label>
      <fieldset>
        <legend>Billing</legend>
        <label>
          Email
          <input name="email" type="email" autoComplete="email" defaultValue={claims?.email ?? ""} required />
        </label>
        <div className="two-up">
          <label>
            First name
            <input name="firstName" autoComplete="given-name" required />
          </label>
          <label>
            Last name
            <input name="lastName" autoComplete="family-name" required />
          </label>
        </div>
        <label>
          Street address
          <input name="streetAddress1" autoComplete="address-line1" required />
        </label>
        <div className="two-up">
          <label>
            City
            <input name="city" autoComplete="address-level2" required />
          </label>
          <label>
            Postal code
            <input name="postalCode" autoComplete="postal-code" required />
          </label>
        </div>
        <label>
          Country
          <select name="country" autoComplete="country" defaultValue="US">
            {COUNTRIES.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={busy !== null}>
          Pay and place order
        </button>
        <span role="status">{busy}</span>
      </div>
      <ErrorList errors={errors} id={errorId} />
    </form>
  );
}
