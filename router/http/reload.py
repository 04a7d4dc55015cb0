"""Serving a supergraph file that may change. Each request takes the router current when it
starts and finishes on it, so a swap never drops or mixes requests in flight; the new router
shares the old one's connection pool and persisted queries. A file that fails to load is
logged and the previous supergraph keeps serving."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from pathlib import Path

from router.pipeline import Router
from router.supergraph import load_supergraph

log = logging.getLogger("router.reload")


class RouterHolder:
    def __init__(self, router: Router) -> None:
        self.current = router
        self.on_swap: list[Callable[[Router, Router], None]] = []  # (old, new)

    def get(self) -> Router:
        return self.current

    def swap(self, new: Router) -> None:
        old, self.current = self.current, new
        for listener in self.on_swap:
            listener(old, new)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


class SupergraphWatcher:
    """Polls the file's modification time and size (cheap, works on every filesystem)."""

    def __init__(self, holder: RouterHolder, path: Path, interval_seconds: float) -> None:
        self.holder = holder
        self.path = path
        self.interval = interval_seconds
        self._stamp = _stamp(path)
        self._sdl = path.read_text() if self._stamp else None
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._watch())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            await self.check()

    async def check(self) -> bool:
        """Reload if the file changed; True when a new supergraph is now served."""
        stamp = _stamp(self.path)
        if stamp is None or stamp == self._stamp:
            return False
        self._stamp = stamp
        try:
            sdl = self.path.read_text()
            if sdl == self._sdl:
                return False
            # Loading builds the API schema: off the event loop, requests keep flowing.
            supergraph = await asyncio.to_thread(load_supergraph, sdl)
        except Exception as error:  # whatever is wrong with the file, keep serving
            log.error("supergraph reload failed; still serving the previous one: %s", error)
            return False
        self._sdl = sdl
        self.holder.swap(self.holder.current.reloaded(supergraph))
        log.info("supergraph reloaded from %s", self.path)
        return True
