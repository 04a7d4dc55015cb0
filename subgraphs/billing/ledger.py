"""The money logic: the only code that writes wallets, ledger entries and reservations.

Every function takes an `AsyncSession` inside a transaction the caller owns (a raised
`CmpFailure` aborts it, so a refused operation changes nothing). Per wallet, writers are
serialized by `SELECT … FOR UPDATE` of the wallet row; the balance guards are also part of the
UPDATE statements themselves and of the table's CHECK constraints.

Idempotency: every ledger write and reservation carries a unique key. Applying a key again
returns the first result and changes nothing; the same key with other parameters is a CONFLICT.
Callers must have confirmed that an organization exists before asking for its wallet (wallets
are created lazily, on first use).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import BigInteger, cast, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from subgraphs.billing.models import (
    LedgerEntry,
    LedgerEntryKind,
    Reservation,
    ReservationStatus,
    Wallet,
)
from subgraphs.common.errors import (
    CmpErrorCode,
    CmpFailure,
    conflict,
    invalid,
    not_found,
)

MAX_CREDITS = 2**31 - 1  # GraphQL Int: a balance must stay representable
MAX_KEY_LENGTH = 200
MAX_REFERENCE_LENGTH = 200
MAX_REASON_LENGTH = 500
# Capture entries are keyed "capture:<reservation id>"; callers' keys cannot take that shape.
CAPTURE_KEY_PREFIX = "capture:"


GRANT_KINDS = frozenset(
    {LedgerEntryKind.PLAN_GRANT, LedgerEntryKind.CREDIT_PURCHASE, LedgerEntryKind.REFUND}
)
# What an order adds to wallets (Order.creditsGranted).
ORDER_KINDS = frozenset({LedgerEntryKind.PLAN_GRANT, LedgerEntryKind.CREDIT_PURCHASE})


@dataclass(frozen=True, slots=True)
class LedgerWrite:
    wallet: Wallet
    entry: LedgerEntry
    replayed: bool  # True: the key had been applied before; nothing changed now


@dataclass(frozen=True, slots=True)
class ReservationWrite:
    wallet: Wallet
    reservation: Reservation
    entry: LedgerEntry | None  # the RUN_CHARGE entry of a capture
    replayed: bool


def insufficient_credits(available: int, amount: int) -> CmpFailure:
    return CmpFailure(
        CmpErrorCode.INSUFFICIENT_CREDITS,
        f"not enough credits: {available} available, {amount} needed",
        "amount",
    )


# ------------------------------------------------------------------------------ validation


def check_key(key: str, field: str = "idempotencyKey") -> str:
    key = key.strip()
    if not key:
        raise invalid("an idempotency key is required", field)
    if len(key) > MAX_KEY_LENGTH:
        raise invalid(f"the idempotency key is longer than {MAX_KEY_LENGTH} characters", field)
    return key


def _check_caller_key(key: str) -> str:
    key = check_key(key)
    if key.startswith(CAPTURE_KEY_PREFIX):
        raise invalid(
            f"idempotency keys may not start with {CAPTURE_KEY_PREFIX!r}", "idempotencyKey"
        )
    return key


def _check_reference(reference: str | None) -> str | None:
    if reference is None:
        return None
    reference = reference.strip()
    if len(reference) > MAX_REFERENCE_LENGTH:
        raise invalid(f"reference is longer than {MAX_REFERENCE_LENGTH} characters", "reference")
    return reference or None


def _check_positive(amount: int) -> int:
    if amount <= 0:
        raise invalid("amount must be a positive number of credits", "amount")
    if amount > MAX_CREDITS:
        raise invalid(f"amount must be at most {MAX_CREDITS}", "amount")
    return amount


# ------------------------------------------------------------------------------ wallets


async def wallets_for_organizations(
    session: AsyncSession, organization_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, Wallet]:
    """The organizations' wallets, created (empty) where missing. One SELECT when all exist."""
    wanted = set(organization_ids)
    if not wanted:
        return {}
    found = await _select_wallets(session, wanted)
    missing = wanted - found.keys()
    if missing:
        await session.execute(
            insert(Wallet)
            .values([{"id": uuid.uuid4(), "organization_id": org_id} for org_id in missing])
            .on_conflict_do_nothing(index_elements=[Wallet.organization_id])
        )
        found.update(await _select_wallets(session, missing))
    return found


