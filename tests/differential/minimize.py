"""Shrinks a disagreeing operation: drops one selection (field, inline fragment, spread) or one
@skip/@include at a time, keeping each removal after which our router and @apollo/gateway
still disagree with the same verdict, until no single removal keeps it. Unused fragments and
variables go with what used them. The result is the minimal operation of a reproduction."""

from __future__ import annotations

from typing import Any

from graphql import (
    REMOVE,
    DirectiveNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLSchema,
    InlineFragmentNode,
    Node,
    OperationDefinitionNode,
    VariableNode,
    Visitor,
    build_schema,
    parse,
    print_ast,
    validate,
    visit,
)

from tests.differential.harness import Case, Replay, error_kind, same
from tests.differential.operations import Operation

MAX_TRIALS = 150


class _RemoveNth(Visitor):
    """Removes the n-th node (in document order) of the given kinds."""

    def __init__(self, kinds: tuple[type[Node], ...], target: int) -> None:
        super().__init__()
        self.kinds = kinds
        self.target = target
        self.seen = 0

    def enter(self, node: Node, *_: Any) -> Any:
        if isinstance(node, self.kinds):
            self.seen += 1
            if self.seen - 1 == self.target:
                return REMOVE
        return None


def _count(document: DocumentNode, kinds: tuple[type[Node], ...]) -> int:
    counter = _RemoveNth(kinds, -1)
    visit(document, counter)
    return counter.seen


def _tidy(document: DocumentNode, variables: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Drop fragments nothing spreads and variables nothing uses."""
    while True:
        spread = {n.name.value for n in _nodes(document) if isinstance(n, FragmentSpreadNode)}
        definitions = [
            d
            for d in document.definitions
            if not isinstance(d, FragmentDefinitionNode) or d.name.value in spread
        ]
        if len(definitions) == len(document.definitions):
            break
        document = DocumentNode(definitions=tuple(definitions))
    used = {
        n.name.value for n in _nodes(document, skip_definitions=True) if isinstance(n, VariableNode)
    }
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    kept = tuple(v for v in operation.variable_definitions or () if v.variable.name.value in used)
    operation = OperationDefinitionNode(
        operation=operation.operation,
        name=operation.name,
        variable_definitions=kept,
        directives=operation.directives,
        selection_set=operation.selection_set,
    )
    document = DocumentNode(
        definitions=tuple(
            operation if isinstance(d, OperationDefinitionNode) else d for d in document.definitions
        )
    )
    return print_ast(document), {k: v for k, v in variables.items() if k in used}


def _nodes(document: DocumentNode, skip_definitions: bool = False) -> list[Node]:
    found: list[Node] = []

    class Collect(Visitor):
        def enter(self, node: Node, *_: Any) -> Any:
            if skip_definitions and node.kind == "variable_definition":
                return False
            found.append(node)
            return None

    visit(document, Collect())
    return found


async def minimal_case(replay: Replay, case: Case) -> Case:
    """The case again with its minimal operation and that operation's three answers."""
    operation = await minimize(replay, case)
    smaller = Case(
        case.seed,
        case.world,
        "compared",
        prefix=case.prefix,
        supergraph=case.supergraph,
        api_schema=case.api_schema,
        subgraph_sdls=case.subgraph_sdls,
        operation=operation,
    )
    smaller.ours, smaller.apollo, smaller.expected = await replay.answers(operation)
    return smaller


def _signature(case: Case) -> tuple[str, str, bool]:
    """What a smaller operation must keep of the disagreement: who is wrong, the kind of our
    first error (none: silently wrong data), whether Apollo reports errors. So a case does not
    shrink into another bug."""
    assert case.ours is not None and case.apollo is not None
    return case.verdict, error_kind(case.ours), bool(case.apollo.errors)


async def minimize(replay: Replay, case: Case) -> Operation:
    assert case.operation is not None
    schema: GraphQLSchema = build_schema(case.api_schema)
    best = case.operation
    trials = 0
    kinds_in_order: tuple[tuple[type[Node], ...], ...] = (
        (FieldNode, InlineFragmentNode, FragmentSpreadNode),
        (DirectiveNode,),
    )
    progress = True
    while progress and trials < MAX_TRIALS:
        progress = False
        for kinds in kinds_in_order:
            index = 0
            while index < _count(parse(best.query), kinds) and trials < MAX_TRIALS:
                candidate = _without(best, kinds, index, schema)
                index += 1
                if candidate is None:
                    continue
                trials += 1
                ours, theirs, expected = await replay.answers(candidate)
                if same(ours, theirs):
                    continue
                probe = Case(case.seed, case.world, "compared", operation=candidate)
                probe.ours, probe.apollo, probe.expected = ours, theirs, expected
                if _signature(probe) == _signature(case):
                    best = candidate
                    index -= 1
                    progress = True
    return best


def _without(
    operation: Operation, kinds: tuple[type[Node], ...], index: int, schema: GraphQLSchema
) -> Operation | None:
    document = visit(parse(operation.query), _RemoveNth(kinds, index))
    try:
        query, variables = _tidy(document, operation.variables)
        if validate(schema, parse(query)):
            return None
    except Exception:  # a removal that leaves no document graphql-core can print or parse
        return None
    return Operation(query, variables, operation.operation_name, set(operation.tags))
