"""The header carrying the service credential (its own module: the router imports it without
the token verification machinery)."""

# Our own header, so that a user's bearer token can travel alongside it on internal calls.
SERVICE_TOKEN_HEADER = "x-cmp-service-token"
