"""The query plan as JSON, in the shape Apollo serves under `extensions.apolloQueryPlan.object`
(`@apollo/query-planner`'s QueryPlan objects), so tools reading Apollo's plans read ours."""

from __future__ import annotations

from typing import Any

from router.planner.plan import (
    Condition,
    Fetch,
    Flatten,
    InputField,
    InputSelection,
    Parallel,
    PlanNode,
    QueryPlan,
    Sequence,
)


def _selection(selection: InputSelection) -> dict[str, Any]:
    if isinstance(selection, InputField):
        result: dict[str, Any] = {"kind": "Field", "name": selection.name}
        if selection.response_key != selection.name:
            result["alias"] = selection.response_key
        if selection.selections:
            result["selections"] = [_selection(s) for s in selection.selections]
        return result
    return {
        "kind": "InlineFragment",
        "typeCondition": selection.type_condition,
        "selections": [_selection(s) for s in selection.selections],
    }


def _fetch(fetch: Fetch) -> dict[str, Any]:
    result: dict[str, Any] = {"kind": "Fetch", "serviceName": fetch.service}
    if fetch.requires:
        result["requires"] = [_selection(s) for s in fetch.requires]
    result["variableUsages"] = list(fetch.variable_usages)
    result["operation"] = fetch.operation
    if fetch.operation_name:
        result["operationName"] = fetch.operation_name
    result["operationKind"] = fetch.operation_kind
    if fetch.input_rewrites:
        result["inputRewrites"] = [
            {
                "kind": "ValueSetter",
                "path": [f"... on {r.type_condition}", "__typename"],
                "setValueTo": r.set_to,
            }
            for r in fetch.input_rewrites
        ]
    if fetch.output_rewrites:
        result["outputRewrites"] = [
            {"kind": "KeyRenamer", "path": list(r.path), "renameKeyTo": r.rename_to}
            for r in fetch.output_rewrites
        ]
    return result


def node_to_json(node: PlanNode) -> dict[str, Any]:
    if isinstance(node, Fetch):
        return _fetch(node)
    if isinstance(node, Flatten):
        return {"kind": "Flatten", "path": list(node.path), "node": node_to_json(node.node)}
    if isinstance(node, Sequence | Parallel):
        kind = "Sequence" if isinstance(node, Sequence) else "Parallel"
        return {"kind": kind, "nodes": [node_to_json(child) for child in node.nodes]}
    assert isinstance(node, Condition)
    result: dict[str, Any] = {"kind": "Condition", "condition": node.variable}
    if node.if_clause is not None:
        result["ifClause"] = node_to_json(node.if_clause)
    if node.else_clause is not None:
        result["elseClause"] = node_to_json(node.else_clause)
    return result


def plan_to_json(plan: QueryPlan) -> dict[str, Any]:
    result: dict[str, Any] = {"kind": "QueryPlan"}
    if plan.node is not None:
        result["node"] = node_to_json(plan.node)
    return result
