import type { CodegenConfig } from "@graphql-codegen/cli";

// Types come from the supergraph the router serves (its public API: see codegen/api-schema.cjs).
// CMP_SUPERGRAPH points at another supergraph file, e.g. one composed locally before the
// repository's is regenerated.
const supergraph = process.env.CMP_SUPERGRAPH || "../schema/supergraph.graphql";

const config: CodegenConfig = {
  schema: { [supergraph]: { loader: "./codegen/api-schema.cjs" } },
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**"],
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": {
      preset: "client",
      // persistedDocuments: src/gql/persisted-documents.json, every document by its id
      // (`sha256:<hex>` of its normalized text) — the manifest the router's
      // ROUTER_TRUSTED_DOCUMENTS reads — and each generated document carries its id.
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: "sha256" } },
      config: {
        documentMode: "string",
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        scalars: {
          ID: "string",
          DateTime: "string",
          JSON: "unknown",
          JSONString: "string",
          Date: "string",
          Day: "string",
          Decimal: "number",
          GenericScalar: "unknown",
          Hour: "number",
          Metadata: "Record<string, string>",
          Minute: "number",
          PositiveDecimal: "number",
          PositiveInt: "number",
          Upload: "unknown",
          UUID: "string",
          WeightScalar: "number",
          Date_: "string",
        },
      },
    },
  },
};

export default config;
