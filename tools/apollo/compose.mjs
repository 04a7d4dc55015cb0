// Compose subgraphs with Apollo's reference composition.
// stdin: {"subgraphs": [{"name": ..., "url": ..., "sdl": ...}, ...]}
// stdout: {"supergraph": "<SDL>"} or {"errors": [{"code": ..., "message": ...}]}
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const services = input.subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) }));
const result = composeServices(services);
if (result.errors) {
  process.stdout.write(JSON.stringify({ errors: result.errors.map((e) => ({ code: e.extensions?.code, message: e.message })) }));
} else {
  process.stdout.write(JSON.stringify({ supergraph: result.supergraphSdl, hints: (result.hints || []).map((h) => h.toString()) }));
}
