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

    def primary(char: str) -> int:
        if char == "_":
            return 0
        if char.isdigit():
            return 1 + int(char)
        return 20 + ord(char.lower())

    return tuple(primary(char) for char in name), tuple(0 if char.islower() else 1 for char in name)


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
    return "".join(" " + str(directive) for directive in directives)


def _directives_block(directives: Sequence[Applied], end_with_newline: bool) -> str:
    if not directives:
        return ""
    text = "\n" + INDENT + ("\n" + INDENT).join(str(directive) for directive in directives)
    return text + ("\n" if end_with_newline else "")


def _argument(arg: Argument) -> str:
    default = f" = {value_to_string(arg.default)}" if arg.default is not None else ""
    return f"{arg.name}: {type_to_string(arg.type)}{default}{_directives_inline(arg.directives)}"


def _arguments(args: Sequence[Argument], indentation: str = "") -> str:
    if not args:
        return ""
    if all(not arg.description for arg in args):
        return "(" + ", ".join(_argument(arg) for arg in args) + ")"
    lines = [
        description(arg.description, INDENT + indentation, position == 0)
        + INDENT
        + indentation
        + _argument(arg)
        for position, arg in enumerate(args)
    ]
    return "(\n" + "\n".join(lines) + "\n" + indentation + ")"


def _field(type_field: Field, input_field: bool) -> str:
    type_text = type_to_string(type_field.type)
    if input_field:
        default = type_field.default
        default_text = f" = {value_to_string(default)}" if default is not None else ""
        head = f"{type_field.name}: {type_text}{default_text}"
    else:
        args = _arguments(list(type_field.args.values()), INDENT)
        head = f"{type_field.name}{args}: {type_text}"
    return head + _directives_inline(type_field.directives)


def _block(items: list[str]) -> str:
    return "{\n" + "\n".join(items) + "\n}" if items else ""


def print_type(type_def: TypeDef) -> str:
    head = description(type_def.description)
    if type_def.kind == "scalar":
        return f"{head}scalar {type_def.name}{_directives_block(type_def.directives, False)}"
    if type_def.kind == "union":
        members = " = " + " | ".join(type_def.members) if type_def.members else ""
        directives = _directives_block(type_def.directives, bool(type_def.members))
        return f"{head}union {type_def.name}{directives}{members}"
    if type_def.kind == "enum":
        values = [
            _enum_value(value, position == 0)
            for position, value in enumerate(type_def.values.values())
        ]
        return (
            f"{head}enum {type_def.name}{_directives_block(type_def.directives, bool(values))}"
            + (" " if not type_def.directives and values else "")
            + _block(values)
        )
    keyword = {"object": "type", "interface": "interface", "input": "input"}[type_def.kind]
    implements = " implements " + " & ".join(type_def.interfaces) if type_def.interfaces else ""
    fields = [
        description(type_field.description, INDENT, position == 0)
        + INDENT
        + _field(type_field, type_def.kind == "input")
        for position, type_field in enumerate(type_def.fields.values())
    ]
    directives = _directives_block(type_def.directives, bool(fields))
    return (
        f"{head}{keyword} {type_def.name}{implements}{directives}"
        + (" " if not type_def.directives and fields else "")
        + _block(fields)
    )


def _enum_value(value: EnumValue, first: bool) -> str:
    return (
        description(value.description, INDENT, first)
        + INDENT
        + value.name
        + _directives_inline(value.directives)
    )


def _directive_definition(directive: MergedDirective) -> str:
    args = _arguments(list(directive.args.values()))
    repeatable = " repeatable" if directive.repeatable else ""
    return (
        f"{description(directive.description)}directive @{directive.name}{args}{repeatable} on "
        + " | ".join(directive.locations)
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
        f"{INDENT}{operation}: {schema.roots[operation]}"
        for operation in ("query", "mutation", "subscription")
        if operation in schema.roots
    ]
    schema_block = "schema\n" + "".join(f"{INDENT}{link}\n" for link in links) + _block(roots)

    directives = {
        name: text
        for name, text in _SPEC_DIRECTIVES.items()
        if not name.startswith(("inacc", "tag"))
    }
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
    for name, directive in schema.directives.items():
        directives[name] = _directive_definition(directive)

    types = {name: print_type(text) for name, text in schema.types.items()}
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
    parts += [directives[name] for name in sorted(directives, key=collation_key)]
    parts += [types[name] for name in sorted(types, key=collation_key)]
    return "\n\n".join(parts)
