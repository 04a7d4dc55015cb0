"""What execution asks of the other subgraphs (never their tables): control-plane for an
instance's runtime facts and who may see it; billing to reserve, capture and release credits."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from kernel.service_client import ServiceClient
from subgraphs.common.errors import CmpErrorCode, CmpFailure
from subgraphs.common.organization_access import OrganizationDirectory

INSTANCE_RUNTIME = """
query InstanceRuntime($id: ID!, $userId: ID) {
  instanceRuntime(instanceId: $id, userId: $userId) {
    instanceId organizationId status offeringId flowId creditsPerRun role allowedTweaks
  }
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
    allowed_tweaks: frozenset[str]  # "<component id>.<field>" a customer's run may set


class ControlPlane:
    def __init__(self, client: ServiceClient) -> None:
        self.client = client
        self.directory = OrganizationDirectory(client)

    async def instance_runtime(
        self, instance_id: uuid.UUID, user_id: str | None
    ) -> InstanceRuntime | None:
        data = await self.client.execute(
            INSTANCE_RUNTIME, {"id": str(instance_id), "userId": user_id}, read_only=True
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
                allowed_tweaks=frozenset(str(entry) for entry in found["allowedTweaks"]),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise self.client.unavailable(error) from error


HELD_RESERVATIONS = """query Held($prefix: String!, $age: Int!) {
  heldReservations(keyPrefix: $prefix, olderThanSeconds: $age) { key amount status }
}"""


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

    async def held(self, key_prefix: str, older_than_seconds: int) -> list[str]:
        """Keys of reservations with this prefix still HELD after `older_than_seconds`."""
        data = await self.client.execute(
            HELD_RESERVATIONS, {"prefix": key_prefix, "age": older_than_seconds}, read_only=True
        )
        return [r["key"] for r in data.get("heldReservations") or [] if isinstance(r, dict)]

    async def capture(self, key: str) -> Reservation:
        return self._reservation(
            (await self.client.execute(CAPTURE, {"key": key}))["walletCapture"]
        )

    async def release(self, key: str) -> Reservation:
        return self._reservation(
            (await self.client.execute(RELEASE, {"key": key}))["walletRelease"]
        )
