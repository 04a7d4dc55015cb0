"""Serving a supergraph file (and trusted-document manifests) that may change. Each request
takes the router current when it starts and finishes on it, so a swap never drops or mixes
requests in flight; the new router shares the old one's connection pool and persisted queries.
A file that fails to load is logged and the previous supergraph, or the previous trusted
documents, keep serving."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from pathlib import Path

from router.pipeline import Router
from router.pipeline.manifests import DocumentList, load_manifests
from router.supergraph import Supergraph, load_supergraph

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
    """Polls the files' modification times and sizes (cheap, works on every filesystem): the
    supergraph's and those of the router's trusted-document manifests."""

    def __init__(self, holder: RouterHolder, path: Path, interval_seconds: float) -> None:
        self.holder = holder
        self.path = path
        self.interval = interval_seconds
        self._stamp = _stamp(path)
        self._sdl = path.read_text() if self._stamp else None
        self.manifests = holder.current.config.trusted_document_files
        self._manifest_stamps = [_stamp(manifest) for manifest in self.manifests]
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
        """Reload what changed; True when a new supergraph or new trusted documents are now
        served. Each is taken or refused on its own."""
        supergraph = await self._new_supergraph()
        documents = await self._new_documents()
        if supergraph is None and documents is None:
            return False
        current = self.holder.current
        self.holder.swap(current.reloaded(supergraph or current.supergraph, documents))
        if supergraph is not None:
            log.info("supergraph reloaded from %s", self.path)
        if documents is not None:
            log.info(
                "trusted documents reloaded: %d documents from %s",
                len(documents.texts),
                ", ".join(map(str, documents.sources)),
            )
        return True

    async def _new_supergraph(self) -> Supergraph | None:
        stamp = _stamp(self.path)
        if stamp is None or stamp == self._stamp:
            return None
        self._stamp = stamp
        try:
            sdl = self.path.read_text()
            if sdl == self._sdl:
                return None
            # Loading builds the API schema: off the event loop, requests keep flowing.
            supergraph = await asyncio.to_thread(load_supergraph, sdl)
        except Exception as error:  # whatever is wrong with the file, keep serving
            log.error("supergraph reload failed; still serving the previous one: %s", error)
            return None
        self._sdl = sdl
        return supergraph

    async def _new_documents(self) -> DocumentList | None:
        stamps = [_stamp(manifest) for manifest in self.manifests]
        if stamps == self._manifest_stamps:
            return None
        self._manifest_stamps = stamps
        try:
            return await asyncio.to_thread(load_manifests, self.manifests)
        except Exception as error:  # a bad manifest is refused whole; the old list serves
            log.error("trusted documents reload failed; still serving the previous ones: %s", error)
            return None
