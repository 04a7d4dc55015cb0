"""The dev stack's database when DATABASE_URL is unset: a real PostgreSQL 16 from pgserver,
its data under the project's .cmp/ folder, so a newcomer installs nothing by hand."""

from __future__ import annotations

import json
import logging
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger("cmp.dev")
# pgserver records which processes use a server here and stops it when the last one exits.
HANDLES_FILE = ".handle_pids.json"


class EmbeddedPostgresUnavailable(RuntimeError):
    """pgserver is not installed (it is the `embedded` extra, a development-only package)."""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def forget_dead_handles(pgdata: Path) -> list[int]:
    """Drop the processes that died without letting go of the server (a `cmp dev` killed or
    crashed): pgserver would otherwise never stop it, as it waits for them. Returns them."""
    handles = pgdata / HANDLES_FILE
    try:
        pids = [int(pid) for pid in json.loads(handles.read_text())]
    except (OSError, ValueError, TypeError):
        return []
    dead = [pid for pid in pids if not _alive(pid)]
    if dead:
        handles.write_text(json.dumps([pid for pid in pids if pid not in dead]))
    return dead


@contextmanager
def embedded_postgres(data_dir: Path) -> Iterator[str]:
    # pgserver's lock lives in XDG_RUNTIME_DIR, which is often unset: its fallback is fine.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    try:
        import pgserver  # imported here: only the embedded path needs it
    except ImportError as error:  # an install without the `embedded` extra (e.g. the image)
        raise EmbeddedPostgresUnavailable(
            "no DATABASE_URL and no embedded PostgreSQL: set DATABASE_URL, or install "
            "the embedded extra (pip install 'cmp-supergraph[embedded]'; ./run does)"
        ) from error

    # initdb's and pg_ctl's whole output is logged at INFO: kept out of `cmp dev`'s log.
    logging.getLogger("pgserver").setLevel(logging.WARNING)
    pgdata = data_dir / "pgdata"
    data_dir.mkdir(parents=True, exist_ok=True)
    if (pgdata / "PG_VERSION").exists():
        if forget_dead_handles(pgdata):
            log.info("embedded PostgreSQL: taking over from a run that did not stop cleanly")
        log.info("embedded PostgreSQL: starting (%s)", pgdata)
    else:
        log.info("embedded PostgreSQL: creating its database in %s (first run only)", pgdata)
    # "stop" keeps the data between runs and stops the server when we exit.
    server = pgserver.get_server(str(pgdata), cleanup_mode="stop")
    try:
        yield server.get_uri()
    finally:
        server.cleanup()
        log.info("embedded PostgreSQL: stopped")
