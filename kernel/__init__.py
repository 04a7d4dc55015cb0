"""The shared kernel: what the router, the subgraphs, the worker and the webhook endpoint all
need (settings, database, auth, bounded inputs, readiness, service calls). It imports none of
them."""
