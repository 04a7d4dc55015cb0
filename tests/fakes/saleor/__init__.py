"""A fake Saleor 3.22 serving schema/saleor.graphql with data of its own: catalog, users with
`tokenCreate`, orders for app tokens, and signed ORDER_FULLY_PAID deliveries (README.md)."""

from tests.fakes.saleor.app import APP_TOKEN, FakeSaleor, create_app
from tests.fakes.saleor.auth import SaleorKey
from tests.fakes.saleor.data import SaleorData, default_data

__all__ = ["APP_TOKEN", "FakeSaleor", "SaleorData", "SaleorKey", "create_app", "default_data"]
