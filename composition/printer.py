"""Print a merged supergraph exactly as `@apollo/composition` 2.x prints it.

Layout rules follow Apollo's printer (federation-internals/src/print.ts): schema block first,
then directive definitions and types each sorted by name the way JavaScript's `localeCompare`
sorts them, type-level directives one per line, descriptions as block strings (multi-line once
longer than 70 characters).
"""

from __future__ import annotations

from collections.abc import Sequence

from .merger import MergedDirective, MergedSchema
from .model import Applied, Argument, EnumValue, Field, TypeDef, type_to_string, value_to_string

INDENT = "  "
LINK_V1 = "https://specs.apollo.dev/link/v1.0"
INACCESSIBLE_URL = "https://specs.apollo.dev/inaccessible/v0.2"
TAG_URL = "https://specs.apollo.dev/tag/v0.3"

_JOIN_FIELD_ARGS = {
    (0, 3): "",
    (0, 4): ", overrideLabel: String",
    (0, 5): ", overrideLabel: String, contextArguments: [join__ContextArgument!]",
}
_SPEC_DIRECTIVES = {
    "inaccessible": "directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | "
    "ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION",
    "join__directive": "directive @join__directive(graphs: [join__Graph!], name: String!, args: "
    "join__DirectiveArguments) repeatable on SCHEMA | OBJECT | INTERFACE | FIELD_DEFINITION",
    "join__enumValue": "directive @join__enumValue(graph: join__Graph!) repeatable on ENUM_VALUE",
    "join__graph": "directive @join__graph(name: String!, url: String!) on ENUM_VALUE",
    "join__implements": "directive @join__implements(graph: join__Graph!, interface: String!) "
    "repeatable on OBJECT | INTERFACE",
    "join__type": "directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: "
    "Boolean! = false, resolvable: Boolean! = true, isInterfaceObject: Boolean! = false) "
    "repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR",
    "join__unionMember": "directive @join__unionMember(graph: join__Graph!, member: String!) "
    "repeatable on UNION",
    "link": "directive @link(url: String, as: String, for: link__Purpose, import: "
    "[link__Import]) repeatable on SCHEMA",
    "tag": "directive @tag(name: String!) repeatable on FIELD_DEFINITION | OBJECT | INTERFACE | "
    "UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | "
    "INPUT_FIELD_DEFINITION | SCHEMA",
}
_LINK_PURPOSE = """enum link__Purpose {
  \"\"\"
  `SECURITY` features provide metadata necessary to securely resolve fields.
  \"\"\"
  SECURITY

  \"\"\"
  `EXECUTION` features provide metadata necessary for operation execution.
  \"\"\"
  EXECUTION
}"""
_CONTEXT_ARGUMENT = """input join__ContextArgument {
  name: String!
  type: String!
  context: String!
  selection: join__FieldValue!
}"""


