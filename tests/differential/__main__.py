"""The differential suite as a standalone run, for many more seeds than CI:

    .venv/bin/python -m tests.differential --seeds 0:5000   # figures per feature
    .venv/bin/python -m tests.differential --repro DIR      # CI's seeds; a file per disagreement
    .venv/bin/python -m tests.differential --seed 123       # one case, reproduced in full
    .venv/bin/python -m tests.differential --write-known    # refresh known_failures.toml

Prints agreement with @apollo/gateway overall and per feature, and (with --repro or --seed)
minimal material to reproduce each disagreement: subgraph SDLs, supergraph, operation, our
answer, Apollo's, the expected one, both plans and every subgraph exchange."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

from tests.differential.classify import APOLLO_WRONG_WHY, classify_apollo_wrong
from tests.differential.harness import CI_SEEDS, OPERATIONS_PER_WORLD, Case, Harness
from tests.differential.known import KNOWN_FAILURES_FILE, write_known_failures
from tests.differential.minimize import minimal_case
from tests.differential.report import Tally, reproduction


def _seed_range(text: str) -> range:
    start, _, stop = text.partition(":")
    return range(int(start), int(stop) if stop else int(start) + 1)


async def _run(arguments: argparse.Namespace) -> int:
    harness = Harness(keep_worlds=4)
    await harness.start()
    try:
        if arguments.seed is not None:
            case = await harness.case(arguments.seed)
            if case.status != "compared":
                print(f"seed {arguments.seed}: {case.status} {case.refusal}")
                return 0
            print(await _reproduce(harness, case, arguments.minimize))
            return 0
        return await _many(harness, arguments)
    finally:
        await harness.stop()


async def _reproduce(harness: Harness, case: Case, minimize: bool) -> str:
    async with harness.replay(case) as replay:
        if not minimize or case.agrees:
            assert case.operation is not None
            return reproduction(case, await replay.trace(case.operation))
        smaller = await minimal_case(replay, case)
        assert smaller.operation is not None
        return reproduction(smaller, await replay.trace(smaller.operation), original=case)


async def _many(harness: Harness, arguments: argparse.Namespace) -> int:
    seeds = _seed_range(arguments.seeds)
    worlds = range(seeds.start // OPERATIONS_PER_WORLD, -(-seeds.stop // OPERATIONS_PER_WORLD))
    tally = Tally()
    failing: list[Case] = []
    started = time.monotonic()
    repro = Path(arguments.repro) if arguments.repro else None
    if repro is not None:
        repro.mkdir(parents=True, exist_ok=True)
    for world in worlds:
        ahead = world + 1 if world + 1 < worlds.stop else None
        cases = [c for c in await harness.world_cases(world, ahead) if c.seed in seeds]
        tally.add(cases)
        for case in cases:
            if case.status == "compared" and not case.agrees:
                failing.append(case)
                if repro is not None:
                    text = await _reproduce(harness, case, arguments.minimize)
                    (repro / f"seed-{case.seed:05d}-{case.verdict}.txt").write_text(text)
        if arguments.progress and world % 10 == 9:
            print(f"... {world + 1} worlds, {time.monotonic() - started:.0f} s", file=sys.stderr)
    elapsed = time.monotonic() - started
    print(f"seeds {seeds.start}:{seeds.stop} in {elapsed:.0f} s")
    print("\n".join(tally.lines()))
    if failing:
        print("\ndisagreeing seeds: " + " ".join(f"{c.seed}({c.verdict})" for c in failing))
    if arguments.write_known:
        named: dict[int, str] = {}
        for case in failing:
            if case.verdict in ("apollo-wrong", "both-wrong"):
                name = classify_apollo_wrong(case, await harness.trace(case))
                if name is None:
                    print(
                        f"seed {case.seed}: Apollo is wrong in a way not named yet; see "
                        f"`python -m tests.differential --seed {case.seed}`"
                    )
                else:
                    named[case.seed] = name
        write_known_failures(failing, named, APOLLO_WRONG_WHY)
        print(f"wrote {KNOWN_FAILURES_FILE}")
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.differential")
    default = f"{CI_SEEDS.start}:{CI_SEEDS.stop}"
    parser.add_argument("--seeds", default=default, help=f"START:STOP case seeds ({default}: CI's)")
    parser.add_argument("--seed", type=int, help="reproduce one case in full")
    parser.add_argument("--repro", help="write a reproduction of each disagreement here")
    parser.add_argument(
        "--no-minimize", dest="minimize", action="store_false", help="keep operations whole"
    )
    parser.add_argument("--write-known", action="store_true", help="rewrite known_failures.toml")
    parser.add_argument("--progress", action="store_true")
    raise SystemExit(asyncio.run(_run(parser.parse_args())))


if __name__ == "__main__":
    main()
