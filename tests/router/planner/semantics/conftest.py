"""The stacks fixture lives in tests/router/planner/conftest.py; its type is named here too."""

from tests.router.planner.conftest import StackFactory

__all__ = ["StackFactory"]
