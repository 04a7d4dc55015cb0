"""Which response keys a fetch was going to fill — the fields that get an error when it fails."""

from __future__ import annotations

from functools import lru_cache

from graphql import FieldNode, InlineFragmentNode, OperationDefinitionNode, SelectionSetNode, parse


def _keys(selection_set: SelectionSetNode) -> tuple[str, ...]:
    keys: list[str] = []
    for node in selection_set.selections:
        if isinstance(node, FieldNode) and node.name.value != "__typename":
            keys.append(node.alias.value if node.alias else node.name.value)
        elif isinstance(node, InlineFragmentNode):
            keys.extend(k for k in _keys(node.selection_set) if k not in keys)
    return tuple(keys)


@lru_cache(maxsize=2048)
def root_keys(operation: str) -> tuple[str, ...]:
    definition = parse(operation, no_location=True).definitions[0]
    assert isinstance(definition, OperationDefinitionNode)
    return _keys(definition.selection_set)


@lru_cache(maxsize=2048)
def entity_keys(operation: str) -> dict[str, tuple[str, ...]]:
    """Per type condition inside `_entities`."""
    definition = parse(operation, no_location=True).definitions[0]
    assert isinstance(definition, OperationDefinitionNode)
    entities = definition.selection_set.selections[0]
    assert isinstance(entities, FieldNode)
    assert entities.selection_set is not None
    result: dict[str, tuple[str, ...]] = {}
    for node in entities.selection_set.selections:
        if isinstance(node, InlineFragmentNode) and node.type_condition is not None:
            result[node.type_condition.name.value] = _keys(node.selection_set)
    return result
