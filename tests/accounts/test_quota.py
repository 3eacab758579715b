"""Monthly valuation quotas per organisation, on PostgreSQL and on the embedded SQLite."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from accounts.operators import ensure_organisation
from accounts.principal import Principal, Role, anonymous
from accounts.quota import (
    QuotaStatus,
    consume_valuation,
    period_of,
    release_valuation,
    valuation_quota,
)
from accounts.tiers import Tier
from core.errors import ErrorCode, QuotaExceeded, Unauthenticated
from models.accounts import AuditEvent
from runtime.services import Services

DECEMBER = datetime(2025, 12, 15, 9, 30, tzinfo=UTC)
JANUARY = datetime(2026, 1, 1, tzinfo=UTC)


async def member_of(services: Services, tier: Tier) -> Principal:
    """A signed-in user of a new organisation on `tier`."""
    organisation = await ensure_organisation(services, f"quota-{uuid.uuid4().hex}", tier)
    return Principal(
        role=Role.USER,
        client_ip="198.51.100.20",
        organisation_id=organisation.id,
        user_id=uuid.uuid4(),
        tier=tier,
    )


def colleague_of(principal: Principal) -> Principal:
    """Another user of the same organisation."""
    return Principal(
        role=Role.USER,
        client_ip="198.51.100.21",
        organisation_id=principal.organisation_id,
        user_id=uuid.uuid4(),
        tier=principal.tier,
    )


async def test_basic_tier_allows_two_a_month_then_quota_exceeded_until_next_month(
    services: Services,
) -> None:
    user = await member_of(services, Tier.BASIC)

    first = await consume_valuation(services, user, DECEMBER)
    second = await consume_valuation(services, user, DECEMBER + timedelta(days=1))
    with pytest.raises(QuotaExceeded) as refused:
        await consume_valuation(services, user, DECEMBER + timedelta(days=2))

    assert first == QuotaStatus(limit=2, used=1, remaining=1, resets_at=JANUARY, period="2025-12")
    assert (second.used, second.remaining) == (2, 0)
    assert refused.value.code is ErrorCode.QUOTA_EXCEEDED
    assert refused.value.extensions == {
        "code": "QUOTA_EXCEEDED",
        "limit": 2,
        "used": 2,
        "resetsAt": "2026-01-01T00:00:00+00:00",
    }
    assert datetime.fromisoformat(refused.value.details["resetsAt"]) == JANUARY
    assert await valuation_quota(services, user, DECEMBER) == QuotaStatus(
        2, 2, 0, JANUARY, "2025-12"
    )


async def test_a_new_month_starts_afresh(services: Services) -> None:
    user = await member_of(services, Tier.BASIC)
    for _ in range(2):
        await consume_valuation(services, user, DECEMBER)

    last_instant_of_december = JANUARY - timedelta(microseconds=1)
    with pytest.raises(QuotaExceeded):
        await consume_valuation(services, user, last_instant_of_december)
    # Months are UTC months: 09:00 on 1 January in Sydney is still 31 December in UTC.
    sydney = timezone(timedelta(hours=10))
    with pytest.raises(QuotaExceeded):
        await consume_valuation(services, user, datetime(2026, 1, 1, 9, tzinfo=sydney))

    january = await consume_valuation(services, user, JANUARY)
    assert january == QuotaStatus(
        limit=2, used=1, remaining=1, resets_at=datetime(2026, 2, 1, tzinfo=UTC), period="2026-01"
    )
    assert (await valuation_quota(services, user, DECEMBER)).used == 2


async def test_enterprise_is_unlimited(services: Services) -> None:
    user = await member_of(services, Tier.ENTERPRISE)
    for _ in range(25):
        status = await consume_valuation(services, user, DECEMBER)
    assert status == QuotaStatus(
        limit=None, used=25, remaining=None, resets_at=JANUARY, period="2025-12"
    )


async def test_quotas_count_per_organisation_shared_by_its_users(services: Services) -> None:
    user = await member_of(services, Tier.BASIC)
    await consume_valuation(services, user, DECEMBER)
    await consume_valuation(services, colleague_of(user), DECEMBER)
    with pytest.raises(QuotaExceeded):
        await consume_valuation(services, colleague_of(user), DECEMBER)

    other_organisation = await member_of(services, Tier.BASIC)
    assert (await valuation_quota(services, other_organisation, DECEMBER)).used == 0
    assert (await consume_valuation(services, other_organisation, DECEMBER)).used == 1


async def test_concurrent_consumes_never_overshoot_the_limit(services: Services) -> None:
    user = await member_of(services, Tier.PROFESSIONAL)

    async def attempt() -> QuotaStatus | QuotaExceeded:
        try:
            return await consume_valuation(services, colleague_of(user), DECEMBER)
        except QuotaExceeded as error:
            return error

    outcomes = await asyncio.gather(*(attempt() for _ in range(20)))

    granted = [o for o in outcomes if isinstance(o, QuotaStatus)]
    refused = [o for o in outcomes if isinstance(o, QuotaExceeded)]
    assert len(granted) == 8
    assert len(refused) == 12
    assert sorted(status.used for status in granted) == list(range(1, 9))
    assert {error.details["used"] for error in refused} == {8}
    assert (await valuation_quota(services, user, DECEMBER)).used == 8


async def test_release_gives_one_back_and_never_goes_below_zero(services: Services) -> None:
    user = await member_of(services, Tier.BASIC)
    assert user.organisation_id is not None
    await consume_valuation(services, user, DECEMBER)
    consumed = await consume_valuation(services, user, DECEMBER)

    # Released in January, the unit goes back to December, where it was taken.
    assert await release_valuation(services, user.organisation_id, consumed.period) == 1
    assert (await consume_valuation(services, user, DECEMBER)).used == 2

    for expected in (1, 0, 0, 0):
        assert await release_valuation(services, user.organisation_id, "2025-12") == expected
    assert (await valuation_quota(services, user, DECEMBER)).used == 0
    # A period with nothing consumed stays at zero (and no row is needed for that).
    assert await release_valuation(services, user.organisation_id, "2026-01") == 0
    assert (await valuation_quota(services, user, JANUARY)).used == 0
    with pytest.raises(ValueError):
        await release_valuation(services, user.organisation_id, "2025-13")


async def test_repeated_refusals_are_audited_once(services: Services) -> None:
    user = await member_of(services, Tier.BASIC)
    for _ in range(2):
        await consume_valuation(services, user, DECEMBER)
    for _ in range(4):
        with pytest.raises(QuotaExceeded):
            await consume_valuation(services, user, DECEMBER)

    async with services.sessions() as session:
        events = list(
            await session.scalars(
                select(AuditEvent).where(
                    AuditEvent.organisation_id == user.organisation_id,  # type: ignore[arg-type]
                    AuditEvent.event == "quota.exceeded",  # type: ignore[arg-type]
                )
            )
        )
    assert len(events) == 1
    assert events[0].user_id == user.user_id
    assert events[0].client_ip == user.client_ip
    assert events[0].detail == {
        "metric": "valuations",
        "period": "2025-12",
        "tier": "basic",
        "limit": 2,
        "used": 2,
    }


async def test_anonymous_callers_cannot_consume(services: Services) -> None:
    caller = anonymous("203.0.113.30")
    with pytest.raises(Unauthenticated):
        await consume_valuation(services, caller, DECEMBER)
    with pytest.raises(Unauthenticated):
        await valuation_quota(services, caller, DECEMBER)


async def test_reading_the_quota_consumes_nothing_and_defaults_to_now(services: Services) -> None:
    user = await member_of(services, Tier.PROFESSIONAL)
    before = period_of(datetime.now(UTC))
    status = await valuation_quota(services, user)
    assert status.limit == 8
    assert status.used == 0
    assert status.remaining == 8
    assert status.period in {before, period_of(datetime.now(UTC))}
    assert status.resets_at > datetime.now(UTC) - timedelta(seconds=5)
    assert (await valuation_quota(services, user)).used == 0


def test_periods_need_an_aware_datetime() -> None:
    with pytest.raises(ValueError):
        period_of(datetime(2025, 12, 15))
