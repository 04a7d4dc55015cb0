"""The merger: validated subgraphs in, one merged schema (types with join directives) out.

One module per seam, each a set of functions over the shared `MergeContext`: types, fields,
enums, inputs, interfaces, interface objects, directives and sharing (@override, @shareable).
"""

from .merge import merge_subgraphs
from .result import MergedDirective, MergedSchema

__all__ = ["MergedDirective", "MergedSchema", "merge_subgraphs"]
