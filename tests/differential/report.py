"""Human-readable output: a reproduction of one case (subgraph SDLs, supergraph, operation,
the three answers, both plans, every subgraph exchange) and agreement figures per feature."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from tests.differential.harness import Case, Trace, same
from tests.differential.oracle import Answer


def _answer(label: str, answer: Answer | None) -> list[str]:
    if answer is None:
        return [f"{label}: (none)"]
    lines = [f"{label} data: {json.dumps(answer.data, sort_keys=False)}"]
    lines += [f"{label} error: {json.dumps(e)}" for e in answer.errors]
    return lines


def _fetches(label: str, fetches: list[tuple[str, bytes, bytes]]) -> list[str]:
    lines = [f"## subgraph fetches, {label} ({len(fetches)})"]
    for subgraph, request, response in fetches:
        body: Any
        try:
            body = json.loads(request)
        except ValueError:
            body = {"query": request.decode(errors="replace")}
        lines.append(f"-> {subgraph}: {body.get('query')}")
        if body.get("variables"):
            lines.append(f"   variables: {json.dumps(body['variables'])}")
        lines.append(f"<- {response.decode(errors='replace')}")
    return lines


def reproduction(case: Case, trace: Trace | None = None, original: Case | None = None) -> str:
    """`original`: the case as generated, when `case` is its minimized form."""
    assert case.operation is not None
    world_seed, index = divmod(case.seed, 10)
    lines = [
        f"# seed {case.seed} (world {world_seed}, operation {index}): {case.verdict}",
        f"features: {', '.join(sorted(case.operation.tags))}",
        "",
    ]
    for name, sdl in case.subgraph_sdls.items():
        lines += [f"## subgraph {name}", sdl.strip(), ""]
    title = "## operation (minimized)" if original is not None else "## operation"
    lines += [title, case.operation.query]
    if case.operation.variables:
        lines.append(f"variables: {json.dumps(case.operation.variables)}")
    if original is not None and original.operation is not None:
        lines += ["", "## operation as generated", original.operation.query]
        if original.operation.variables:
            lines.append(f"variables: {json.dumps(original.operation.variables)}")
    lines += ["", "## answers"]
    lines += _answer("ours", case.ours)
    lines += _answer("apollo", case.apollo)
    lines += _answer("expected", case.expected)
    if trace is not None:
        lines += ["", "## our plan", trace.our_plan, "", "## Apollo's plan", trace.apollo_plan, ""]
        lines += _fetches("ours", trace.our_fetches)
        lines += ["", *_fetches("@apollo/gateway", trace.apollo_fetches)]
    lines += ["", "## supergraph (Apollo's composition)", case.supergraph.strip()]
    return "\n".join(lines) + "\n"


class Tally:
    """Agreement figures over many cases, overall and per feature tag."""

    def __init__(self) -> None:
        self.statuses: Counter[str] = Counter()
        self.verdicts: Counter[str] = Counter()
        self.by_tag: dict[str, Counter[str]] = defaultdict(Counter)
        self.refusal_codes: Counter[str] = Counter()
        self.alike_but_unexpected = 0  # both gateways agree, on something else than the oracle

    def add(self, cases: Iterable[Case]) -> None:
        for case in cases:
            self.statuses[case.status] += 1
            if case.status == "refused" and case.seed % 10 == 0:
                for error in case.refusal:
                    self.refusal_codes[str(error.get("code"))] += 1
            if case.status != "compared" or case.operation is None:
                continue
            verdict = case.verdict
            self.verdicts[verdict] += 1
            if (
                verdict == "agree"
                and case.expected
                and case.ours
                and not same(case.ours, case.expected)
            ):
                self.alike_but_unexpected += 1
            for tag in case.operation.tags:
                self.by_tag[tag][verdict] += 1

    @property
    def compared(self) -> int:
        return self.statuses["compared"]

    def agreement(self) -> float:
        return self.verdicts["agree"] / self.compared if self.compared else 1.0

    def lines(self) -> list[str]:
        total = sum(self.statuses.values())
        worlds_refused = self.statuses["refused"] // 10
        lines = [
            f"cases: {total}, compared {self.compared}, refused by Apollo's composition "
            f"{self.statuses['refused']} ({worlds_refused} subgraph sets), without an operation "
            f"{self.statuses['no-operation']}",
            f"agreement with @apollo/gateway: {self.verdicts['agree']}/{self.compared} "
            f"= {100 * self.agreement():.1f} %",
            "disagreements: "
            + ", ".join(
                f"{v} {self.verdicts[v]}" for v in ("ours-wrong", "apollo-wrong", "both-wrong")
            )
            + "   (judged by the oracle: the answer the world's facts give)",
            f"agreeing, but both unlike the expected answer: {self.alike_but_unexpected}",
        ]
        if self.refusal_codes:
            lines.append(
                "composition refusals: "
                + ", ".join(f"{c} {n}" for c, n in self.refusal_codes.most_common())
            )
        lines += [
            "",
            f"{'feature':<28}{'cases':>7}{'agree':>8}{'ours-wrong':>12}{'apollo-wrong':>14}",
        ]
        rows = sorted(
            self.by_tag.items(),
            key=lambda item: (item[1]["agree"] / max(1, sum(item[1].values())), item[0]),
        )
        for tag, counts in rows:
            n = sum(counts.values())
            lines.append(
                f"{tag:<28}{n:>7}{100 * counts['agree'] / n:>7.1f}%"
                f"{counts['ours-wrong'] + counts['both-wrong']:>12}{counts['apollo-wrong']:>14}"
            )
        return lines
