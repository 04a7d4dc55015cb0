"""control-plane's DataLoaders: every batch of keys costs one SQL statement, whatever the number
of keys."""

from __future__ import annotations

import uuid

from strawberry.dataloader import DataLoader

from kernel.database import Database
from subgraphs.common.loaders import many_per_key, one_per_key
from subgraphs.control_plane import models


class Loaders:
    """Created per request, so results are never shared between callers."""

    def __init__(self, db: Database) -> None:
        m = models
        live_plan = m.Plan.archived_at.is_(None)
        self.organization: DataLoader[uuid.UUID, m.Organization | None] = DataLoader(
            one_per_key(db, m.Organization.id)
        )
        self.members: DataLoader[uuid.UUID, list[m.Membership]] = DataLoader(
            many_per_key(db, m.Membership.organization_id, [m.Membership.created_at])
        )
        self.memberships_of_user: DataLoader[str, list[m.Membership]] = DataLoader(
            many_per_key(db, m.Membership.user_id, [m.Membership.created_at])
        )
        self.project: DataLoader[uuid.UUID, m.Project | None] = DataLoader(
            one_per_key(db, m.Project.id)
        )
        self.projects_of_org: DataLoader[uuid.UUID, list[m.Project]] = DataLoader(
            many_per_key(db, m.Project.organization_id, [m.Project.created_at])
        )
        self.offering: DataLoader[uuid.UUID, m.Offering | None] = DataLoader(
            one_per_key(db, m.Offering.id)
        )
        self.offering_by_product: DataLoader[str, m.Offering | None] = DataLoader(
            one_per_key(db, m.Offering.product_id)
        )
        self.plan: DataLoader[uuid.UUID, m.Plan | None] = DataLoader(one_per_key(db, m.Plan.id))
        self.plans_of_offering: DataLoader[uuid.UUID, list[m.Plan]] = DataLoader(
            many_per_key(db, m.Plan.offering_id, [m.Plan.created_at, m.Plan.code], [live_plan])
        )
        self.plan_by_variant: DataLoader[str, m.Plan | None] = DataLoader(
            one_per_key(db, m.Plan.variant_id, [live_plan])
        )
        self.credit_pack: DataLoader[str, m.CreditPack | None] = DataLoader(
            one_per_key(db, m.CreditPack.variant_id)
        )
        self.instance: DataLoader[uuid.UUID, m.Instance | None] = DataLoader(
            one_per_key(db, m.Instance.id)
        )
        self.instances_of_project: DataLoader[uuid.UUID, list[m.Instance]] = DataLoader(
            many_per_key(db, m.Instance.project_id, [m.Instance.created_at])
        )
        self.instances_of_order: DataLoader[str, list[m.Instance]] = DataLoader(
            many_per_key(db, m.Instance.order_id, [m.Instance.created_at])
        )
