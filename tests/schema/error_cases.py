"""One small subgraph set per composition error class (shared by the tests)."""

from __future__ import annotations

from dataclasses import dataclass

F2 = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", '
    '"@shareable", "@external", "@requires", "@provides", "@override", "@interfaceObject"])\n'
)


@dataclass(frozen=True)
class ErrorCase:
    code: str
    subgraphs: dict[str, str]
    message: str  # Apollo's message, which ours must reproduce


CASES: list[ErrorCase] = [
    ErrorCase(
        "FIELD_TYPE_MISMATCH",
        {
            "a": F2 + "type Query { t: T @shareable } type T @shareable { x: Int }",
            "b": F2 + "type Query { t: T @shareable } type T @shareable { x: String }",
        },
        'Type of field "T.x" is incompatible across subgraphs: it has type "Int" in subgraph "a" '
        'but type "String" in subgraph "b"',
    ),
    ErrorCase(
        "INVALID_FIELD_SHARING",
        {
            "a": F2
            + 'type Query { u: User } type User @key(fields: "id") { id: ID! name: String }',
            "b": F2 + 'type User @key(fields: "id") { id: ID! name: String }',
        },
        'Non-shareable field "User.name" is resolved from multiple subgraphs: it is resolved from '
        'subgraphs "a" and "b" and defined as non-shareable in all of them',
    ),
    ErrorCase(
        "KEY_INVALID_FIELDS",
        {"a": F2 + 'type Query { u: User } type User @key(fields: "uuid") { id: ID! }'},
        '[a] On type "User", for @key(fields: "uuid"): Cannot query field "uuid" on type "User" '
        "(the field should either be added to this subgraph or, if it should not be resolved by "
        "this subgraph, you need to add it to this subgraph with @external).",
    ),
    ErrorCase(
        "REQUIRES_INVALID_FIELDS",
        {
            "a": F2 + 'type Query { u: User } type User @key(fields: "id") { id: ID! '
            'age: Int @requires(fields: "birthday") }'
        },
        '[a] On field "User.age", for @requires(fields: "birthday"): Cannot query field '
        '"birthday" on type "User" (if the field is defined in another subgraph, you need to add '
        "it to this subgraph with @external).",
    ),
    ErrorCase(
        "PROVIDES_INVALID_FIELDS",
        {
            "a": F2 + 'type Query { u: User @provides(fields: "nick") } '
            'type User @key(fields: "id") { id: ID! }'
        },
        '[a] On field "Query.u", for @provides(fields: "nick"): Cannot query field "nick" on type '
        '"User" (if the field is defined in another subgraph, you need to add it to this '
        "subgraph with @external).",
    ),
    ErrorCase(
        "KEY_FIELDS_SELECT_INVALID_TYPE",
        {
            "a": F2 + "type Query { u: U } interface I { x: Int } "
            'type U @key(fields: "i { x }") { i: I }'
        },
        '[a] On type "U", for @key(fields: "i { x }"): field "U.i" is a Interface type which is '
        "not allowed in @key",
    ),
    ErrorCase(
        "KEY_FIELDS_HAS_ARGS",
        {"a": F2 + 'type Query { u: U } type U @key(fields: "id") { id(v: Int): ID }'},
        '[a] On type "U", for @key(fields: "id"): field U.id cannot be included because it has '
        "arguments (fields with argument are not allowed in @key)",
    ),
    ErrorCase(
        "REQUIRES_FIELDS_MISSING_EXTERNAL",
        {
            "a": F2 + 'type Query { u: U } type U @key(fields: "id") { id: ID! w: Int '
            'c: Int @requires(fields: "w") }'
        },
        '[a] On field "U.c", for @requires(fields: "w"): field "U.w" should not be part of a '
        "@requires since it is already provided by this subgraph (it is not marked @external)",
    ),
    ErrorCase(
        "PROVIDES_FIELDS_MISSING_EXTERNAL",
        {
            "a": F2 + 'type Query { u: U @provides(fields: "w") } '
            'type U @key(fields: "id") { id: ID! w: Int }'
        },
        '[a] On field "Query.u", for @provides(fields: "w"): field "U.w" should not be part of '
        "a @provides since it is already provided by this subgraph (it is not marked @external)",
    ),
    ErrorCase(
        "PROVIDES_ON_NON_OBJECT_FIELD",
        {"a": F2 + 'type Query { n: Int @provides(fields: "x") }'},
        '[a] Invalid @provides directive on field "Query.n": field has type "Int" which is not a '
        "Composite Type",
    ),
    ErrorCase(
        "EXTERNAL_UNUSED",
        {
            "a": F2 + 'type Query { u: U } type U @key(fields: "id") { id: ID! w: Int @external }',
            "b": F2 + 'type U @key(fields: "id") { id: ID! w: Int }',
        },
        '[a] Field "U.w" is marked @external but is not used in any federation directive (@key, '
        "@provides, @requires) or to satisfy an interface; the field declaration has no use and "
        "should be removed (or the field should not be @external).",
    ),
    ErrorCase(
        "EXTERNAL_MISSING_ON_BASE",
        {
            "a": F2 + 'type Query { u: U } type U @key(fields: "id") { id: ID! w: Int @external '
            'c: Int @requires(fields: "w") }'
        },
        'Field "U.w" is marked @external on all the subgraphs in which it is listed (subgraph '
        '"a").',
    ),
    ErrorCase(
        "EXTERNAL_TYPE_MISMATCH",
        {
            "a": F2 + 'type Query { u: U } type U @key(fields: "id") { id: ID! w: String @external '
            'c: Int @requires(fields: "w") }',
            "b": F2 + 'type U @key(fields: "id") { id: ID! w: Int }',
        },
        'Type of field "U.w" is incompatible across subgraphs (where marked @external): it has '
        'type "Int" in subgraph "b" but type "String" in subgraph "a"',
    ),
    ErrorCase(
        "ENUM_VALUE_MISMATCH",
        {
            "a": F2 + "type Query { s(v: E): E } enum E { A B }",
            "b": F2 + "type Query { t: E } enum E { A }",
        },
        'Enum type "E" is used as both input type (for example, as type of "Query.s(v:)") and '
        'output type (for example, as type of "Query.s"), but value "B" is not defined in all '
        'the subgraphs defining "E": "B" is defined in subgraph "a" but not in subgraph "b"',
    ),
    ErrorCase(
        "EMPTY_MERGED_ENUM_TYPE",
        {
            "a": F2 + "type Query { s(v: E): Int } enum E { A }",
            "b": F2 + "type Query { t(v: E): Int } enum E { B }",
        },
        'None of the values of enum type "E" are defined consistently in all the subgraphs '
        "defining that type. As only values common to all subgraphs are merged, this would result "
        "in an empty type.",
    ),
    ErrorCase(
        "TYPE_KIND_MISMATCH",
        {
            "a": F2 + "type Query { t: T } type T { x: Int }",
            "b": F2 + "type Query { u: T } interface T { x: Int }",
        },
        'Type "T" has mismatched kind: it is defined as Object Type in subgraph "a" but '
        'Interface Type in subgraph "b"',
    ),
    ErrorCase(
        "FIELD_ARGUMENT_TYPE_MISMATCH",
        {
            "a": F2 + "type Query { f(x: Int): Int @shareable }",
            "b": F2 + "type Query { f(x: String): Int @shareable }",
        },
        'Type of argument "Query.f(x:)" is incompatible across subgraphs: it has type "Int" in '
        'subgraph "a" but type "String" in subgraph "b"',
    ),
    ErrorCase(
        "FIELD_ARGUMENT_DEFAULT_MISMATCH",
        {
            "a": F2 + "type Query { f(x: Int = 1): Int @shareable }",
            "b": F2 + "type Query { f(x: Int = 2): Int @shareable }",
        },
        'Argument "Query.f(x:)" has incompatible default values across subgraphs: it has default '
        'value 1 in subgraph "a" but default value 2 in subgraph "b"',
    ),
    ErrorCase(
        "REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH",
        {
            "a": F2 + "type Query { f(x: Int!): Int @shareable }",
            "b": F2 + "type Query { f: Int @shareable }",
        },
        'Argument "Query.f(x:)" is required in some subgraphs but does not appear in all '
        'subgraphs: it is required in subgraph "a" but does not appear in subgraph "b"',
    ),
    ErrorCase(
        "REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH",
        {
            "a": F2 + "type Query { f(i: In): Int } input In { x: Int! y: Int }",
            "b": F2 + "type Query { g(i: In): Int } input In { y: Int }",
        },
        'Input object field "In.x" is required in some subgraphs but does not appear in all '
        'subgraphs: it is required in subgraph "a" but does not appear in subgraph "b"',
    ),
    ErrorCase(
        "EMPTY_MERGED_INPUT_TYPE",
        {
            "a": F2 + "type Query { f(i: In): Int } input In { x: Int }",
            "b": F2 + "type Query { g(i: In): Int } input In { y: Int }",
        },
        'None of the fields of input object type "In" are consistently defined in all the '
        "subgraphs defining that type. As only fields common to all subgraphs are merged, this "
        "would result in an empty type.",
    ),
    ErrorCase(
        "EXTENSION_WITH_NO_BASE",
        {"a": F2 + "type Query { t: T } extend type T { x: Int }"},
        '[a] Type "T" is an extension type, but there is no type definition for "T" in any '
        "subgraph.",
    ),
    ErrorCase(
        "OVERRIDE_FROM_SELF_ERROR",
        {
            "a": F2 + 'type Query { t: T } type T @key(fields: "id") { id: ID! '
            'x: Int @override(from: "a") }'
        },
        'Source and destination subgraphs "a" are the same for overridden field "T.x"',
    ),
    ErrorCase(
        "OVERRIDE_SOURCE_HAS_OVERRIDE",
        {
            "a": F2 + 'type Query { t: T } type T @key(fields: "id") { id: ID! '
            'x: Int @override(from: "b") }',
            "b": F2 + 'type T @key(fields: "id") { id: ID! x: Int @override(from: "a") }',
        },
        'Field "T.x" on subgraph "a" is also marked with directive @override in subgraph "b". '
        "Only one @override directive is allowed per field.",
    ),
    ErrorCase(
        "OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE",
        {
            "a": F2 + 'type Query { t: T } type T @key(fields: "id") { id: ID! '
            'x: Int @override(from: "b") }',
            "b": F2 + 'type T @key(fields: "id") { id: ID! y: Int @external '
            'x: Int @requires(fields: "y") }',
            "c": F2 + 'type T @key(fields: "id") { id: ID! y: Int }',
        },
        '@override cannot be used on field "T.x" on subgraph "a" since "T.x" on "b" is marked '
        'with directive "@requires"',
    ),
    ErrorCase(
        "OVERRIDE_LABEL_INVALID",
        {
            "a": F2 + 'type Query { t: T } type T @key(fields: "id") { id: ID! '
            'x: Int @override(from: "b", label: "percent(101)") }',
            "b": F2 + 'type T @key(fields: "id") { id: ID! x: Int }',
        },
        'Invalid @override label "percent(101)" on field "T.x" on subgraph "a": labels must '
        "start with a letter and after that may contain alphanumerics, underscores, minuses, "
        'colons, periods, or slashes. Alternatively, labels may be of the form "percent(x)" '
        "where x is a float between 0-100 inclusive.",
    ),
    ErrorCase(
        "INTERFACE_FIELD_NO_IMPLEM",
        {
            "a": F2 + "type Query { i: I } interface I { x: Int } "
            'type T implements I @key(fields: "id") { id: ID! x: Int }',
            "b": F2 + "type Query { j: I } interface I { x: Int y: Int }",
        },
        'Interface field "I.y" is declared in subgraph "b" but type "T", which implements "I" '
        'only in subgraph "a" does not have field "y".',
    ),
    ErrorCase(
        "INTERFACE_KEY_MISSING_IMPLEMENTATION_TYPE",
        {
            "a": F2 + 'type Query { i: I } interface I @key(fields: "id") { id: ID! } '
            'type A implements I @key(fields: "id") { id: ID! }',
            "b": F2 + 'interface I { id: ID! } type B implements I @key(fields: "id") { id: ID! }',
        },
        '[a] Interface type "I" has a resolvable key (@key(fields: "id")) in subgraph "a" but '
        'that subgraph is missing some of the supergraph implementation types of "I". Subgraph '
        '"a" should define type "B" (and have it implement "I").',
    ),
    ErrorCase(
        "INTERFACE_OBJECT_USAGE_ERROR",
        {"a": F2 + 'type Query { i: I } type I @key(fields: "id") @interfaceObject { id: ID! }'},
        'Type "I" is declared with @interfaceObject in all the subgraphs in which it is defined '
        '(it is defined in subgraph "a" but should be defined as an interface in at least one '
        "subgraph)",
    ),
    ErrorCase(
        "EXTERNAL_COLLISION_WITH_ANOTHER_DIRECTIVE",
        {
            "a": F2 + 'type Query { t: T } type T @key(fields: "id") { id: ID! '
            'u: U @external @provides(fields: "x") } type U @key(fields: "id") '
            "{ id: ID! x: Int @external }",
            "b": F2 + 'type T @key(fields: "id") { id: ID! u: U } '
            'type U @key(fields: "id") { id: ID! x: Int }',
        },
        '[a] Cannot have both @provides and @external on field "T.u"',
    ),
    ErrorCase(
        "INVALID_GRAPHQL", {"a": F2 + "type Query { t: Missing }"}, "[a] Unknown type Missing"
    ),
    ErrorCase(
        "TYPE_WITH_ONLY_UNUSED_EXTERNAL",
        {
            "a": "type Query { t: T } type T { x: Int @external }",
            "b": F2 + "type T @shareable { x: Int }",
        },
        "[a] Type T contains only external fields and all those fields are all unused (they do "
        "not appear in any @key, @provides or @requires).",
    ),
]
