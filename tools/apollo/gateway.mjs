// Apollo's JavaScript gateway (@apollo/gateway 2.x on @apollo/server) serving a supergraph file:
// the peer our router is benchmarked against (bench/peer_gateway.py).
//
//   node tools/apollo/gateway.mjs --supergraph FILE --port 4100
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";

const { values } = parseArgs({
  options: {
    supergraph: { type: "string" },
    port: { type: "string", default: "4100" },
    host: { type: "string", default: "127.0.0.1" },
  },
});
if (!values.supergraph) {
  console.error("usage: node gateway.mjs --supergraph FILE [--port N] [--host H]");
  process.exit(2);
}

const gateway = new ApolloGateway({ supergraphSdl: readFileSync(values.supergraph, "utf8") });
const server = new ApolloServer({
  gateway,
  // Production-like: no landing page, no usage reporting, no inline traces.
  introspection: false,
  includeStacktraceInErrorResponses: false,
});
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(values.port), host: values.host },
});
console.log(`gateway ready at ${url}`);

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    await server.stop();
    process.exit(0);
  });
}
