"""One small subgraph set per composition error class (shared by the tests)."""

from __future__ import annotations

from dataclasses import dataclass

F2 = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", '
    '"@shareable", "@external", "@requires", "@provides", "@override", "@interfaceObject"])\n'
)
F2I = F2.replace('"@interfaceObject"]', '"@interfaceObject", "@inaccessible"]')


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
    ErrorCase(
        "REFERENCED_INACCESSIBLE",
        {
            "a": F2I + "type Query { t: T @shareable } type T @inaccessible @shareable { x: Int }",
            "b": F2I + "type Query { t: T @shareable } type T @shareable { x: Int }",
        },
        'Type "T" is @inaccessible but is referenced by "Query.t", which is in the API schema.',
    ),
    ErrorCase(
        "ONLY_INACCESSIBLE_CHILDREN",
        {"a": F2I + "type Query { t: Int @inaccessible }"},
        'Type "Query" is in the API schema but all of its fields are @inaccessible.',
    ),
    ErrorCase(
        "DEFAULT_VALUE_USES_INACCESSIBLE",
        {"a": F2I + "type Query { t(e: E = A): Int } enum E { A @inaccessible B }"},
        'Enum value "E.A" is @inaccessible but is used in the default value of "Query.t(e:)", '
        "which is in the API schema.",
    ),
    ErrorCase(
        "REQUIRED_INACCESSIBLE",
        {"a": F2I + "type Query { t(i: In): Int } input In { x: Int! @inaccessible y: Int }"},
        'Input field "In.x" is @inaccessible but is a required input field of its type.',
    ),
    ErrorCase(
        "IMPLEMENTED_BY_INACCESSIBLE",
        {
            "a": F2I + "type Query { t: I } interface I { x: Int } "
            "type T implements I { x: Int @inaccessible y: Int }"
        },
        'Field "T.x" is @inaccessible but implements the interface field "I.x", which is in the '
        "API schema.",
    ),
    ErrorCase(
        "QUERY_ROOT_TYPE_INACCESSIBLE",
        {"a": F2I + "type Query @inaccessible { t: Int }"},
        'Type "Query" is @inaccessible but is the root query type, which must be in the API '
        "schema.",
    ),
    ErrorCase(
        "SATISFIABILITY_ERROR",
        {
            "a": F2 + 'type Query { t: T } type T @key(fields: "id") { id: ID! x: Int }',
            "b": F2 + "type T { id: ID! @shareable y: Int }",
        },
        "The following supergraph API query:\n{\n  t {\n    y\n  }\n}\ncannot be satisfied by "
        'the subgraphs because:\n- from subgraph "a":\n  - cannot find field "T.y".\n  - cannot '
        'move to subgraph "b", which has field "T.y", because type "T" has no @key defined in '
        'subgraph "b".',
    ),
]

