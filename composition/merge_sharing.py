"""@override resolution and the field-sharing rule (INVALID_FIELD_SHARING)."""

from __future__ import annotations

from .errors import CompositionError
from .merge_base import LABEL, PERCENT_LABEL, FieldCtx, MergeState, Sources
from .model import (
    Field,
    has_directive,
)


class SharingRules(MergeState):
    def _validate_override(self, sources: Sources, dest: Field) -> FieldCtx:
        ctx = FieldCtx()
        if dest.coordinate not in self.override_coordinates:
            return ctx
        with_override = {
            self.names[i]: i
            for i, s in enumerate(sources)
            if s is not None and has_directive(s, "override")
        }
        for name, idx in with_override.items():
            source = sources[idx]
            assert source is not None
            directive = next(d for d in source.directives if d.name == "override")
            parent = self.subgraphs[idx].type(source.parent)
            if parent is not None and parent.kind == "interface":
                self.errors.append(
                    CompositionError(
                        "OVERRIDE_ON_INTERFACE",
                        f'@override cannot be used on field "{dest.coordinate}" on subgraph '
                        f'"{name}": @override is not supported on interface type fields.',
                    )
                )
                continue
            from_name = directive.arg_str("from") or ""
            if from_name not in self.names:
                ctx.unknown_target.add(idx)
                continue
            if from_name == name:
                self.errors.append(
                    CompositionError(
                        "OVERRIDE_FROM_SELF_ERROR",
                        f'Source and destination subgraphs "{from_name}" are the same for '
                        f'overridden field "{dest.coordinate}"',
                    )
                )
                continue
            if from_name in with_override:
                self.errors.append(
                    CompositionError(
                        "OVERRIDE_SOURCE_HAS_OVERRIDE",
                        f'Field "{dest.coordinate}" on subgraph "{name}" is also marked with '
                        f'directive @override in subgraph "{from_name}". Only one @override '
                        "directive is allowed per field.",
                    )
                )
                continue
            from_idx = self.names.index(from_name)
            from_field = sources[from_idx]
            if from_field is None:
                continue
            conflict = next(
                (d for d in ("requires", "provides") if has_directive(from_field, d)), None
            )
            where = from_name
            if conflict is None and self.meta[idx].is_external(source):
                conflict, where = "external", name
            if conflict is not None:
                self.errors.append(
                    CompositionError(
                        "OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE",
                        f'@override cannot be used on field "{from_field.coordinate}" on subgraph '
                        f'"{name}" since "{from_field.coordinate}" on "{where}" is marked with '
                        f'directive "@{conflict}"',
                    )
                )
                continue
            if self.meta[from_idx].is_external(from_field):
                pass
            elif self.meta[from_idx].is_used(from_field):
                ctx.used_overridden.add(from_idx)
            else:
                ctx.unused_overridden.add(from_idx)
            label = directive.arg_str("label")
            if label is not None:
                match = PERCENT_LABEL.match(label)
                if LABEL.match(label) or (match and 0 <= float(match[1]) <= 100):
                    ctx.labels[idx] = ctx.labels[from_idx] = label
                else:
                    self.errors.append(
                        CompositionError(
                            "OVERRIDE_LABEL_INVALID",
                            f'Invalid @override label "{label}" on field "{dest.coordinate}" on '
                            f'subgraph "{name}": labels must start with a letter and after that '
                            "may contain alphanumerics, underscores, minuses, colons, periods, or "
                            'slashes. Alternatively, labels may be of the form "percent(x)" where '
                            "x is a float between 0-100 inclusive.",
                        )
                    )
        return ctx

    def _validate_field_sharing(self, sources: Sources, dest: Field, ctx: FieldCtx) -> None:
        shareable: list[str] = []
        non_shareable: list[tuple[str, int]] = []
        resolving: list[str] = []

        def categorize(idx: int, label: str, f: Field) -> None:
            if self.meta[idx].is_fully_external(f):
                return
            resolving.append(label)
            if self.meta[idx].is_shareable(f):
                shareable.append(label)
            else:
                non_shareable.append((label, idx))

        for idx, s in enumerate(sources):
            label = f'"{self.names[idx]}"'
            if s is None:
                for f in self._itf_object_fields(dest, idx):
                    categorize(idx, f'{label} (through @interfaceObject field "{f.coordinate}")', f)
                continue
            if idx in ctx.used_overridden or idx in ctx.unused_overridden:
                continue
            categorize(idx, label, s)
        if non_shareable and (shareable or len(non_shareable) > 1):
            from .errors import human_list

            def show(items: list[str]) -> str:
                return human_list(items, "subgraph", "subgraphs", cutoff=500)

            others = show([n for n, _ in non_shareable]) if shareable else "all of them"
            extra = ""
            targetless = [n for n, i in non_shareable if i in ctx.unknown_target]
            if targetless:
                extra = (
                    f' (please note that "{dest.coordinate}" has an @override directive in '
                    f"{targetless[0]} that targets an unknown subgraph so this could be due "
                    "to misspelling the @override(from:) argument)"
                )
            self.errors.append(
                CompositionError(
                    "INVALID_FIELD_SHARING",
                    f'Non-shareable field "{dest.coordinate}" is resolved from multiple subgraphs: '
                    f"it is resolved from {show(resolving)} and defined as non-shareable in "
                    f"{others}{extra}",
                )
            )
