import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { Checkout } from "@/components/Checkout";
import type { PurchaseOption } from "@/lib/catalog";
import { RuntimeConfigProvider } from "@/lib/RuntimeConfig";

const CONFIG = { graphqlUrl: "http://router.test/graphql", channel: "default-channel", paymentGateway: "mirumee.payments.dummy", devTokens: false, documentIds: false };
const OPTIONS: PurchaseOption[] = [
  { variantId: "V-basic", kind: "plan", name: "Basic", credits: 100, price: { amount: 9, currency: "USD" } },
  { variantId: "V-pack", kind: "credits", name: "500 credits", credits: 500, price: { amount: 5, currency: "USD" } },
];

function signIn() {
  const payload = btoa(JSON.stringify({ email: "ada@example.com", exp: Math.floor(Date.now() / 1000) + 3600 }));
  document.cookie = `cmp_token=h.${payload}.s; Path=/`;
}

type Answer = (variables: Record<string, unknown>) => unknown;

function router(answers: Record<string, Answer>) {
  const sent: Array<{ operation: string; variables: Record<string, unknown>; authorization: string | null }> = [];
  vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as { operationName: string; variables: Record<string, unknown> };
    sent.push({ operation: body.operationName, variables: body.variables, authorization: new Headers(init.headers).get("authorization") });
    const answer = answers[body.operationName];
    return new Response(JSON.stringify(answer ? answer(body.variables) : { errors: [{ message: "unexpected" }] }), {
      headers: { "content-type": "application/json" },
    });
  });
  return sent;
}

function fillBilling() {
  for (const [label, value] of [
    ["First name", "Ada"],
    ["Last name", "Lovelace"],
    ["Street address", "1 Analytical Way"],
    ["City", "London"],
    ["Postal code", "N1 9GU"],
  ] as const) {
    fireEvent.change(screen.getByLabelText(label), { target: { value } });
  }
  fireEvent.change(screen.getByLabelText("Country"), { target: { value: "GB" } });
}

function show() {
  render(
    <RuntimeConfigProvider value={CONFIG}>
      <Checkout slug="scribe" options={OPTIONS} />
    </RuntimeConfigProvider>,
  );
}

const organizations = () => ({ data: { organizations: [{ id: "org-1", name: "Ada Labs" }] } });
const noErrors = { errors: [] };

beforeEach(signIn);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  document.cookie = "cmp_token=; Path=/; Max-Age=0";
});

describe("Checkout", () => {
  it("asks a signed-out shopper to sign in, coming back here", () => {
    document.cookie = "cmp_token=; Path=/; Max-Age=0";
    show();
    expect(screen.getByRole("link", { name: "Sign in" }).getAttribute("href")).toBe("/account?next=%2Fofferings%2Fscribe");
  });

  it("creates the checkout for the chosen organization, pays, completes, and says so", async () => {
    const sent = router({
      BuyerOrganizations: organizations,
      CheckoutCreate: () => ({ data: { checkoutCreate: { checkout: { id: "C1", email: "ada@example.com", isShippingRequired: false, totalPrice: { gross: { amount: 10, currency: "USD" } } }, ...noErrors } } }),
      CheckoutPaymentCreate: () => ({ data: { checkoutPaymentCreate: { payment: { id: "P1", chargeStatus: "NOT_CHARGED" }, ...noErrors } } }),
      CheckoutComplete: () => ({ data: { checkoutComplete: { order: { id: "O1", number: "42", isPaid: true, status: "UNFULFILLED" }, ...noErrors } } }),
    });
    show();
    await screen.findByRole("option", { name: "Ada Labs" });
    fireEvent.click(screen.getByLabelText(/500 credits — 500 credits/));
    fireEvent.change(screen.getByLabelText("Quantity"), { target: { value: "2" } });
    fillBilling();
    fireEvent.click(screen.getByRole("button", { name: "Pay and place order" }));
    await screen.findByText("Order #42 is placed and paid.");
    expect(sent.map((s) => s.operation)).toEqual(["BuyerOrganizations", "CheckoutCreate", "CheckoutPaymentCreate", "CheckoutComplete"]);
    expect(sent.every((s) => s.authorization?.startsWith("Bearer h."))).toBe(true);
    expect(sent[1]!.variables).toEqual({
      input: {
        channel: "default-channel",
        email: "ada@example.com",
        lines: [{ variantId: "V-pack", quantity: 2 }],
        billingAddress: { firstName: "Ada", lastName: "Lovelace", streetAddress1: "1 Analytical Way", city: "London", postalCode: "N1 9GU", country: "GB" },
        metadata: [{ key: "cmp.organization", value: "org-1" }],
      },
    });
    expect(sent[2]!.variables).toEqual({ id: "C1", input: { gateway: "mirumee.payments.dummy", token: "charged", amount: 10 } });
    expect(sent[3]!.variables).toEqual({ id: "C1" });
  });

  it("shows Saleor's errors next to the button and goes no further", async () => {
    const sent = router({
      BuyerOrganizations: organizations,
      CheckoutCreate: () => ({
        data: { checkoutCreate: { checkout: null, errors: [{ field: "lines", code: "INSUFFICIENT_STOCK", message: "Insufficient quantity in stock." }] } },
      }),
    });
    show();
    await screen.findByRole("option", { name: "Ada Labs" });
    fillBilling();
    fireEvent.click(screen.getByRole("button", { name: "Pay and place order" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Insufficient quantity in stock.");
    expect(screen.getByRole("button", { name: "Pay and place order" }).closest("form")?.contains(alert)).toBe(true);
    expect(sent.map((s) => s.operation)).toEqual(["BuyerOrganizations", "CheckoutCreate"]);
  });

  it("buys for a new organization of the shopper's when asked: no metadata", async () => {
    const sent = router({
      BuyerOrganizations: organizations,
      CheckoutCreate: () => ({ errors: [{ message: "Cannot query field \"checkoutCreate\" on type \"Mutation\".", extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }] }),
    });
    show();
    await screen.findByRole("option", { name: "Ada Labs" });
    fireEvent.change(screen.getByLabelText("For organization"), { target: { value: "" } });
    fillBilling();
    fireEvent.click(screen.getByRole("button", { name: "Pay and place order" }));
    expect((await screen.findByRole("alert")).textContent).toContain('Cannot query field "checkoutCreate"');
    expect((sent[1]!.variables.input as { metadata: unknown }).metadata).toEqual([]);
  });
});
