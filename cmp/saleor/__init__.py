"""`cmp saleor`: the one-time set-up of a real Saleor for this project (bootstrap) and the
catalog sync from our offerings to Saleor's products (sync)."""
