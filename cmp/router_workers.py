"""`cmp router --workers N`: N processes serving one listening socket. The parent binds the port,
loads the supergraph once and forks the workers (so they share its memory and start at once);
each worker runs its own uvloop event loop and uvicorn server on the inherited socket and
watches the supergraph file itself, so a changed file is reloaded by every worker. SIGTERM or
SIGINT to the parent stops every worker gracefully (uvicorn's bounded graceful shutdown); a
worker that dies otherwise is replaced. /metrics adds up every worker's figures through
prometheus_client's multiprocess mode (its directory is made and removed here)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from cmp.ports import check_port_free

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
RESTART_PAUSE_SECONDS = 1.0
STOP_SECONDS = 15.0  # after uvicorn's graceful shutdown window, workers are killed


@contextmanager
def multiprocess_metrics() -> Iterator[str]:
    """Set before prometheus_client is imported anywhere in this process, so every worker
    forked later writes its figures where /metrics reads them all."""
    directory = tempfile.mkdtemp(prefix="cmp-router-metrics-")
    os.environ[MULTIPROC_ENV] = directory
    try:
        yield directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        check_port_free(host, port)  # says why in one line (PortInUse)
        raise
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


class Supervisor:
    def __init__(self, count: int, serve: Callable[[], None]) -> None:
        self.count = count
        self.serve = serve  # runs one worker until it is told to stop
        self.children: set[int] = set()
        self.stopping = False

    def _spawn(self) -> None:
        pid = os.fork()
        if pid == 0:  # the worker
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            code = 0
            try:
                self.serve()
            except BaseException:
                import traceback

                traceback.print_exc()
                code = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        self.children.add(pid)

    def _stop(self, signum: int, _frame: object) -> None:
        self.stopping = True
        for pid in list(self.children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                self.children.discard(pid)

    def run(self) -> int:
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        for _ in range(self.count):
            self._spawn()
        deadline: float | None = None
        while self.children:
            if self.stopping and deadline is None:
                deadline = time.monotonic() + STOP_SECONDS
            try:
                pid, _status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                if deadline is not None and time.monotonic() > deadline:
                    for child in self.children:
                        os.kill(child, signal.SIGKILL)
                time.sleep(0.1)
                continue
            self.children.discard(pid)
            _mark_dead(pid)
            if not self.stopping:
                time.sleep(RESTART_PAUSE_SECONDS)  # a worker crashing at start must not spin
                if not self.stopping:
                    self._spawn()
        return 0


def _mark_dead(pid: int) -> None:
    if os.environ.get(MULTIPROC_ENV):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid)  # type: ignore[no-untyped-call]
