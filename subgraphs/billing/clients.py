"""What billing asks of other services (never their tables): control-plane, for which
organizations exist and a user's role in each."""

from __future__ import annotations

from kernel.service_client import ServiceClient
from subgraphs.common.organization_access import OrganizationDirectory


class ControlPlane:
    def __init__(self, client: ServiceClient) -> None:
        self.client = client
        self.directory = OrganizationDirectory(client)

    async def connect(self) -> None:
        await self.client.connect()

    async def aclose(self) -> None:
        await self.client.aclose()
