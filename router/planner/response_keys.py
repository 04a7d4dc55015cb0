"""Response keys per response path. Every fetch merges into one response tree, so a field the
planner adds (a key, a required field) must not land on a key the client uses for a different
field or arguments: such fields get an alias, and representations read them back from it."""

from __future__ import annotations

from router.planner.normalize.selection import InlineFragment, Selection


def strip_lists(path: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(p for p in path if p != "@")


class ResponseKeys:
    def __init__(self) -> None:
        self._by_path: dict[tuple[str, ...], dict[str, str]] = {}

    def register_client(self, path: tuple[str, ...], selections: tuple[Selection, ...]) -> None:
        keys = self._by_path.setdefault(path, {})
        for selection in selections:
            if isinstance(selection, InlineFragment):
                self.register_client(path, selection.selections)
                continue
            keys.setdefault(selection.response_key, selection.signature)
            if selection.selections:
                self.register_client((*path, selection.response_key), selection.selections)

    def copy(self) -> ResponseKeys:
        copied = ResponseKeys()
        copied._by_path = {path: dict(keys) for path, keys in self._by_path.items()}
        return copied

    def internal(self, path: tuple[str, ...], name: str, signature: str) -> str:
        keys = self._by_path.setdefault(strip_lists(path), {})
        candidate, attempt = name, 0
        while keys.get(candidate, signature) != signature:
            candidate = f"{name}__alias_{attempt}"
            attempt += 1
        keys[candidate] = signature
        return candidate
