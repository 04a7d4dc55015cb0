"""Who resolves a field: @override between subgraphs, and the field-sharing rule (a field
resolved by several subgraphs must be @shareable in each)."""

from __future__ import annotations

import re

from ..errors import human_list
from ..model import Field, has_directive
from .context import MergeContext, OverrideOutcome, Sources
from .interface_objects import fields_through_interface_objects

LABEL = re.compile(r"^[a-zA-Z][a-zA-Z0-9_\-:./]*$")
PERCENT_LABEL = re.compile(r"^percent\((\d{1,2}(\.\d{1,8})?|100)\)$")


def resolve_overrides(context: MergeContext, sources: Sources, dest: Field) -> OverrideOutcome:
    """Check each @override on the field and record which subgraphs it takes the field from."""
    outcome = OverrideOutcome()
    if dest.coordinate not in context.override_coordinates:
        return outcome
    with_override = {
        context.names[index]: index
        for index, source in enumerate(sources)
        if source is not None and has_directive(source, "override")
    }
    for name, index in with_override.items():
        source = sources[index]
        assert source is not None
        directive = next(applied for applied in source.directives if applied.name == "override")
        parent = context.subgraphs[index].type(source.parent)
        if parent is not None and parent.kind == "interface":
            context.error(
                "OVERRIDE_ON_INTERFACE",
                f'@override cannot be used on field "{dest.coordinate}" on subgraph '
                f'"{name}": @override is not supported on interface type fields.',
            )
            continue
        from_name = directive.arg_str("from") or ""
        if from_name not in context.names:
            outcome.unknown_target.add(index)
            continue
        if from_name == name:
            context.error(
                "OVERRIDE_FROM_SELF_ERROR",
                f'Source and destination subgraphs "{from_name}" are the same for '
                f'overridden field "{dest.coordinate}"',
            )
            continue
        if from_name in with_override:
            context.error(
                "OVERRIDE_SOURCE_HAS_OVERRIDE",
                f'Field "{dest.coordinate}" on subgraph "{name}" is also marked with '
                f'directive @override in subgraph "{from_name}". Only one @override '
                "directive is allowed per field.",
            )
            continue
        from_index = context.names.index(from_name)
        from_field = sources[from_index]
        if from_field is None:
            continue
        conflict = next(
            (other for other in ("requires", "provides") if has_directive(from_field, other)), None
        )
        where = from_name
        if conflict is None and context.metadata[index].is_external(source):
            conflict, where = "external", name
        if conflict is not None:
            context.error(
                "OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE",
                f'@override cannot be used on field "{from_field.coordinate}" on subgraph '
                f'"{name}" since "{from_field.coordinate}" on "{where}" is marked with '
                f'directive "@{conflict}"',
            )
            continue
        from_metadata = context.metadata[from_index]
        if from_metadata.is_external(from_field):
            pass
        elif from_metadata.is_used(from_field):
            outcome.used_overridden.add(from_index)
        else:
            outcome.unused_overridden.add(from_index)
        label = directive.arg_str("label")
        if label is None:
            continue
        percent = PERCENT_LABEL.match(label)
        if LABEL.match(label) or (percent and 0 <= float(percent[1]) <= 100):
            outcome.labels[index] = outcome.labels[from_index] = label
        else:
            context.error(
                "OVERRIDE_LABEL_INVALID",
                f'Invalid @override label "{label}" on field "{dest.coordinate}" on '
                f'subgraph "{name}": labels must start with a letter and after that '
                "may contain alphanumerics, underscores, minuses, colons, periods, or "
                'slashes. Alternatively, labels may be of the form "percent(x)" where '
                "x is a float between 0-100 inclusive.",
            )
    return outcome


def check_field_sharing(
    context: MergeContext, sources: Sources, dest: Field, overrides: OverrideOutcome
) -> None:
    """INVALID_FIELD_SHARING when several subgraphs resolve a field some of them do not mark
    @shareable."""
    shareable: list[str] = []
    non_shareable: list[tuple[str, int]] = []
    resolving: list[str] = []

    def categorize(index: int, label: str, subgraph_field: Field) -> None:
        metadata = context.metadata[index]
        if metadata.is_fully_external(subgraph_field):
            return
        resolving.append(label)
        if metadata.is_shareable(subgraph_field):
            shareable.append(label)
        else:
            non_shareable.append((label, index))

    for index, source in enumerate(sources):
        label = f'"{context.names[index]}"'
        if source is None:
            for through in fields_through_interface_objects(context, dest, index):
                categorize(
                    index,
                    f'{label} (through @interfaceObject field "{through.coordinate}")',
                    through,
                )
            continue
        if index in overrides.used_overridden or index in overrides.unused_overridden:
            continue
        categorize(index, label, source)
    if not non_shareable or not (shareable or len(non_shareable) > 1):
        return

    def show(items: list[str]) -> str:
        return human_list(items, "subgraph", "subgraphs", cutoff=500)

    others = show([label for label, _ in non_shareable]) if shareable else "all of them"
    extra = ""
    targetless = [label for label, index in non_shareable if index in overrides.unknown_target]
    if targetless:
        extra = (
            f' (please note that "{dest.coordinate}" has an @override directive in '
            f"{targetless[0]} that targets an unknown subgraph so this could be due "
            "to misspelling the @override(from:) argument)"
        )
    context.error(
        "INVALID_FIELD_SHARING",
        f'Non-shareable field "{dest.coordinate}" is resolved from multiple subgraphs: '
        f"it is resolved from {show(resolving)} and defined as non-shareable in "
        f"{others}{extra}",
    )
