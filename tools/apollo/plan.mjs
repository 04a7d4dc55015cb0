// Plan operations with Apollo's reference query planner, for differential tests.
// stdin: {"supergraph": "<SDL>", "operations": [{"query": "...", "operationName": null, "labels": ["x"]}]}
// stdout: {"plans": [{"plan": <QueryPlan JSON>, "pretty": "<prettyFormatQueryPlan>"} | {"error": "..."}]}
import { QueryPlanner, prettyFormatQueryPlan } from "@apollo/query-planner";
import { Supergraph, operationFromDocument } from "@apollo/federation-internals";
import { parse } from "graphql";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const supergraph = Supergraph.build(input.supergraph);
const planner = new QueryPlanner(supergraph);
const plans = input.operations.map((op) => {
  try {
    const operation = operationFromDocument(supergraph.apiSchema(), parse(op.query), {
      operationName: op.operationName ?? undefined,
    });
    const labels = new Set(op.labels ?? []);
    const overrideConditions = new Map([...(op.allLabels ?? [])].map((l) => [l, labels.has(l)]));
    const plan = planner.buildQueryPlan(operation, { overrideConditions });
    return { plan, pretty: prettyFormatQueryPlan(plan) };
  } catch (e) {
    return { error: String(e && e.message ? e.message : e) };
  }
});
process.stdout.write(JSON.stringify({ plans }));
