"""HTTP entry point for the router."""

from router.http.app import create_app

__all__ = ["create_app"]
