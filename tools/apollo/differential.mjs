// Apollo's composition, query planner and gateway in ONE long-lived process, for the
// differential suite (tests/differential): many subgraph sets and many operations per process,
// so Node starts once per test session instead of once per operation.
//
// Protocol: one JSON object per line on stdin, one answer per line on stdout, matched by "id".
// Requests are handled concurrently; answers may come back in any order.
//   {"id", "cmd": "compose", "subgraphs": [{"name", "url", "sdl"}]}
//       -> {"id", "supergraph", "apiSchema"} | {"id", "errors": [{"code", "message"}]}
//   {"id", "cmd": "load", "gateway": KEY, "supergraph": SDL}   an @apollo/gateway on @apollo/server
//       -> {"id", "ok": true} | {"id", "error"}                 (subgraph URLs come from the SDL)
//   {"id", "cmd": "execute", "gateway": KEY, "query", "variables", "operationName"}
//       -> {"id", "body": <the GraphQL response>}
//   {"id", "cmd": "plan", "supergraph": SDL, "query", "operationName"}
//       -> {"id", "pretty"} | {"id", "error"}                    Apollo's plan, for reproductions
//   {"id", "cmd": "unload", "gateway": KEY} -> {"id", "ok": true}
import { createInterface } from "node:readline";

import { composeServices } from "@apollo/composition";
import { Supergraph, operationFromDocument } from "@apollo/federation-internals";
import { ApolloGateway } from "@apollo/gateway";
import { QueryPlanner, prettyFormatQueryPlan } from "@apollo/query-planner";
import { ApolloServer } from "@apollo/server";
import { parse, printSchema } from "graphql";

// @apollo/gateway otherwise reports usage metrics to Apollo (and probes cloud metadata
// endpoints to describe the host): a test tool sends nothing anywhere.
process.env.APOLLO_TELEMETRY_DISABLED = "true";

const gateways = new Map();

function compose(request) {
  const services = request.subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) }));
  const result = composeServices(services);
  if (result.errors) {
    return { errors: result.errors.map((e) => ({ code: e.extensions?.code ?? null, message: e.message })) };
  }
  const api = Supergraph.build(result.supergraphSdl).apiSchema().toGraphQLJSSchema();
  return { supergraph: result.supergraphSdl, apiSchema: printSchema(api) };
}

async function load(request) {
  const gateway = new ApolloGateway({ supergraphSdl: request.supergraph });
  // As a production gateway: no stack traces in errors; introspection on so that operations
  // selecting __typename/__schema behave as for any client.
  const server = new ApolloServer({
    gateway,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false, // many servers in one process; it ends with its stdin
  });
  await server.start();
  gateways.set(request.gateway, server);
  return { ok: true };
}

async function execute(request) {
  const server = gateways.get(request.gateway);
  if (!server) return { error: `no gateway ${request.gateway}` };
  const response = await server.executeOperation({
    query: request.query,
    variables: request.variables ?? {},
    operationName: request.operationName ?? undefined,
  });
  if (response.body.kind !== "single") return { error: "incremental delivery is not compared" };
  return { body: response.body.singleResult, status: response.http.status ?? 200 };
}

function plan(request) {
  const supergraph = Supergraph.build(request.supergraph);
  const operation = operationFromDocument(supergraph.apiSchema(), parse(request.query), {
    operationName: request.operationName ?? undefined,
  });
  return { pretty: prettyFormatQueryPlan(new QueryPlanner(supergraph).buildQueryPlan(operation)) };
}

async function unload(request) {
  const server = gateways.get(request.gateway);
  gateways.delete(request.gateway);
  if (server) await server.stop();
  return { ok: true };
}

const commands = { compose, load, execute, plan, unload };

async function answer(line) {
  let request;
  try {
    request = JSON.parse(line);
  } catch (e) {
    return { id: null, error: `bad request line: ${e.message}` };
  }
  const command = commands[request.cmd];
  if (!command) return { id: request.id, error: `unknown command ${request.cmd}` };
  try {
    return { id: request.id, ...(await command(request)) };
  } catch (e) {
    return { id: request.id, error: String(e && e.message ? e.message : e) };
  }
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
const pending = new Set();
for await (const line of lines) {
  if (!line.trim()) continue;
  const work = answer(line).then((result) => {
    process.stdout.write(JSON.stringify(result) + "\n");
  });
  pending.add(work);
  work.finally(() => pending.delete(work));
}
await Promise.all(pending);
for (const server of gateways.values()) await server.stop();
