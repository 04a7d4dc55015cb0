"""Whether a port can be listened on, said in one line: `cmp` reports PortInUse as a message and
exit status 2 (not uvicorn's traceback). Apart from cmp/serving so that every command can catch
it without importing uvicorn."""

from __future__ import annotations

import errno
import socket


class PortInUse(RuntimeError):
    """The address cannot be listened on: said in one line by the command, not a traceback."""


def check_port_free(host: str, port: int, what: str = "") -> None:
    """Raise PortInUse when nothing could listen on host:port now (binding as uvicorn does)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            for_what = f" ({what})" if what else ""
            if error.errno == errno.EADDRINUSE:
                raise PortInUse(f"port {port} on {host}{for_what} is already in use") from None
            reason = error.strerror or str(error)
            raise PortInUse(f"cannot listen on {host}:{port}{for_what}: {reason}") from None
