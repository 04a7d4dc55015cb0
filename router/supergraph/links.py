"""The `@link` (and legacy `@core`) applications of a supergraph: which features it uses, under
which names, and whether this router may serve it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphql import (
    BooleanValueNode,
    DirectiveNode,
    DocumentNode,
    EnumValueNode,
    ListValueNode,
    ObjectValueNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    StringValueNode,
    ValueNode,
)

from router.supergraph.errors import SupergraphError

_FEATURE_URL = re.compile(
    r"^https?://[^?#]*/(?P<name>[A-Za-z_][A-Za-z0-9_-]*)/v(?P<major>\d+)\.(?P<minor>\d+)"
)

# Features this router implements, by name: the supported (major, minor) versions.
SUPPORTED: dict[str, frozenset[tuple[int, int]]] = {
    "link": frozenset({(1, 0)}),
    "core": frozenset({(0, 1), (0, 2)}),
    "join": frozenset({(0, 1), (0, 2), (0, 3), (0, 4), (0, 5)}),
    "tag": frozenset({(0, 1), (0, 2), (0, 3)}),
    "inaccessible": frozenset({(0, 1), (0, 2)}),
    "cost": frozenset({(0, 1)}),
    "cacheTag": frozenset({(0, 1)}),
}

# Known to Apollo's router but not implemented here: serving a supergraph that relies on them
# would silently skip authorization or context resolution, so they are refused by name.
KNOWN_UNSUPPORTED = {
    "authenticated": "authorization (@authenticated) is not enforced by this router",
    "requiresScopes": "authorization (@requiresScopes) is not enforced by this router",
    "policy": "authorization (@policy) is not enforced by this router",
    "context": "@context/@fromContext arguments are not implemented by this router",
    "connect": "Apollo Connectors are not implemented by this router",
}


@dataclass(frozen=True)
class LinkedFeature:
    url: str
    name: str
    version: tuple[int, int]
    alias: str  # namespace prefix used in this document (`as:`), defaults to the name
    purpose: str | None  # SECURITY / EXECUTION / None
    imports: dict[str, str]  # imported element name (with @ for directives) -> local name

    def element(self, name: str) -> str:
        """Local name of a feature element: `join__Graph`, or the imported/renamed name."""
        imported = self.imports.get(name)
        if imported is not None:
            return imported.lstrip("@")
        bare = name.lstrip("@")
        if name.startswith("@") and bare == self.name:
            return self.alias
        return f"{self.alias}__{bare}"


def _string(value: ValueNode | None) -> str | None:
    return value.value if isinstance(value, StringValueNode) else None


def _arguments(directive: DirectiveNode) -> dict[str, ValueNode]:
    return {argument.name.value: argument.value for argument in directive.arguments or ()}


def _imports(value: ValueNode | None) -> dict[str, str]:
    result: dict[str, str] = {}
    if not isinstance(value, ListValueNode):
        return result
    for item in value.values:
        if isinstance(item, StringValueNode):
            result[item.value] = item.value
        elif isinstance(item, ObjectValueNode):
            fields = {f.name.value: _string(f.value) for f in item.fields}
            name, alias = fields.get("name"), fields.get("as")
            if name:
                result[name] = alias or name
    return result


def _schema_directives(document: DocumentNode) -> list[DirectiveNode]:
    directives: list[DirectiveNode] = []
    for definition in document.definitions:
        if isinstance(definition, SchemaDefinitionNode | SchemaExtensionNode):
            directives.extend(definition.directives or ())
    return directives


def read_links(document: DocumentNode) -> list[LinkedFeature]:
    features: list[LinkedFeature] = []
    for directive in _schema_directives(document):
        if directive.name.value not in ("link", "core"):
            continue
        arguments = _arguments(directive)
        url = _string(arguments.get("url")) or _string(arguments.get("feature"))
        if url is None:
            continue
        match = _FEATURE_URL.match(url)
        if match is None:
            raise SupergraphError(f"@{directive.name.value} has an invalid feature URL {url!r}")
        purpose_node = arguments.get("for")
        purpose = purpose_node.value if isinstance(purpose_node, EnumValueNode) else None
        name = match["name"]
        features.append(
            LinkedFeature(
                url=url,
                name=name,
                version=(int(match["major"]), int(match["minor"])),
                alias=_string(arguments.get("as")) or name,
                purpose=purpose,
                imports=_imports(arguments.get("import")),
            )
        )
    return features


def check_support(features: list[LinkedFeature]) -> None:
    """Refuse features the supergraph marks as needed for security or execution that this router
    does not implement (the link spec's rule: such a feature must never be ignored)."""
    for feature in features:
        if feature.purpose not in ("SECURITY", "EXECUTION"):
            continue
        if feature.name in KNOWN_UNSUPPORTED:
            raise SupergraphError(
                f"feature {feature.url} is for: {feature.purpose} but unsupported: "
                f"{KNOWN_UNSUPPORTED[feature.name]}"
            )
        versions = SUPPORTED.get(feature.name)
        if versions is None or feature.version not in versions:
            raise SupergraphError(
                f"feature {feature.url} is for: {feature.purpose} but is unsupported by this "
                "router; refusing the supergraph rather than ignoring it"
            )


def join_feature(features: list[LinkedFeature]) -> LinkedFeature:
    for feature in features:
        if feature.name == "join":
            return feature
    raise SupergraphError("not a supergraph: no @link to https://specs.apollo.dev/join/v0.x")


def boolean_argument(directive: DirectiveNode, name: str, default: bool = False) -> bool:
    value = _arguments(directive).get(name)
    return value.value if isinstance(value, BooleanValueNode) else default


def string_argument(directive: DirectiveNode, name: str) -> str | None:
    return _string(_arguments(directive).get(name))


def enum_argument(directive: DirectiveNode, name: str) -> str | None:
    value = _arguments(directive).get(name)
    return value.value if isinstance(value, EnumValueNode) else None
