"""A field of a root type below the root (`RenamePayload.query: Query`): the plan jumps to
the root type of the subgraphs resolving the rest, and the executor merges those root fetches
below the payload."""

from __future__ import annotations

from tests.router.fixtures.outline import outline
from tests.router.planner.semantics.conftest import StackFactory
from tests.router.planner.semantics.support import assert_same_structure_as_apollo, plan

QUERY = 'mutation { rename(name: "Ada L.") { user { name karma } query { stats { users } me { name } } } }'


def test_same_fetch_structure_as_apollo() -> None:
    assert_same_structure_as_apollo("root_jump", [QUERY])


async def test_root_type_below_the_root(stacks: StackFactory) -> None:
    assert outline(plan("root_jump", QUERY)) == "Seq[a, Par[b@rename.query, b@rename.user]]"
    stack = await stacks("root_jump")
    assert await stack.query(QUERY) == {
        "data": {
            "rename": {
                "user": {"name": "Ada L.", "karma": 42},
                "query": {"stats": {"users": 1}, "me": {"name": "Ada L."}},
            }
        }
    }
