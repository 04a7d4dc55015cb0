import { createRequire } from "node:module";

import { buildASTSchema, printSchema, type DocumentNode } from "graphql";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const { apiDocument } = require("../codegen/api-schema.cjs") as { apiDocument: (sdl: string) => DocumentNode };

const SUPERGRAPH = `
schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.apollo.dev/join/v0.4", for: EXECUTION) { query: Query mutation: Mutation }
directive @inaccessible on FIELD_DEFINITION | OBJECT | ARGUMENT_DEFINITION | ENUM_VALUE | INPUT_FIELD_DEFINITION
directive @join__type(graph: join__Graph!, key: join__FieldSet) repeatable on OBJECT | ENUM | INPUT_OBJECT | SCALAR
directive @join__field(graph: join__Graph) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION
directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA
scalar join__FieldSet
scalar link__Import
enum link__Purpose { SECURITY EXECUTION }
enum join__Graph { BILLING @join__graph(name: "billing", url: "http://b") }
type Query @join__type(graph: BILLING) {
  wallet(organizationId: ID!, asService: Boolean @inaccessible): Wallet
  heldReservations: [Reservation!]! @inaccessible
}
type Mutation @join__type(graph: BILLING) {
  walletAdjust(amount: Int!): Wallet
  walletGrant(amount: Int!): Wallet @inaccessible
}
type Wallet @join__type(graph: BILLING, key: "id") { id: ID! balance: Int! @join__field(graph: BILLING) kind: Kind }
type Reservation @inaccessible @join__type(graph: BILLING) { key: String! }
enum Kind @join__type(graph: BILLING) { PLAN INTERNAL @inaccessible }
`;

describe("the codegen schema loader", () => {
  it("gives the router's public API: no join/link machinery, nothing @inaccessible", () => {
    const printed = printSchema(buildASTSchema(apiDocument(SUPERGRAPH)));
    expect(printed).not.toMatch(/join__|link__|@link|@inaccessible|Reservation|heldReservations|walletGrant|asService|INTERNAL/);
    expect(printed).toContain("wallet(organizationId: ID!): Wallet");
    expect(printed).toContain("walletAdjust(amount: Int!): Wallet");
    expect(printed).toMatch(/enum Kind \{\s+PLAN\s+\}/);
  });
});
