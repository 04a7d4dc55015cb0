// Compose several subgraph sets with Apollo's reference composition in one node process
// (tools/apollo's install; node start-up dominates when each set gets its own process).
// stdin: {"sets": {"<name>": [{"name", "url", "sdl"}, ...]}}
// stdout: {"<name>": {"supergraph": ...} | {"errors": [{"code", "message"}]}}
import { createRequire } from "node:module";
import path from "node:path";

const apolloDir = process.argv[2];
const require = createRequire(path.join(apolloDir, "package.json"));
const { composeServices } = require("@apollo/composition");
const { parse } = require("graphql");

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const out = {};
for (const [name, subgraphs] of Object.entries(input.sets)) {
  try {
    const services = subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) }));
    const result = composeServices(services);
    out[name] = result.errors
      ? { errors: result.errors.map((e) => ({ code: e.extensions?.code, message: e.message })) }
      : { supergraph: result.supergraphSdl };
  } catch (e) {
    out[name] = { errors: [{ code: "INVALID_GRAPHQL", message: String(e.message) }] };
  }
}
process.stdout.write(JSON.stringify(out));