# More shapes of the same error classes (each also checked against Apollo: all messages alike).
VARIANTS: list[ErrorCase] = [
    ErrorCase(
        "REFERENCED_INACCESSIBLE",
        {
            "a": F2I + "type Query { u(x: T2 @inaccessible): Int v(x: [T2]): Int } "
            "input T2 @inaccessible { y: Int } input I3 { z: T2, w: Int }"
        },
        'Type "T2" is @inaccessible but is referenced by "I3.z", which is in the API schema.',
    ),
    ErrorCase(
        "ONLY_INACCESSIBLE_CHILDREN",
        {
            "a": F2I + "type Query { t: U } union U = A | B "
            "type A @inaccessible { x: Int } type B @inaccessible { y: Int }"
        },
        'Type "U" is in the API schema but all of its members are @inaccessible.',
    ),
    ErrorCase(
        "ONLY_INACCESSIBLE_CHILDREN",
        {"a": F2I + "type Query { t(i: I): Int } input I { x: Int @inaccessible }"},
        'Type "I" is in the API schema but all of its input fields are @inaccessible.',
    ),
    ErrorCase(
        "ONLY_INACCESSIBLE_CHILDREN",
        {"a": F2I + "type Query { t: E } enum E { A @inaccessible }"},
        'Type "E" is in the API schema but all of its values are @inaccessible.',
    ),
    ErrorCase(
        "DEFAULT_VALUE_USES_INACCESSIBLE",
        {
            "a": F2I + "type Query { t(i: In): Int } input In { a: In2 = {x: 1} b: Int } "
            "input In2 { x: Int @inaccessible y: Int }"
        },
        'Input field "In2.x" is @inaccessible but is used in the default value of "In.a", which '
        "is in the API schema.",
    ),
    ErrorCase(
        "DEFAULT_VALUE_USES_INACCESSIBLE",
        {
            "a": F2I + "type Query { t(i: [In!] = [{e: [A, B]}, {e: A}]): Int } "
            "input In { e: [E] } enum E { A @inaccessible B }"
        },
        'Enum value "E.A" is @inaccessible but is used in the default value of "Query.t(i:)", '
        "which is in the API schema.",
    ),
    ErrorCase(
        "REQUIRED_INACCESSIBLE",
        {
            "a": F2I + "type Query { t: I } interface I { x(a: Int! @inaccessible): Int } "
            "type T implements I { x(a: Int!): Int }"
        },
        'Argument "I.x(a:)" is @inaccessible but is implemented by the required argument '
        '"T.x(a:)", which is in the API schema.',
    ),
    ErrorCase(
        "IMPLEMENTED_BY_INACCESSIBLE",
        {
            "a": F2I + "type Query { t: I } interface I { x(a: Int): Int } "
            "type T implements I { x(a: Int @inaccessible): Int }"
        },
        'Argument "T.x(a:)" is @inaccessible but implements the interface argument "I.x(a:)", '
        "which is in the API schema.",
    ),
    ErrorCase(
        "IMPLEMENTED_BY_INACCESSIBLE",
        {
            "a": F2I + "type Query { t: I } interface I { x: Int } "
            "interface J implements I { x: Int @inaccessible y: Int } "
            "type T implements J & I { x: Int y: Int }"
        },
        'Field "J.x" is @inaccessible but implements the interface field "I.x", which is in the '
        "API schema.",
    ),
    ErrorCase(  # an entity whose only other subgraph declares no resolvable key
        "SATISFIABILITY_ERROR",
        {
            "a": F2 + 'type Query { t: T } type T @key(fields: "id") { id: ID! x: Int }',
            "b": F2 + 'type T @key(fields: "id", resolvable: false) { id: ID! y: Int }',
        },
        "The following supergraph API query:\n{\n  t {\n    y\n  }\n}\ncannot be satisfied by "
        'the subgraphs because:\n- from subgraph "a":\n  - cannot find field "T.y".\n  - cannot '
        'move to subgraph "b", which has field "T.y", because none of the @key defined on type '
        '"T" in subgraph "b" are resolvable (they are all declared with their "resolvable" '
        "argument set to false).",
    ),
    ErrorCase(  # a @shareable value type whose owning subgraph cannot be entered
        "SATISFIABILITY_ERROR",
        {
            "a": F2 + "type Query { t: T } type T @shareable { x: Int }",
            "b": F2 + "type T @shareable { x: Int y(a: Int, b: String!, c: E, d: [Int], "
            "e: In, f: In2!): U } type U { z: Int } enum E { B C } input In { p: Int! q: Int } "
            "input In2 { r: ID! }",
        },
        'The following supergraph API query:\n{\n  t {\n    y(a: 0, b: "A string value", c: B, '
        'd: [], e: {p: 0}, f: {r: "<any id>"}) {\n      ...\n    }\n  }\n}\ncannot be satisfied '
        'by the subgraphs because:\n- from subgraph "a":\n  - cannot find field "T.y".\n  - '
        'cannot move to subgraph "b", which has field "T.y", because type "T" has no @key defined '
        'in subgraph "b".',
    ),
    ErrorCase(  # a @requires whose field only a non-resolvable subgraph has
        "SATISFIABILITY_ERROR",
        {
            "a": F2 + 'type Query { t: T } type T @key(fields: "id") { id: ID! x: Int }',
            "b": F2 + 'type T @key(fields: "id") { id: ID! w: Int @external '
            'z: Int @requires(fields: "w") }',
            "c": F2 + 'type T @key(fields: "id", resolvable: false) { id: ID! w: Int }',
        },
        "The following supergraph API query:\n{\n  t {\n    z\n  }\n}\ncannot be satisfied by "
        'the subgraphs because:\n- from subgraph "a": cannot find field "T.z".\n- from subgraph '
        '"b": cannot satisfy @require conditions on field "T.z".',
    ),
    ErrorCase(  # key fields the subgraph we come from does not have
        "SATISFIABILITY_ERROR",
        {
            "a": F2 + 'type Query { t: T } type T @key(fields: "id") { id: ID! x: Int }',
            "b": F2 + 'type T @key(fields: "uid") { uid: ID! y: Int }',
        },
        "The following supergraph API query:\n{\n  t {\n    y\n  }\n}\ncannot be satisfied by "
        'the subgraphs because:\n- from subgraph "a":\n  - cannot find field "T.y".\n  - cannot '
        'move to subgraph "b" using @key(fields: "uid") of "T", the key field(s) cannot be '
        'resolved from subgraph "a".',
    ),
    ErrorCase(  # two subgraphs reach U, neither can move to the one owning U.z
        "SATISFIABILITY_ERROR",
        {
            "a": F2 + 'type Query { t: T @shareable } type T @key(fields: "id") { id: ID! '
            'u: U @shareable } type U @key(fields: "id") { id: ID! }',
            "b": F2 + 'type Query { t: T @shareable } type T @key(fields: "id") { id: ID! '
            'u: U @shareable } type U @key(fields: "id") { id: ID! }',
            "c": F2 + "type U { id: ID! @shareable z: Int }",
        },
        "The following supergraph API query:\n{\n  t {\n    u {\n      z\n    }\n  }\n}\ncannot "
        'be satisfied by the subgraphs because:\n- from subgraph "a":\n  - cannot find field '
        '"U.z".\n  - ignoring moving to subgraph "b" using @key(fields: "id") of "U" because '
        "there is a more direct path in b that avoids a altogether.\n  - cannot move to subgraph "
        '"c", which has field "U.z", because type "U" has no @key defined in subgraph "c".\n- '
        'from subgraph "b":\n  - cannot find field "U.z".\n  - ignoring moving to subgraph "a" '
        'using @key(fields: "id") of "U" because there is a more direct path in a that avoids b '
        'altogether.\n  - cannot move to subgraph "c", which has field "U.z", because type "U" '
        'has no @key defined in subgraph "c".',
    ),
    ErrorCase(  # under a mutation
        "SATISFIABILITY_ERROR",
        {
            "a": F2 + "type Query { q: Int } type Mutation { m: T } "
            'type T @key(fields: "id") { id: ID! }',
            "b": F2 + "type T { id: ID! @shareable y: Int }",
        },
        "The following supergraph API query:\nmutation {\n  m {\n    y\n  }\n}\ncannot be "
        'satisfied by the subgraphs because:\n- from subgraph "a":\n  - cannot find field '
        '"T.y".\n  - cannot move to subgraph "b", which has field "T.y", because type "T" has no '
        '@key defined in subgraph "b".',
    ),
    ErrorCase(  # below an interface: the witness query downcasts
        "SATISFIABILITY_ERROR",
        {
            "a": F2 + "type Query { i: I } interface I { x: Int } "
            'type A implements I @key(fields: "id") { id: ID! x: Int }',
            "b": F2 + 'type A @key(fields: "id", resolvable: false) { id: ID! y: Int }',
        },
        "The following supergraph API query:\n{\n  i {\n    ... on A {\n      y\n    }\n  }\n}\n"
        'cannot be satisfied by the subgraphs because:\n- from subgraph "a":\n  - cannot find '
        'field "A.y".\n  - cannot move to subgraph "b", which has field "A.y", because none of '
        'the @key defined on type "A" in subgraph "b" are resolvable (they are all declared with '
        'their "resolvable" argument set to false).',
    ),
    ErrorCase(  # a @provides covers U.v but not U.w
        "SATISFIABILITY_ERROR",
        {
            "a": F2 + 'type Query { t: T @provides(fields: "u { v }") } '
            'type T @key(fields: "id") { id: ID! u: U @external } type U { v: Int @external }',
            "b": F2 + 'type T @key(fields: "id", resolvable: false) { id: ID! u: U @shareable } '
            "type U { v: Int @shareable w: Int }",
        },
        "The following supergraph API query:\n{\n  t {\n    u {\n      w\n    }\n  }\n}\ncannot "
        'be satisfied by the subgraphs because:\n- from subgraph "a":\n  - cannot find field '
        '"U.w".\n  - cannot move to subgraph "b", which has field "U.w", because type "U" has no '
        '@key defined in subgraph "b".',
    ),
]
