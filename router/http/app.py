"""The ASGI app: POST /graphql and GET /health."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from router.pipeline import BadRequest, GraphQLRequest, Router


def create_app(router: Router) -> Starlette:
    async def graphql_endpoint(request: Request) -> Response:
        try:
            body = json.loads(await request.body())
            graphql_request = GraphQLRequest.from_json(body)
        except (ValueError, BadRequest) as error:
            message = str(error) if isinstance(error, BadRequest) else "the body is not JSON"
            return JSONResponse({"errors": [{"message": message}]}, status_code=400)
        result = await router.handle(graphql_request)
        status = 200 if "data" in result else 400  # no data: the request never executed
        return JSONResponse(result, status_code=status)

    async def health(_: Request) -> Response:
        return JSONResponse({"status": "ok", "subgraphs": sorted(router.supergraph.subgraphs)})

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        yield
        await router.close()

    return Starlette(
        routes=[
            Route("/graphql", graphql_endpoint, methods=["POST"]),
            Route("/health", health, methods=["GET"]),
        ],
        lifespan=lifespan,
    )
