"""A TCP proxy on a port of its own in front of the shared PostgreSQL, so a test can take "the
database" away from one process and give it back — without stopping the server other tests
(and other engineers) use. `cut()` closes the port and drops every connection through it;
`restore()` listens on the same port again."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from sqlalchemy.engine import make_url

from cmp.serving import free_port


class TcpProxy:
    """Forwards to `target_host:target_port`, or to the unix socket `target_socket` (the
    embedded PostgreSQL of a run without TEST_DATABASE_URL listens on one)."""

    def __init__(
        self, target_host: str, target_port: int, target_socket: str | None = None
    ) -> None:
        self.target_host = target_host
        self.target_port = target_port
        self.target_socket = target_socket
        self.port = free_port()
        self._server: asyncio.Server | None = None
        self._pipes: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()

    @classmethod
    def for_database(cls, database_url: str) -> TcpProxy:
        url = make_url(database_url)
        port = url.port or 5432
        socket_dir = url.query.get("host")
        if isinstance(socket_dir, str) and socket_dir.startswith("/"):
            return cls("", port, f"{socket_dir}/.s.PGSQL.{port}")
        return cls(url.host or "127.0.0.1", port)

    def url_through(self, database_url: str) -> str:
        """`database_url` with its host and port replaced by the proxy's."""
        url = make_url(database_url)
        url = url.set(
            host="127.0.0.1", port=self.port, query={**url.query}
        ).difference_update_query(["host"])
        return url.render_as_string(hide_password=False)

    async def restore(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", self.port)

    async def cut(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        for writer in list(self._writers):
            transport = writer.transport
            transport.abort()
        for task in list(self._pipes):
            task.cancel()
        await asyncio.gather(*self._pipes, return_exceptions=True)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            if self.target_socket is not None:
                upstream_reader, upstream_writer = await asyncio.open_unix_connection(
                    self.target_socket
                )
            else:
                upstream_reader, upstream_writer = await asyncio.open_connection(
                    self.target_host, self.target_port
                )
        except OSError:
            writer.transport.abort()
            return
        self._writers.update({writer, upstream_writer})
        pipes = {
            asyncio.create_task(self._pipe(reader, upstream_writer)),
            asyncio.create_task(self._pipe(upstream_reader, writer)),
        }
        self._pipes.update(pipes)
        await asyncio.gather(*pipes, return_exceptions=True)
        self._pipes.difference_update(pipes)
        for end in (writer, upstream_writer):
            self._writers.discard(end)
            end.transport.abort()

    @staticmethod
    async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError, asyncio.IncompleteReadError):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        writer.transport.abort()


@contextlib.asynccontextmanager
async def database_proxy(database_url: str) -> AsyncIterator[TcpProxy]:
    """A listening proxy to the database of `database_url`, cut when the block ends."""
    proxy = TcpProxy.for_database(database_url)
    await proxy.restore()
    try:
        yield proxy
    finally:
        await proxy.cut()
