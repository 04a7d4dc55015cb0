"""Inbound webhooks served on the router's host (Saleor's ORDER_FULLY_PAID today)."""
