"""Input object types: only the fields every subgraph defines reach the supergraph."""

from __future__ import annotations

from ..model import TypeDef, has_directive
from .context import MergeContext, OverrideOutcome, Sources
from .directives import merge_description, record_directives
from .fields import (
    add_join_field,
    declare_fields,
    merge_default,
    merge_type_reference,
    report_required_missing,
)


def merge_input(context: MergeContext, sources: Sources, dest: TypeDef) -> None:
    for name, field_sources in declare_fields(sources, dest).items():
        dest_field = dest.fields[name]
        merge_description(field_sources, dest_field)
        record_directives(context, field_sources, dest_field)
        all_equal = merge_type_reference(context, field_sources, dest_field, True)
        add_join_field(context, field_sources, dest_field, all_equal, OverrideOutcome())
        merge_default(context, field_sources, dest_field, "Input field")
        missing = [
            context.names[index]
            for index, source in enumerate(sources)
            if source is not None and field_sources[index] is None
        ]
        if has_directive(dest_field, "inaccessible") or not missing:
            continue
        report_required_missing(
            context,
            "REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH",
            f'Input object field "{dest_field.coordinate}"',
            field_sources,
            missing,
        )
        del dest.fields[name]
    if not dest.fields:
        context.error(
            "EMPTY_MERGED_INPUT_TYPE",
            f'None of the fields of input object type "{dest.name}" are consistently '
            "defined in all the subgraphs defining that type. As only fields common to "
            "all subgraphs are merged, this would result in an empty type.",
        )
