"""Saleor webhooks: signature verification, the durable inbox, and order processing."""
