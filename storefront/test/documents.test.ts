import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

import { afterEach, describe, expect, it, vi } from "vitest";

import { AccountOrganizationsDocument } from "@/documents/account";
import { RunUpdatedDocument } from "@/documents/instance";
import * as generated from "@/gql/graphql";
import { documentIdOf, execute } from "@/lib/graphql";
import { subscribe } from "@/lib/subscribe";

// The manifest the router reads (ROUTER_TRUSTED_DOCUMENTS): id -> normalized document text.
const MANIFEST = JSON.parse(
  readFileSync(path.resolve(__dirname, "../src/gql/persisted-documents.json"), "utf8"),
) as Record<string, string>;

function sentBodies(): Array<Record<string, unknown>> {
  const bodies: Array<Record<string, unknown>> = [];
  vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
    bodies.push(JSON.parse(String(init.body)) as Record<string, unknown>);
    return new Response(JSON.stringify({ data: { organizations: [] } }), {
      headers: { "content-type": "application/json" },
    });
  });
  return bodies;
}

afterEach(() => vi.unstubAllGlobals());

describe("trusted documents (codegen's persisted documents)", () => {
  it("lists every operation the storefront sends, each under the SHA-256 of its listed text", () => {
    const operations = Object.entries(generated).filter(
      ([name, value]) => name.endsWith("Document") && typeof value === "object" && value !== null,
    );
    expect(operations.length).toBeGreaterThan(10);
    for (const [name, document] of operations) {
      const id = documentIdOf(document as { __meta__?: Record<string, unknown> });
      expect(id, name).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(MANIFEST[id!], name).toBeDefined();
    }
    for (const [id, text] of Object.entries(MANIFEST)) {
      expect(id).toBe(`sha256:${createHash("sha256").update(text).digest("hex")}`);
    }
    expect(Object.keys(MANIFEST)).toHaveLength(operations.length);
  });

  it("sends the document's id instead of its text when asked, its text otherwise", async () => {
    const bodies = sentBodies();
    await execute(AccountOrganizationsDocument, {}, { url: "http://router.test/graphql", documentIds: true });
    await execute(AccountOrganizationsDocument, {}, { url: "http://router.test/graphql" });
    expect(bodies[0]).toEqual({
      documentId: documentIdOf(AccountOrganizationsDocument),
      variables: {},
      operationName: "AccountOrganizations",
    });
    expect(bodies[1]).not.toHaveProperty("documentId");
    expect(String(bodies[1]!.query)).toContain("query AccountOrganizations");
  });

  it("names a subscription by its id too", async () => {
    const seen: Array<Record<string, unknown>> = [];
    const fetchFn: typeof fetch = async (_url, init) => {
      seen.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
      return new Response("event: complete\ndata: \n\n", { headers: { "content-type": "text/event-stream" } });
    };
    await new Promise<void>((resolve) => {
      subscribe(
        RunUpdatedDocument,
        { id: "run-1" },
        { url: "http://router.test/graphql", fetchFn, documentIds: true },
        { next: () => undefined, error: () => resolve(), complete: () => resolve() },
      );
    });
    expect(seen).toEqual([{ documentId: documentIdOf(RunUpdatedDocument), variables: { id: "run-1" } }]);
  });
});
