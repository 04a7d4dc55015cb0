"""Names for the ways @apollo/gateway 2.14.4 gets a case wrong (found by reading the
reproductions), and a classifier that recognises them in a case's trace, so that
`--write-known` can keep known_failures.toml's [apollo_wrong.*] sections current. A case it
cannot name is printed for a person to look at; it is never filed away silently."""

from __future__ import annotations

import json
import re

from tests.differential.harness import Case, Trace
from tests.differential.values import parse_field_set

APOLLO_WRONG_WHY: dict[str, str] = {
    "interface-object-typename": (
        "@apollo/gateway asks an @interfaceObject subgraph for __typename (when the operation "
        "selects __typename on an implementation) and merges its answer, the interface's name, "
        "over the concrete type: the implementation's fragments then match nothing and the "
        "object comes back empty, or null (an interface name cannot complete an object)."
    ),
    "requires-field-arguments": (
        "A field the client selects with some arguments and a @requires selects with others: "
        "@apollo/gateway sends both under one response key (the subgraph rejects the fetch: "
        "'conflict because they have differing arguments') or only one of them (the client "
        "or the requiring field gets the value for the other arguments)."
    ),
    "requires-abstract-typename": (
        "@requires with type conditions (`hits { ... on A { x } ... on B { y } }`): "
        "@apollo/gateway fetches __typename but leaves it out of the representation, so the "
        "requiring subgraph cannot tell which type condition applies to each object."
    ),
    "requires-chain": (
        "A @requires field required by another @requires field: @apollo/gateway fetches the "
        "first one from its subgraph without first fetching what that one requires."
    ),
    "external-field-fetched": (
        "@apollo/gateway asks a subgraph for a field that subgraph declares @external (only to "
        "@require it), outside any @provides: the subgraph cannot resolve it."
    ),
}


def _apollo_messages(case: Case, trace: Trace) -> list[str]:
    messages = [str(e.get("message", "")) for e in (case.apollo.errors if case.apollo else [])]
    for _, _, response in trace.apollo_fetches:
        try:
            body = json.loads(response)
        except ValueError:
            continue
        messages += [str(e.get("message", "")) for e in body.get("errors") or ()]
    return messages


def _interface_names(case: Case) -> set[str]:
    return {
        t.name for t in case.world.types.values() if t.kind == "interface" and t.implementations
    }


def _required_with_arguments(case: Case) -> set[str]:
    """Names of fields some @requires selects with arguments."""
    names: set[str] = set()
    for definition in case.world.types.values():
        for field in definition.fields.values():
            if field.requires and "(" in field.requires:
                selection = parse_field_set(field.requires)
                for node in selection.selections:
                    if getattr(node, "arguments", None):
                        names.add(node.name.value)  # type: ignore[attr-defined]
    return names


def classify_apollo_wrong(case: Case, trace: Trace) -> str | None:
    """The name of the known Apollo mistake this case shows, or None."""
    messages = _apollo_messages(case, trace)
    if any("is @external here and was not provided" in m for m in messages):
        return "external-field-fetched"
    if any("no __typename to apply" in m for m in messages):
        return "requires-abstract-typename"
    if any("differing arguments" in m for m in messages):
        return "requires-field-arguments"
    if any("@requires values it was not sent" in m for m in messages):
        return "requires-chain"
    interfaces = _interface_names(case)
    for _, request, response in trace.apollo_fetches:
        if b"_entities" in request and any(
            f'"__typename":"{name}"'.encode() in response for name in interfaces
        ):
            return "interface-object-typename"
    assert case.operation is not None
    for name in _required_with_arguments(case):
        if re.search(rf"\b{re.escape(name)}\s*\(", case.operation.query):
            return "requires-field-arguments"
    return None
