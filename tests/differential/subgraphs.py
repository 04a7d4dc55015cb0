"""A world's subgraphs as fixture subgraphs (bench/support/fixture_subgraph.py): SDL from sdl.py,
resolvers answering from the world's facts. Each subgraph answers only what it may be asked:
an @external field outside a @provides path, a field overridden away from it, or a @requires
field without its required values in the representation is an error, as it would be in a real
subgraph that does not hold that data."""

from __future__ import annotations

from typing import Any

from graphql import (
    ASTValidationRule,
    FieldsOnCorrectTypeRule,
    FragmentsOnCompositeTypesRule,
    GraphQLError,
    GraphQLResolveInfo,
    KnownArgumentNamesRule,
    KnownDirectivesRule,
    KnownFragmentNamesRule,
    KnownTypeNamesRule,
    NoUndefinedVariablesRule,
    NoUnusedVariablesRule,
    OverlappingFieldsCanBeMergedRule,
    PossibleFragmentSpreadsRule,
    ProvidedRequiredArgumentsRule,
    ScalarLeafsRule,
    SelectionSetNode,
    ValuesOfCorrectTypeRule,
    VariablesInAllowedPositionRule,
)

from bench.support.fixture_subgraph import FixtureSubgraph, Record, ReferenceResolver, Resolver
from tests.differential.model import ROOTS, Field, TypeDef, World
from tests.differential.sdl import subgraph_sdl
from tests.differential.values import (
    Missing,
    Ref,
    Truth,
    number_from_representation,
    parse_field_set,
    project,
    provided_fields,
)

# The validation a subgraph applies to what a gateway sends: every rule a plan could break
# (fields and types the subgraph lacks, conflicting fields, empty or missing selections, unused
# or undeclared variables, arguments); rules about a client's document hygiene are left out
# because they cost time and no planner output could break them.
FETCH_VALIDATION_RULES: tuple[type[ASTValidationRule], ...] = (
    FieldsOnCorrectTypeRule,
    FragmentsOnCompositeTypesRule,
    KnownArgumentNamesRule,
    KnownDirectivesRule,
    KnownFragmentNamesRule,
    KnownTypeNamesRule,
    NoUndefinedVariablesRule,
    NoUnusedVariablesRule,
    OverlappingFieldsCanBeMergedRule,
    PossibleFragmentSpreadsRule,
    ProvidedRequiredArgumentsRule,
    ScalarLeafsRule,
    ValuesOfCorrectTypeRule,
    VariablesInAllowedPositionRule,
)


def build_subgraphs(world: World) -> list[FixtureSubgraph]:
    truth = Truth(world)
    return [_Subgraph(world, truth, name).fixture() for name in world.subgraphs]


def overridden_away(field: Field, subgraph: str) -> bool:
    """A field another subgraph took over for good (a labelled override keeps both live)."""
    return any(
        d.override_from == subgraph and d.override_label is None for d in field.decls.values()
    )


class _Subgraph:
    def __init__(self, world: World, truth: Truth, name: str) -> None:
        self.world = world
        self.truth = truth
        self.name = name

    def fixture(self) -> FixtureSubgraph:
        resolvers: dict[str, dict[str, Resolver]] = {}
        references: dict[str, ReferenceResolver] = {}
        for definition in self.world.types.values():
            presence = definition.present.get(self.name)
            if presence is None or definition.kind not in ("object", "interface"):
                continue
            fields = definition.declared_in(self.name)
            if not fields:
                continue
            if definition.kind == "object" or presence.interface_object:
                resolvers[definition.name] = {f.name: self._resolver(definition, f) for f in fields}
            if any(k.resolvable for k in presence.keys):
                own_view = definition.kind == "object" or presence.interface_object
                references[definition.name] = self._reference(definition, own_view)
        fixture = FixtureSubgraph(
            self.name, subgraph_sdl(self.world, self.name), resolvers, references
        )
        fixture.record = False
        fixture.validation_rules = FETCH_VALIDATION_RULES
        return fixture

    def _reference(self, definition: TypeDef, own_view: bool) -> ReferenceResolver:
        """`own_view`: answer with the type's own name (a concrete type, an @interfaceObject),
        else with the concrete type (an entity interface in the subgraph that owns it)."""
        family = definition.family or definition.name

        def resolve(representation: Record) -> Record | None:
            try:
                number = number_from_representation(family, representation)
            except Missing as error:
                raise GraphQLError(f"{self.name}: {error}") from None
            concrete = self.world.concrete_of(family, number)
            if definition.name != family and concrete != definition.name:
                return None  # an id of another implementation: no such entity of this type
            return {
                "__typename": definition.name if own_view else concrete,
                "__concrete": concrete,
                "__n": number,
                "__representation": representation,
            }

        return resolve

    def _resolver(self, definition: TypeDef, field: Field) -> Resolver:
        decl = field.decls[self.name]
        required = parse_field_set(decl.requires) if decl.requires else None
        overridden = overridden_away(field, self.name)
        where = f"{self.name}: {definition.name}.{field.name}"

        def resolve(parent: Any, info: GraphQLResolveInfo[Any], **arguments: Any) -> Any:
            if definition.name in ROOTS:
                concrete, number, provided = definition.name, 0, {}
            else:
                concrete, number = parent["__concrete"], parent["__n"]
                provided = provided_fields(parent.get("__provided"), concrete, self.world)
            if overridden:
                raise GraphQLError(f"{where} was overridden by another subgraph")
            if decl.external and field.name not in provided:
                raise GraphQLError(f"{where} is @external here and was not provided")
            inputs = None
            if required is not None:
                representation = parent.get("__representation")
                if representation is None:
                    raise GraphQLError(f"{where} @requires values it was not sent")
                try:
                    inputs = project(required, representation, self.world)
                except Missing as error:
                    raise GraphQLError(f"{where} @requires: {error}") from None
            value = self.truth.value(concrete, number, field, arguments, inputs)
            nested = provided.get(field.name) if decl.external else None
            if decl.provides is not None:
                nested = parse_field_set(decl.provides)
            return self._wrap(value, nested)

        return resolve

    def _wrap(self, value: Any, provided: SelectionSetNode | None) -> Any:
        if isinstance(value, list):
            return [self._wrap(item, provided) for item in value]
        if isinstance(value, Ref):
            return {
                "__typename": self._view(value.typename),
                "__concrete": value.typename,
                "__n": value.number,
                "__provided": provided,
            }
        return value

    def _view(self, concrete: str) -> str:
        """The type name this subgraph knows an object by: its own, or the @interfaceObject
        standing for the implementations it does not know."""
        if self.name in self.world.types[concrete].present:
            return concrete
        for definition in self.world.types.values():
            presence = definition.present.get(self.name)
            if presence and presence.interface_object and concrete in definition.implementations:
                return definition.name
        raise AssertionError(f"{self.name} cannot return a {concrete}")
