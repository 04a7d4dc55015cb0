"""A fake Saleor subgraph serving schema/saleor.graphql with data of its own."""

from tests.fakes.saleor.app import create_app
from tests.fakes.saleor.data import SaleorData, default_data

__all__ = ["SaleorData", "create_app", "default_data"]
