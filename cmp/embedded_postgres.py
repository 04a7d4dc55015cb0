"""The dev stack's database when DATABASE_URL is unset: a real PostgreSQL 16 from pgserver,
its data under the project's .cmp/ folder, so a newcomer installs nothing by hand."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class EmbeddedPostgresUnavailable(RuntimeError):
    """pgserver is not installed (it is the `embedded` extra, a development-only package)."""


@contextmanager
def embedded_postgres(data_dir: Path) -> Iterator[str]:
    try:
        import pgserver  # imported here: only the embedded path needs it
    except ImportError as error:  # an install without the `embedded` extra (e.g. the image)
        raise EmbeddedPostgresUnavailable(
            "no DATABASE_URL and no embedded PostgreSQL: set DATABASE_URL, or install "
            "the embedded extra (pip install 'cmp-supergraph[embedded]'; ./run does)"
        ) from error

    data_dir.mkdir(parents=True, exist_ok=True)
    # "stop" keeps the data between runs and stops the server when we exit.
    server = pgserver.get_server(str(data_dir / "pgdata"), cleanup_mode="stop")
    try:
        yield server.get_uri()
    finally:
        server.cleanup()
