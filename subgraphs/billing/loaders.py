"""Per-request DataLoaders: each batches one kind of lookup into one SQL statement (or one
control-plane call), so resolving many entities costs a constant number of round trips."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import func, select
from strawberry.dataloader import DataLoader

from kernel.database import Database
from subgraphs.billing import ledger
from subgraphs.billing.models import LedgerEntry, Wallet
from subgraphs.common.loaders import one_per_key
from subgraphs.common.organization_access import OrganizationAccess, OrganizationDirectory


class Loaders:
    def __init__(self, db: Database, directory: OrganizationDirectory, user_id: str | None) -> None:
        self._db = db
        self._directory = directory
        self._user_id = user_id
        # Organizations that exist (per control-plane), with the caller's role; None: no such org.
        self.organization_access: DataLoader[uuid.UUID, OrganizationAccess | None] = DataLoader(
            load_fn=self._load_access
        )
        self.wallet_by_id: DataLoader[uuid.UUID, Wallet | None] = DataLoader(
            load_fn=one_per_key(db, Wallet.id)
        )
        # Only wallets that exist already (no control-plane call needed to read them).
        self.existing_wallet_by_organization: DataLoader[uuid.UUID, Wallet | None] = DataLoader(
            load_fn=self._load_existing_wallets
        )
        # Creates missing wallets: load only organizations control-plane confirmed exist.
        self.wallet_by_organization: DataLoader[uuid.UUID, Wallet] = DataLoader(
            load_fn=self._load_or_create_wallets
        )
        # Per Saleor order id: (organization id, credits that order added to its wallet).
        self.order_credits: DataLoader[str, list[tuple[uuid.UUID, int]]] = DataLoader(
            load_fn=self._load_order_credits
        )

    async def _load_access(self, keys: Sequence[uuid.UUID]) -> list[OrganizationAccess | None]:
        found = await self._directory.access(keys, self._user_id)
        return [found.get(key) for key in keys]

    async def _load_existing_wallets(self, keys: Sequence[uuid.UUID]) -> list[Wallet | None]:
        async with self._db.session() as session:
            found = await ledger.existing_wallets_for_organizations(session, keys)
        return [found.get(key) for key in keys]

    async def _load_or_create_wallets(self, keys: Sequence[uuid.UUID]) -> list[Wallet]:
        async with self._db.transaction() as session:
            found = await ledger.wallets_for_organizations(session, keys)
        return [found[key] for key in keys]

    async def _load_order_credits(self, keys: Sequence[str]) -> list[list[tuple[uuid.UUID, int]]]:
        credits: dict[str, list[tuple[uuid.UUID, int]]] = defaultdict(list)
        async with self._db.session() as session:
            rows = await session.execute(
                select(LedgerEntry.reference, Wallet.organization_id, func.sum(LedgerEntry.amount))
                .join(Wallet, Wallet.id == LedgerEntry.wallet_id)
                .where(
                    LedgerEntry.reference.in_(set(keys)),
                    LedgerEntry.kind.in_([kind.value for kind in ledger.ORDER_KINDS]),
                )
                .group_by(LedgerEntry.reference, Wallet.organization_id)
            )
            for reference, organization_id, total in rows.all():
                if reference is not None:
                    credits[reference].append((organization_id, int(total)))
        return [credits.get(key, []) for key in keys]
