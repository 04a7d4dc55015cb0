"""Enums: which values reach the supergraph depends on where the enum is used (Apollo's rule:
all values for output-only enums, the common ones for input-only, the same set everywhere for
both)."""

from __future__ import annotations

from ..errors import CompositionError
from ..model import Applied, EnumValue, TypeDef, has_directive
from ..reporter import mismatch_error
from .context import EnumUsage, MergeContext, Sources
from .directives import merge_description, record_directives


def merge_enum(context: MergeContext, sources: Sources, dest: TypeDef) -> None:
    usage = context.enum_usages.get(dest.name) or EnumUsage("Output")
    for source in sources:
        for value_name in source.values if source is not None else ():
            dest.values.setdefault(value_name, EnumValue(value_name))
    for value in list(dest.values.values()):
        value_sources = [
            source.values.get(value.name) if source is not None else None for source in sources
        ]
        merge_description(value_sources, value)
        record_directives(context, value_sources, value)
        for index, value_source in enumerate(value_sources):
            if value_source is not None:
                value.directives.append(
                    Applied("join__enumValue", {"graph": context.graph_value(index)})
                )
        inaccessible = has_directive(value, "inaccessible")
        missing = any(source is not None and value.name not in source.values for source in sources)
        if inaccessible or usage.position == "Output" or not missing:
            continue
        if usage.position == "Input":
            del dest.values[value.name]
            continue
        context.errors.append(_value_mismatch(context, sources, dest, value.name, usage))
    if not dest.values:
        context.error(
            "EMPTY_MERGED_ENUM_TYPE",
            f'None of the values of enum type "{dest.name}" are defined consistently in '
            "all the subgraphs defining that type. As only values common to all subgraphs "
            "are merged, this would result in an empty type.",
        )


def _value_mismatch(
    context: MergeContext, sources: Sources, dest: TypeDef, value: str, usage: EnumUsage
) -> CompositionError:
    def has_value(source: TypeDef) -> str:
        return "yes" if value in source.values else "no"

    def defined_in(_: str, subgraphs: str | None) -> str:
        return f'"{value}" is defined in {subgraphs}'

    def missing_in(_: str, subgraphs: str) -> str:
        return f"not in {subgraphs}"

    return mismatch_error(
        "ENUM_VALUE_MISMATCH",
        f'Enum type "{dest.name}" is used as both input type (for example, as type of '
        f'"{usage.examples["Input"]}") and output type (for example, as type of '
        f'"{usage.examples["Output"]}"), but value "{value}" is not defined in all the '
        f'subgraphs defining "{dest.name}": ',
        context.names,
        sources,
        has_value,
        "yes",
        defined_in,
        missing_in,
    )
