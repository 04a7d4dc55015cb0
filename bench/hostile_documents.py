"""CPU spent refusing hostile documents of ~110 kB: on a subgraph (billing's schema, in
process: Strawberry with our guard) and on the router (its operation preparer), against what
parsing and validating them costs without the guards (graphql-core alone, as a subgraph did
before it had them).

    .venv/bin/python -m bench.hostile_documents [--rounds N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from graphql import parse, validate

from router.pipeline import Router
from subgraphs.billing.schema import schema as billing

WALLET = 'wallet(organizationId: "T3JnYW5pemF0aW9uOjA=")'
DOCUMENTS = {
    "9,000 aliases (160 kB)": "{ " + " ".join(f"a{i}: __typename" for i in range(9_000)) + " }",
    "13,000 repeated fields (104 kB)": "{ " + WALLET + " { " + "balance " * 13_000 + "} }",
    "2,500 aliased wallets (116 kB)": "{ "
    + " ".join(f"w{i}: {WALLET} {{ balance }}" for i in range(2_500))
    + " }",
}
SUPERGRAPH = Path(__file__).resolve().parent.parent / "schema" / "supergraph.graphql"


def timed(work: Callable[[], object], rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    loop = asyncio.new_event_loop()
    rows: dict[str, list[float]] = {}
    for name, document in DOCUMENTS.items():

        def unguarded(document: str = document) -> object:
            return validate(billing._schema, parse(document))

        def subgraph(document: str = document) -> object:
            result = loop.run_until_complete(billing.execute(document))
            assert result.errors, "a hostile document must be refused"
            return result

        rows[name] = [timed(unguarded, 1), timed(subgraph, rounds)]
    loop.close()
    # Loaded last: a router's object graph in the same process slows the garbage collector
    # down for everything measured after it.
    router = Router.from_sdl(SUPERGRAPH.read_text())
    for name, document in DOCUMENTS.items():

        def routed(document: str = document) -> object:
            # A new text each round: the preparer caches by text, an attacker varies it.
            prepared = router.preparer.prepare(document + f" # {time.perf_counter_ns()}", None)
            assert prepared.errors
            return prepared

        rows[name].append(timed(routed, rounds))
    print(f"{'document':<34} {'unguarded':>10} {'subgraph':>10} {'router':>10}  (median s)")
    for name, (plain, guarded, routed_seconds) in rows.items():
        print(f"{name:<34} {plain:>10.3f} {guarded:>10.4f} {routed_seconds:>10.4f}")


if __name__ == "__main__":
    main()
