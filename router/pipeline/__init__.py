"""The request pipeline, one stage per module."""

from router.pipeline.request import BadRequest, GraphQLRequest
from router.pipeline.service import Router, RouterConfig

__all__ = ["BadRequest", "GraphQLRequest", "Router", "RouterConfig"]
