"""What execution asks of the other subgraphs (never their tables): control-plane for an
instance's runtime facts and who may see it; billing to reserve, capture and release credits."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from subgraphs.common.errors import CmpErrorCode, CmpFailure
from subgraphs.common.ids import try_parse_id
from subgraphs.common.service_client import ServiceClient

INSTANCE_RUNTIME = """
query InstanceRuntime($id: ID!, $userId: ID) {
  instanceRuntime(instanceId: $id, userId: $userId) {
    instanceId organizationId status offeringId flowId creditsPerRun role
  }
}"""

ORGANIZATION_ACCESS = """
query OrganizationAccess($ids: [ID!]!, $userId: ID) {
  organizationAccess(organizationIds: $ids, userId: $userId) { organizationId role }
}"""

RESERVATION_FIELDS = (
    "reservation { key amount status } alreadyApplied errors { code message field }"
)
RESERVE = f"""mutation Reserve($input: WalletReserveInput!) {{
  walletReserve(input: $input) {{ {RESERVATION_FIELDS} }}
}}"""
CAPTURE = f"""mutation Capture($key: String!) {{
  walletCapture(idempotencyKey: $key) {{ {RESERVATION_FIELDS} }}
}}"""
RELEASE = f"""mutation Release($key: String!) {{
  walletRelease(idempotencyKey: $key) {{ {RESERVATION_FIELDS} }}
}}"""


@dataclass(frozen=True)
class InstanceRuntime:
    instance_id: uuid.UUID
    organization_id: uuid.UUID
    status: str
    offering_id: uuid.UUID
    flow_id: str
    credits_per_run: int
    role: str | None


class ControlPlane:
    def __init__(self, client: ServiceClient) -> None:
        self.client = client

    async def instance_runtime(
        self, instance_id: uuid.UUID, user_id: str | None
    ) -> InstanceRuntime | None:
        data = await self.client.execute(
            INSTANCE_RUNTIME, {"id": str(instance_id), "userId": user_id}
        )
        found = data.get("instanceRuntime")
        if found is None:
            return None
        try:
            return InstanceRuntime(
                instance_id=uuid.UUID(found["instanceId"]),
                organization_id=uuid.UUID(found["organizationId"]),
                status=found["status"],
                offering_id=uuid.UUID(found["offeringId"]),
                flow_id=found["flowId"],
                credits_per_run=int(found["creditsPerRun"]),
                role=found.get("role"),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise self.client.unavailable(error) from error

    async def roles(
        self, organization_ids: list[uuid.UUID], user_id: str | None
    ) -> dict[uuid.UUID, str | None]:
        """Existing organizations among `organization_ids`, with the user's role in each."""
        if not organization_ids:
            return {}
        data = await self.client.execute(
            ORGANIZATION_ACCESS,
            {"ids": [str(i) for i in dict.fromkeys(organization_ids)], "userId": user_id},
        )
        roles: dict[uuid.UUID, str | None] = {}
        for entry in data.get("organizationAccess") or []:
            org_id = try_parse_id(entry.get("organizationId"))
            if org_id is not None:
                roles[org_id] = entry.get("role")
        return roles


@dataclass(frozen=True)
class Reservation:
    key: str
    amount: int
    status: str
    already_applied: bool


class Billing:
    def __init__(self, client: ServiceClient) -> None:
        self.client = client

    def _reservation(self, payload: Any) -> Reservation:
        errors = payload.get("errors") or []
        if errors:
            first = errors[0]
            raise CmpFailure(CmpErrorCode(first["code"]), first["message"], first.get("field"))
        found = payload["reservation"]
        return Reservation(
            key=found["key"],
            amount=int(found["amount"]),
            status=found["status"],
            already_applied=bool(payload.get("alreadyApplied")),
        )

    async def reserve(
        self, organization_id: uuid.UUID, amount: int, key: str, reference: str
    ) -> Reservation:
        data = await self.client.execute(
            RESERVE,
            {
                "input": {
                    "organizationId": str(organization_id),
                    "amount": amount,
                    "reference": reference,
                    "idempotencyKey": key,
                }
            },
        )
        return self._reservation(data["walletReserve"])

    async def capture(self, key: str) -> Reservation:
        return self._reservation(
            (await self.client.execute(CAPTURE, {"key": key}))["walletCapture"]
        )

    async def release(self, key: str) -> Reservation:
        return self._reservation(
            (await self.client.execute(RELEASE, {"key": key}))["walletRelease"]
        )
