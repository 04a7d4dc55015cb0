"""DataLoaders: every batch of keys costs one SQL statement, whatever the number of keys."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute
from strawberry.dataloader import DataLoader

from kernel.database import Database
from subgraphs.control_plane import models

K = TypeVar("K", bound=Hashable)
M = TypeVar("M", bound=models.Base)


def _one_per_key(
    db: Database, column: InstrumentedAttribute[Any], extra: Sequence[Any] = ()
) -> Callable[[list[Any]], Awaitable[list[Any]]]:
    async def load(keys: list[Any]) -> list[Any]:
        async with db.session() as session:
            statement = select(column.class_).where(column.in_(keys), *extra)
            rows = (await session.execute(statement)).scalars().all()
        by_key = {getattr(row, column.key): row for row in rows}
        return [by_key.get(key) for key in keys]

    return load


def _many_per_key(
    db: Database,
    column: InstrumentedAttribute[Any],
    order_by: Sequence[Any],
    extra: Sequence[Any] = (),
) -> Callable[[list[Any]], Awaitable[list[list[Any]]]]:
    async def load(keys: list[Any]) -> list[list[Any]]:
        async with db.session() as session:
            statement = select(column.class_).where(column.in_(keys), *extra).order_by(*order_by)
            rows = (await session.execute(statement)).scalars().all()
        grouped: dict[Any, list[Any]] = defaultdict(list)
        for row in rows:
            grouped[getattr(row, column.key)].append(row)
        return [grouped.get(key, []) for key in keys]

    return load


class Loaders:
    """Created per request, so results are never shared between callers."""

    def __init__(self, db: Database) -> None:
        m = models
        live_plan = m.Plan.archived_at.is_(None)
        self.organization: DataLoader[uuid.UUID, m.Organization | None] = DataLoader(
            _one_per_key(db, m.Organization.id)
        )
        self.members: DataLoader[uuid.UUID, list[m.Membership]] = DataLoader(
            _many_per_key(db, m.Membership.organization_id, [m.Membership.created_at])
        )
        self.memberships_of_user: DataLoader[str, list[m.Membership]] = DataLoader(
            _many_per_key(db, m.Membership.user_id, [m.Membership.created_at])
        )
        self.project: DataLoader[uuid.UUID, m.Project | None] = DataLoader(
            _one_per_key(db, m.Project.id)
        )
        self.projects_of_org: DataLoader[uuid.UUID, list[m.Project]] = DataLoader(
            _many_per_key(db, m.Project.organization_id, [m.Project.created_at])
        )
        self.offering: DataLoader[uuid.UUID, m.Offering | None] = DataLoader(
            _one_per_key(db, m.Offering.id)
        )
        self.offering_by_product: DataLoader[str, m.Offering | None] = DataLoader(
            _one_per_key(db, m.Offering.product_id)
        )
        self.plan: DataLoader[uuid.UUID, m.Plan | None] = DataLoader(_one_per_key(db, m.Plan.id))
        self.plans_of_offering: DataLoader[uuid.UUID, list[m.Plan]] = DataLoader(
            _many_per_key(db, m.Plan.offering_id, [m.Plan.created_at, m.Plan.code], [live_plan])
        )
        self.plan_by_variant: DataLoader[str, m.Plan | None] = DataLoader(
            _one_per_key(db, m.Plan.variant_id, [live_plan])
        )
        self.credit_pack: DataLoader[str, m.CreditPack | None] = DataLoader(
            _one_per_key(db, m.CreditPack.variant_id)
        )
        self.instance: DataLoader[uuid.UUID, m.Instance | None] = DataLoader(
            _one_per_key(db, m.Instance.id)
        )
        self.instances_of_project: DataLoader[uuid.UUID, list[m.Instance]] = DataLoader(
            _many_per_key(db, m.Instance.project_id, [m.Instance.created_at])
        )
        self.instances_of_order: DataLoader[str, list[m.Instance]] = DataLoader(
            _many_per_key(db, m.Instance.order_id, [m.Instance.created_at])
        )