def collation_key(name: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Sort key reproducing ICU root collation (JS `localeCompare`) on GraphQL names.

    Primary strength: `_` < digits < letters, letters case-insensitive; ties are then broken
    by case, lowercase first.
    """

    def primary(c: str) -> int:
        if c == "_":
            return 0
        if c.isdigit():
            return 1 + int(c)
        return 20 + ord(c.lower())

    return tuple(primary(c) for c in name), tuple(0 if c.islower() else 1 for c in name)


# ---------------------------------------------------------------------------- strings


def block_string(value: str, prefer_multiple_lines: bool) -> str:
    single_line = "\n" not in value
    leading_space = value[:1] in (" ", "\t")
    multi = not single_line or value.endswith('"') or value.endswith("\\") or prefer_multiple_lines
    out = ""
    if multi and not (single_line and leading_space):
        out += "\n"
    out += value
    if multi:
        out += "\n"
    return '"""' + out.replace('"""', '\\"""') + '"""'


def description(text: str | None, indentation: str = "", first_in_block: bool = True) -> str:
    if text is None:
        return ""
    block = block_string(text, len(text) > 70)
    prefix = "\n" + indentation if indentation and not first_in_block else indentation
    return prefix + block.replace("\n", "\n" + indentation) + "\n"


# ---------------------------------------------------------------------------- elements


def _directives_inline(directives: Sequence[Applied]) -> str:
    return "".join(" " + str(d) for d in directives)


def _directives_block(directives: Sequence[Applied], end_with_newline: bool) -> str:
    if not directives:
        return ""
    text = "\n" + INDENT + ("\n" + INDENT).join(str(d) for d in directives)
    return text + ("\n" if end_with_newline else "")


def _argument(arg: Argument) -> str:
    default = f" = {value_to_string(arg.default)}" if arg.default is not None else ""
    return f"{arg.name}: {type_to_string(arg.type)}{default}{_directives_inline(arg.directives)}"


def _arguments(args: Sequence[Argument], indentation: str = "") -> str:
    if not args:
        return ""
    if all(not a.description for a in args):
        return "(" + ", ".join(_argument(a) for a in args) + ")"
    lines = [
        description(a.description, INDENT + indentation, i == 0)
        + INDENT
        + indentation
        + _argument(a)
        for i, a in enumerate(args)
    ]
    return "(\n" + "\n".join(lines) + "\n" + indentation + ")"


def _field(f: Field, input_field: bool) -> str:
    if input_field:
        default = f" = {value_to_string(f.default)}" if f.default is not None else ""
        head = f"{f.name}: {type_to_string(f.type)}{default}"
    else:
        head = f"{f.name}{_arguments(list(f.args.values()), INDENT)}: {type_to_string(f.type)}"
    return head + _directives_inline(f.directives)


def _block(items: list[str]) -> str:
    return "{\n" + "\n".join(items) + "\n}" if items else ""


def print_type(t: TypeDef) -> str:
    head = description(t.description)
    if t.kind == "scalar":
        return f"{head}scalar {t.name}{_directives_block(t.directives, False)}"
    if t.kind == "union":
        members = " = " + " | ".join(t.members) if t.members else ""
        return f"{head}union {t.name}{_directives_block(t.directives, bool(t.members))}{members}"
    if t.kind == "enum":
        values = [_enum_value(v, i == 0) for i, v in enumerate(t.values.values())]
        return (
            f"{head}enum {t.name}{_directives_block(t.directives, bool(values))}"
            + (" " if not t.directives and values else "")
            + _block(values)
        )
    keyword = {"object": "type", "interface": "interface", "input": "input"}[t.kind]
    implements = " implements " + " & ".join(t.interfaces) if t.interfaces else ""
    fields = [
        description(f.description, INDENT, i == 0) + INDENT + _field(f, t.kind == "input")
        for i, f in enumerate(t.fields.values())
    ]
    return (
        f"{head}{keyword} {t.name}{implements}{_directives_block(t.directives, bool(fields))}"
        + (" " if not t.directives and fields else "")
        + _block(fields)
    )


def _enum_value(v: EnumValue, first: bool) -> str:
    return (
        description(v.description, INDENT, first)
        + INDENT
        + v.name
        + _directives_inline(v.directives)
    )


def _directive_definition(d: MergedDirective) -> str:
    args = _arguments(list(d.args.values()))
    repeatable = " repeatable" if d.repeatable else ""
    return f"{description(d.description)}directive @{d.name}{args}{repeatable} on " + " | ".join(
        d.locations
    )


# ---------------------------------------------------------------------------- whole supergraph


def print_supergraph(schema: MergedSchema) -> str:
    major, minor = schema.join_version
    links = [
        f'@link(url: "{LINK_V1}")',
        f'@link(url: "https://specs.apollo.dev/join/v{major}.{minor}", for: EXECUTION)',
    ]
    if schema.uses_tag:
        links.append(f'@link(url: "{TAG_URL}")')
    if schema.uses_inaccessible:
        links.append(f'@link(url: "{INACCESSIBLE_URL}", for: SECURITY)')
    roots = [
        f"{INDENT}{op}: {schema.roots[op]}"
        for op in ("query", "mutation", "subscription")
        if op in schema.roots
    ]
    schema_block = "schema\n" + "".join(f"{INDENT}{link}\n" for link in links) + _block(roots)

    directives = {n: t for n, t in _SPEC_DIRECTIVES.items() if not n.startswith(("inacc", "tag"))}
    if schema.join_version == (0, 3):
        del directives["join__directive"]
    directives["join__field"] = (
        "directive @join__field(graph: join__Graph, requires: join__FieldSet, provides: "
        "join__FieldSet, type: String, external: Boolean, override: String, usedOverridden: "
        f"Boolean{_JOIN_FIELD_ARGS[schema.join_version]}) repeatable on FIELD_DEFINITION | "
        "INPUT_FIELD_DEFINITION"
    )
    if schema.uses_inaccessible:
        directives["inaccessible"] = _SPEC_DIRECTIVES["inaccessible"]
    if schema.uses_tag:
        directives["tag"] = _SPEC_DIRECTIVES["tag"]
    for name, d in schema.directives.items():
        directives[name] = _directive_definition(d)

    types = {name: print_type(t) for name, t in schema.types.items()}
    graphs = [
        f'{INDENT}{value} @join__graph(name: "{name}", url: "{url}")'
        for value, name, url in schema.graphs
    ]
    types["join__FieldSet"] = "scalar join__FieldSet"
    types["join__Graph"] = "enum join__Graph " + _block(graphs)
    types["link__Import"] = "scalar link__Import"
    types["link__Purpose"] = _LINK_PURPOSE
    if schema.join_version >= (0, 4):
        types["join__DirectiveArguments"] = "scalar join__DirectiveArguments"
    if schema.join_version >= (0, 5):
        types["join__ContextArgument"] = _CONTEXT_ARGUMENT
        types["join__FieldValue"] = "scalar join__FieldValue"

    parts = [schema_block]
    parts += [directives[n] for n in sorted(directives, key=collation_key)]
    parts += [types[n] for n in sorted(types, key=collation_key)]
    return "\n\n".join(parts)
