// Codegen schema loader: the public API schema of a federation supergraph SDL, which is what
// the router serves to clients. It drops what only the router reads (the join/link spec
// types and directives) and every element marked @inaccessible, so a document that selects
// an internal field fails here exactly as it would at the router.
"use strict";

const { readFileSync } = require("node:fs");
const path = require("node:path");
const { Kind, buildASTSchema, parse, visit } = require("graphql");

const SPEC_DIRECTIVES = new Set(["inaccessible", "link"]);
const isSpecName = (name) => name.startsWith("join__") || name.startsWith("link__");
const isSpecDirective = (name) => SPEC_DIRECTIVES.has(name) || isSpecName(name);
const inaccessible = (node) =>
  (node.directives ?? []).some((directive) => directive.name.value === "inaccessible");

/** @param {string} sdl a supergraph SDL @returns {import("graphql").DocumentNode} */
function apiDocument(sdl) {
  const document = parse(sdl, { noLocation: true });
  const removed = (node) => (inaccessible(node) ? null : undefined);
  return visit(document, {
    SchemaDefinition: { leave: (node) => ({ ...node, directives: [] }) },
    DirectiveDefinition: (node) => (isSpecDirective(node.name.value) ? null : undefined),
    Directive: (node) => (isSpecDirective(node.name.value) ? null : undefined),
    ObjectTypeDefinition: (node) => (isSpecName(node.name.value) ? null : removed(node)),
    InterfaceTypeDefinition: removed,
    UnionTypeDefinition: removed,
    InputObjectTypeDefinition: removed,
    EnumTypeDefinition: (node) => (isSpecName(node.name.value) ? null : removed(node)),
    ScalarTypeDefinition: (node) => (isSpecName(node.name.value) ? null : removed(node)),
    FieldDefinition: removed,
    InputValueDefinition: removed,
    EnumValueDefinition: removed,
  });
}

/** graphql-codegen calls this with the schema pointer (a path, relative to the config). */
module.exports = function loadApiSchema(pointer) {
  const file = path.resolve(__dirname, "..", pointer);
  const document = apiDocument(readFileSync(file, "utf8"));
  const definitions = document.definitions.filter((d) => d.kind !== Kind.SCHEMA_DEFINITION || d.operationTypes.length > 0);
  return buildASTSchema({ ...document, definitions }, { assumeValidSDL: false });
};
module.exports.apiDocument = apiDocument;