async def existing_wallets_for_organizations(
    session: AsyncSession, organization_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, Wallet]:
    wanted = set(organization_ids)
    return await _select_wallets(session, wanted) if wanted else {}


async def _select_wallets(
    session: AsyncSession, organization_ids: set[uuid.UUID]
) -> dict[uuid.UUID, Wallet]:
    rows = await session.scalars(select(Wallet).where(Wallet.organization_id.in_(organization_ids)))
    return {wallet.organization_id: wallet for wallet in rows}


async def _lock_wallet_of_organization(session: AsyncSession, organization_id: uuid.UUID) -> Wallet:
    statement = (
        select(Wallet)
        .where(Wallet.organization_id == organization_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    wallet = await session.scalar(statement)
    if wallet is None:
        await wallets_for_organizations(session, [organization_id])
        wallet = await session.scalar(statement)
    assert wallet is not None
    return wallet


async def _lock_wallet(session: AsyncSession, wallet_id: uuid.UUID) -> Wallet:
    wallet = await session.scalar(
        select(Wallet)
        .where(Wallet.id == wallet_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if wallet is None:
        raise not_found("wallet")
    return wallet


def _check_move(wallet: Wallet, balance_delta: int, reserved_delta: int) -> None:
    """Refuse (INSUFFICIENT_CREDITS / INVALID / CONFLICT) a change of a locked wallet unless the
    result keeps `0 <= reserved <= balance <= MAX_CREDITS`."""
    new_balance = wallet.balance + balance_delta
    new_reserved = wallet.reserved + reserved_delta
    if new_balance > MAX_CREDITS:
        raise invalid(f"a wallet holds at most {MAX_CREDITS} credits", "amount")
    if new_reserved < 0:
        raise conflict("the wallet holds fewer reserved credits than that")
    if new_balance - new_reserved < 0:
        raise insufficient_credits(
            wallet.balance - wallet.reserved, -balance_delta + reserved_delta
        )


async def _move(
    session: AsyncSession, wallet: Wallet, balance_delta: int, reserved_delta: int
) -> Wallet:
    """Change a locked wallet: checked here, and again by the UPDATE's own guard."""
    _check_move(wallet, balance_delta, reserved_delta)
    balance = cast(Wallet.balance, BigInteger)
    reserved = cast(Wallet.reserved, BigInteger)
    moved = await session.scalar(
        update(Wallet)
        .where(
            Wallet.id == wallet.id,
            balance + balance_delta <= MAX_CREDITS,
            reserved + reserved_delta >= 0,
            (balance + balance_delta) - (reserved + reserved_delta) >= 0,
        )
        .values(
            balance=Wallet.balance + balance_delta,
            reserved=Wallet.reserved + reserved_delta,
            updated_at=func.now(),
        )
        .returning(Wallet)
        .execution_options(populate_existing=True, synchronize_session=False)
    )
    if moved is None:  # cannot happen under the row lock; never apply a partial write
        raise insufficient_credits(wallet.balance - wallet.reserved, -balance_delta)
    return moved


# ------------------------------------------------------------------------------ ledger writes


@dataclass(frozen=True, slots=True)
class _EntryRequest:
    organization_id: uuid.UUID
    kind: LedgerEntryKind
    amount: int
    key: str
    reference: str | None
    reason: str | None


async def _entry_by_key(session: AsyncSession, key: str) -> tuple[LedgerEntry, Wallet] | None:
    row = (
        await session.execute(
            select(LedgerEntry, Wallet)
            .join(Wallet, Wallet.id == LedgerEntry.wallet_id)
            .where(LedgerEntry.idempotency_key == key)
            .execution_options(populate_existing=True)
        )
    ).one_or_none()
    return None if row is None else (row[0], row[1])


def _replay(request: _EntryRequest, found: tuple[LedgerEntry, Wallet]) -> LedgerWrite:
    entry, wallet = found
    same = (
        wallet.organization_id == request.organization_id
        and entry.kind == request.kind.value
        and entry.amount == request.amount
        and entry.reference == request.reference
        and entry.reason == request.reason
    )
    if not same:
        raise conflict(
            "this idempotency key was already used with other parameters", "idempotencyKey"
        )
    return LedgerWrite(wallet=wallet, entry=entry, replayed=True)


async def _append(session: AsyncSession, request: _EntryRequest) -> LedgerWrite:
    found = await _entry_by_key(session, request.key)
    if found is not None:
        return _replay(request, found)
    wallet = await _lock_wallet_of_organization(session, request.organization_id)
    _check_move(wallet, request.amount, 0)
    # ON CONFLICT: the key was applied meanwhile (for this wallet, before we got its lock, or
    # for another one) — then nothing is written and the first result is replayed.
    entry = await session.scalar(
        insert(LedgerEntry)
        .values(
            id=uuid.uuid4(),
            wallet_id=wallet.id,
            kind=request.kind.value,
            amount=request.amount,
            balance_after=wallet.balance + request.amount,
            reference=request.reference,
            reason=request.reason,
            idempotency_key=request.key,
        )
        .on_conflict_do_nothing(index_elements=[LedgerEntry.idempotency_key])
        .returning(LedgerEntry)
    )
    if entry is None:
        found = await _entry_by_key(session, request.key)
        if found is None:  # applied and gone cannot happen: the ledger is append-only
            raise conflict("this idempotency key is being applied; try again", "idempotencyKey")
        return _replay(request, found)
    wallet = await _move(session, wallet, request.amount, 0)
    assert wallet.balance == entry.balance_after
    return LedgerWrite(wallet=wallet, entry=entry, replayed=False)


async def grant(
    session: AsyncSession,
    organization_id: uuid.UUID,
    amount: int,
    kind: LedgerEntryKind,
    reference: str | None,
    key: str,
) -> LedgerWrite:
    """Add credits (a plan's, a credit pack's, a refund)."""
    if kind not in GRANT_KINDS:
        raise invalid(
            f"a grant is one of {', '.join(sorted(k.value for k in GRANT_KINDS))}", "kind"
        )
    request = _EntryRequest(
        organization_id=organization_id,
        kind=kind,
        amount=_check_positive(amount),
        key=_check_caller_key(key),
        reference=_check_reference(reference),
        reason=None,
    )
    return await _append(session, request)


async def adjust(
    session: AsyncSession,
    organization_id: uuid.UUID,
    amount: int,
    reason: str,
    key: str,
) -> LedgerWrite:
    """A staff correction, either sign; never takes `available` below zero."""
    if amount == 0:
        raise invalid("amount must not be zero", "amount")
    if abs(amount) > MAX_CREDITS:
        raise invalid(f"amount must be between -{MAX_CREDITS} and {MAX_CREDITS}", "amount")
    reason = reason.strip()
    if not reason:
        raise invalid("a reason is required", "reason")
    if len(reason) > MAX_REASON_LENGTH:
        raise invalid(f"reason is longer than {MAX_REASON_LENGTH} characters", "reason")
    request = _EntryRequest(
        organization_id=organization_id,
        kind=LedgerEntryKind.ADJUSTMENT,
        amount=amount,
        key=_check_caller_key(key),
        reference=None,
        reason=reason,
    )
    return await _append(session, request)


# ------------------------------------------------------------------------------ reservations


async def _reservation_by_key(
    session: AsyncSession, key: str, lock: bool = False
) -> tuple[Reservation, Wallet] | None:
    statement = (
        select(Reservation, Wallet)
        .join(Wallet, Wallet.id == Reservation.wallet_id)
        .where(Reservation.key == key)
        .execution_options(populate_existing=True)
    )
    if lock:
        statement = statement.with_for_update(of=Reservation)
    row = (await session.execute(statement)).one_or_none()
    return None if row is None else (row[0], row[1])


def _replay_reserve(
    organization_id: uuid.UUID,
    amount: int,
    reference: str | None,
    found: tuple[Reservation, Wallet],
) -> ReservationWrite:
    reservation, wallet = found
    if (
        wallet.organization_id != organization_id
        or reservation.amount != amount
        or reservation.reference != reference
    ):
        raise conflict(
            "this idempotency key was already used with other parameters", "idempotencyKey"
        )
    return ReservationWrite(wallet=wallet, reservation=reservation, entry=None, replayed=True)


async def reserve(
    session: AsyncSession,
    organization_id: uuid.UUID,
    amount: int,
    reference: str | None,
    key: str,
) -> ReservationWrite:
    """Hold `amount` credits for a run: INSUFFICIENT_CREDITS unless `available` covers it."""
    amount = _check_positive(amount)
    key = check_key(key)
    reference = _check_reference(reference)
    found = await _reservation_by_key(session, key)
    if found is not None:
        return _replay_reserve(organization_id, amount, reference, found)
    wallet = await _lock_wallet_of_organization(session, organization_id)
    _check_move(wallet, 0, amount)
    reservation = await session.scalar(
        insert(Reservation)
        .values(
            id=uuid.uuid4(),
            wallet_id=wallet.id,
            amount=amount,
            key=key,
            reference=reference,
            status=ReservationStatus.HELD.value,
        )
        .on_conflict_do_nothing(index_elements=[Reservation.key])
        .returning(Reservation)
    )
    if reservation is None:
        found = await _reservation_by_key(session, key)
        if found is None:
            raise conflict("this idempotency key is being applied; try again", "idempotencyKey")
        return _replay_reserve(organization_id, amount, reference, found)
    wallet = await _move(session, wallet, 0, amount)
    return ReservationWrite(wallet=wallet, reservation=reservation, entry=None, replayed=False)


async def _held_reservation(session: AsyncSession, key: str) -> tuple[Reservation, Wallet]:
    """The reservation with this key, its wallet locked first, then the reservation itself."""
    key = check_key(key)
    found = await _reservation_by_key(session, key)
    if found is None:
        raise not_found("reservation", "idempotencyKey")
    wallet = await _lock_wallet(session, found[0].wallet_id)
    locked = await _reservation_by_key(session, key, lock=True)
    assert locked is not None
    return locked[0], wallet


async def _set_status(
    session: AsyncSession, reservation: Reservation, status: ReservationStatus
) -> Reservation:
    updated = await session.scalar(
        update(Reservation)
        .where(Reservation.id == reservation.id)
        .values(status=status.value, updated_at=func.now())
        .returning(Reservation)
        .execution_options(populate_existing=True, synchronize_session=False)
    )
    assert updated is not None
    return updated


def capture_key(reservation: Reservation) -> str:
    return f"{CAPTURE_KEY_PREFIX}{reservation.id}"


async def capture(session: AsyncSession, key: str) -> ReservationWrite:
    """Charge a held reservation: a RUN_CHARGE entry of -amount; `available` is unchanged."""
    reservation, wallet = await _held_reservation(session, key)
    if reservation.status == ReservationStatus.CAPTURED.value:
        entry = await session.scalar(
            select(LedgerEntry).where(LedgerEntry.reservation_id == reservation.id)
        )
        return ReservationWrite(wallet=wallet, reservation=reservation, entry=entry, replayed=True)
    if reservation.status != ReservationStatus.HELD.value:
        raise conflict("this reservation was released; it cannot be captured", "idempotencyKey")
    wallet = await _move(session, wallet, -reservation.amount, -reservation.amount)
    entry = LedgerEntry(
        id=uuid.uuid4(),
        wallet_id=wallet.id,
        kind=LedgerEntryKind.RUN_CHARGE.value,
        amount=-reservation.amount,
        balance_after=wallet.balance,
        reference=reservation.reference,
        idempotency_key=capture_key(reservation),
        reservation_id=reservation.id,
    )
    session.add(entry)
    await session.flush()
    reservation = await _set_status(session, reservation, ReservationStatus.CAPTURED)
    return ReservationWrite(wallet=wallet, reservation=reservation, entry=entry, replayed=False)


async def release(session: AsyncSession, key: str) -> ReservationWrite:
    """Give a held reservation back to `available`; nothing is charged."""
    reservation, wallet = await _held_reservation(session, key)
    if reservation.status == ReservationStatus.RELEASED.value:
        return ReservationWrite(wallet=wallet, reservation=reservation, entry=None, replayed=True)
    if reservation.status != ReservationStatus.HELD.value:
        raise conflict("this reservation was captured; it cannot be released", "idempotencyKey")
    wallet = await _move(session, wallet, 0, -reservation.amount)
    reservation = await _set_status(session, reservation, ReservationStatus.RELEASED)
    return ReservationWrite(wallet=wallet, reservation=reservation, entry=None, replayed=False)
