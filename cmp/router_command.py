"""`cmp router`, without the CLI framework: what the command does once its options are known,
and a parser for them that `cmp` (cmp/entry.py) tries before loading typer. Typer and its
per-option coercion are a tenth of the router's start-up (bench/router_startup_small.py); the
typer command (cmp/commands/router.py) stays the definition users see in `cmp router --help`
and handles anything this parser does not take (help, a malformed option, a missing file), so
its messages are unchanged. tests/router/test_router_command.py holds both to the same options."""

from __future__ import annotations

import argparse
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from router.http.options import HttpOptions
    from router.pipeline import Router


@dataclass(frozen=True)
class RouterArguments:
    supergraph: Path
    host: str = "127.0.0.1"
    port: int = 4000
    label: list[str] | None = None
    subgraph_url: list[str] | None = None
    timeout: float | None = None
    subgraph_timeout: list[str] | None = None
    cors_origin: list[str] | None = None
    trusted_documents: list[Path] | None = None
    reload: bool = True
    workers: int | None = None


class _NotForUs(Exception):
    """The arguments need the typer command (help, an error message, an unknown option)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _NotForUs(message)


def _parser() -> _Parser:
    parser = _Parser(prog="cmp router", add_help=False, allow_abbrev=False)
    parser.add_argument("--supergraph", type=Path, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=4000)
    for repeatable in ("--label", "--subgraph-url", "--subgraph-timeout", "--cors-origin"):
        parser.add_argument(repeatable, action="append")
    parser.add_argument("--trusted-documents", type=Path, action="append")
    parser.add_argument("--timeout", type=float)
    parser.add_argument("--reload", action="store_true", default=True)
    parser.add_argument("--no-reload", dest="reload", action="store_false")
    parser.add_argument("--workers", type=int)
    return parser


OPTIONS = frozenset(
    option for action in _parser()._actions for option in action.option_strings
)  # compared with the typer command's in the tests


def parse_router_arguments(argv: list[str]) -> RouterArguments | None:
    """The options of `cmp router`, or None when the typer command must answer instead."""
    try:
        parsed = _parser().parse_args(argv)
    except _NotForUs:
        return None
    manifests: list[Path] = parsed.trusted_documents or []
    if (
        not parsed.supergraph.exists()
        or (parsed.workers is not None and parsed.workers < 1)
        or not all(manifest.is_file() for manifest in manifests)
    ):
        return None  # typer's own messages for these
    return RouterArguments(
        parsed.supergraph,
        parsed.host,
        parsed.port,
        parsed.label,
        parsed.subgraph_url,
        parsed.timeout,
        parsed.subgraph_timeout,
        parsed.cors_origin,
        parsed.trusted_documents,
        parsed.reload,
        parsed.workers,
    )


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_router(arguments: RouterArguments) -> None:
    """Serve the supergraph until stopped. A refused setting raises pydantic's ValidationError
    (cmp reports it, one line per variable); other bad configuration exits with status 2."""
    # pydantic scans every installed package's entry points for plugins on first use; the
    # router uses none, and the scan is a noticeable part of its start-up.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # Decided from the environment directly: with several workers, prometheus_client must not
    # be imported (router.http imports it) before its multiprocess directory is set.
    production = os.environ.get("CMP_ENV", "development") == "production"
    try:
        configured = int(os.environ.get("ROUTER_WORKERS") or 0)
    except ValueError:
        _say("bad configuration: ROUTER_WORKERS must be a whole number")
        raise SystemExit(2) from None
    if configured < 0:
        _say("bad configuration: ROUTER_WORKERS must be at least 1")
        raise SystemExit(2)
    count = arguments.workers or configured or (_usable_cores() if production else 1)
    if count > 1:
        from cmp.router_workers import multiprocess_metrics

        with multiprocess_metrics():
            _serve(arguments, count)
    else:
        _serve(arguments, 1)


def _usable_cores() -> int:
    """Cores this process may run on (taskset/cpuset), not every core of the host."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _serve(arguments: RouterArguments, workers: int) -> None:
    supergraph, host, port = arguments.supergraph, arguments.host, arguments.port
    label, subgraph_url = arguments.label, arguments.subgraph_url
    timeout, subgraph_timeout = arguments.timeout, arguments.subgraph_timeout
    cors_origin, reload = arguments.cors_origin, arguments.reload
    trusted_documents = arguments.trusted_documents
    import gc

    from pydantic import ValidationError

    from router.http.settings import RouterSettings
    from router.pipeline import Router
    from router.pipeline.manifests import ManifestError
    from router.supergraph import SupergraphError
    from router.supergraph.cache import load_supergraph_cached

    try:
        settings = RouterSettings()
    except ValidationError:
        raise  # cmp.cli.main names each refused variable (e.g. CMP_ENV) in one line
    except ValueError as error:
        _say(f"bad configuration: {error}")
        raise SystemExit(2) from error
    if subgraph_url:
        settings.subgraph_urls = ",".join(filter(None, [settings.subgraph_urls, *subgraph_url]))
    if subgraph_timeout:
        settings.subgraph_timeouts = ",".join(
            filter(None, [settings.subgraph_timeouts, *subgraph_timeout])
        )
    if timeout is not None:
        settings.timeout_seconds = timeout
    if cors_origin:
        settings.cors_origins = ",".join(cors_origin)
    if trusted_documents:
        settings.trusted_documents = ",".join(
            filter(None, [settings.trusted_documents, *map(str, trusted_documents)])
        )
    if not reload:
        settings.reload_seconds = 0
    try:
        config = settings.router_config(frozenset(label or ()))
        loaded = load_supergraph_cached(supergraph.read_text(), settings.supergraph_cache_dir())
        service = Router(loaded, config)
    except SupergraphError as error:
        _say(f"cannot load {supergraph}: {error}")
        raise SystemExit(2) from error
    except ManifestError as error:
        _say(f"cannot load the trusted documents: {error}")
        raise SystemExit(2) from error
    except ValueError as error:
        _say(f"bad configuration: {error}")
        raise SystemExit(2) from error

    from router.http.logs import configure_json_logs

    configure_json_logs()
    options = settings.http_options(supergraph.resolve())
    # What is loaded now (schema, supergraph, modules) lives as long as the process: keep it
    # out of the cyclic collector's scans, and collect young objects less often (request trees
    # are acyclic and freed by reference counting). No full collection first: it cost ~17 ms
    # of a ~0.5 s start for the little cyclic garbage that imports leave.
    gc.freeze()
    gc.set_threshold(10_000, 20, 20)

    def serve_one(sock: socket.socket | None = None) -> None:
        # uvloop: uvicorn installs it only when it owns the loop (uvicorn.run); here we do.
        import uvloop

        uvloop.run(_main(service, options, host, port, sock))

    if workers == 1:
        serve_one()
        return
    from cmp.router_workers import Supervisor, listening_socket

    try:
        sock = listening_socket(host, port)
    except OSError as error:
        _say(f"cannot listen on {host}:{port}: {error}")
        raise SystemExit(2) from error
    print(f"router listening on http://{host}:{port}/graphql ({workers} workers)", flush=True)
    raise SystemExit(Supervisor(workers, lambda: serve_one(sock)).run())


async def _main(
    service: Router,
    options: HttpOptions,
    host: str,
    port: int,
    sock: socket.socket | None,
) -> None:
    from cmp.serving import start_server
    from router.http import create_app
    from webhooks.saleor.settings import WebhookSettings

    # POST /webhooks/saleor lives on the router's host (its inbox needs DATABASE_URL); its
    # modules load only when a database is configured.
    webhook_settings = WebhookSettings()
    webhooks = None
    if webhook_settings.database_url:
        from webhooks.saleor.service import webhooks_for_router

        webhooks = webhooks_for_router(webhook_settings)
    app = create_app(
        service,
        options,
        **(webhooks.router_host_options() if webhooks else {}),
    )
    # WebSockets on: /graphql speaks graphql-transport-ws for subscriptions.
    server = await start_server(app, host, port, "warning", sock=sock)
    if sock is None:
        print(f"router listening on {server.url}/graphql", flush=True)
    await server.task
