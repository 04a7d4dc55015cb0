"""The headers of internal calls (their own module: the router imports them without the token
verification machinery)."""

# Our own header, so that a user's bearer token can travel alongside it on internal calls.
SERVICE_TOKEN_HEADER = "x-cmp-service-token"
# Set by the router beside its credential when it calls for a client: the subgraph then acts
# for the client's token, or for nobody without one — never as the service itself.
ON_BEHALF_HEADER = "x-cmp-on-behalf-of"
ON_BEHALF_OF_CLIENT = "client"
