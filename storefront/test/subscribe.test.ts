import { describe, expect, it } from "vitest";

import { RunUpdatedDocument } from "@/documents/instance";
import type { GraphQLResult } from "@/lib/graphql";
import { subscribe } from "@/lib/subscribe";

interface Seen {
  url: string;
  init: RequestInit;
}

function stream(text: string, status = 200, type = "text/event-stream"): Response {
  return new Response(text, { status, headers: { "content-type": type } });
}

function run<T>(fetchFn: typeof fetch, token: string | null): Promise<{ results: GraphQLResult<T>[]; error: string | null }> {
  return new Promise((resolve) => {
    const results: GraphQLResult<T>[] = [];
    subscribe(
      RunUpdatedDocument,
      { id: "run-1" },
      { url: "http://router.test/graphql", token, fetchFn, retryAttempts: 2 },
      {
        next: (result) => results.push(result as GraphQLResult<T>),
        error: (message) => resolve({ results, error: message }),
        complete: () => resolve({ results, error: null }),
      },
    );
  });
}

describe("subscribe (GraphQL over SSE, distinct connections)", () => {
  it("POSTs the operation asking for an event stream, and hands on each `next` until `complete`", async () => {
    const seen: Seen[] = [];
    const fetchFn: typeof fetch = async (url, init) => {
      seen.push({ url: String(url), init: init ?? {} });
      return stream(
        'event: next\ndata: {"data":{"runUpdated":{"id":"run-1","status":"RUNNING"}}}\n\n' +
          ": keep-alive\n\n" +
          'event: next\ndata: {"data":{"runUpdated":{"id":"run-1","status":"SUCCEEDED"}}}\n\n' +
          "event: complete\ndata: \n\n",
      );
    };
    const { results, error } = await run<{ runUpdated: { status: string } }>(fetchFn, "tok");
    expect(error).toBeNull();
    expect(results.map((r) => r.data?.runUpdated.status)).toEqual(["RUNNING", "SUCCEEDED"]);
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request!.url).toBe("http://router.test/graphql");
    expect(request!.init.method).toBe("POST");
    const headers = new Headers(request!.init.headers);
    expect(headers.get("accept")).toBe("text/event-stream");
    expect(headers.get("authorization")).toBe("Bearer tok");
    const body = JSON.parse(String(request!.init.body)) as { query: string; variables: unknown };
    expect(body.query).toContain("subscription RunUpdated");
    expect(body.variables).toEqual({ id: "run-1" });
  });

  it("shows a refusal (4xx with GraphQL errors) as one result, without retrying", async () => {
    let calls = 0;
    const fetchFn: typeof fetch = async () => {
      calls += 1;
      return stream(JSON.stringify({ errors: [{ message: "Run not found", extensions: { code: "NOT_FOUND" } }] }), 400, "application/json");
    };
    const { results, error } = await run(fetchFn, null);
    expect(error).toBeNull();
    expect(results).toEqual([{ errors: [{ message: "Run not found", extensions: { code: "NOT_FOUND" } }] }]);
    expect(calls).toBe(1);
  });

  it("retries a dropped connection, then reports it", async () => {
    let calls = 0;
    const fetchFn: typeof fetch = async () => {
      calls += 1;
      throw new TypeError("Failed to fetch");
    };
    const subscribed = new Promise<{ error: string | null }>((resolve) => {
      subscribe(
        RunUpdatedDocument,
        { id: "run-1" },
        { url: "http://router.test/graphql", fetchFn, retryAttempts: 1 },
        { next: () => undefined, error: (message) => resolve({ error: message }), complete: () => resolve({ error: null }) },
      );
    });
    const { error } = await subscribed;
    expect(error).toMatch(/lost their connection/);
    expect(calls).toBe(2);
  }, 15_000);
});
