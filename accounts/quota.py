"""The monthly valuation quota of each tier (accounts/tiers.py: `valuations_per_month`).

A quota counts per organisation and calendar month in UTC: every user and API key of an
organisation draws on one allowance, which starts afresh at 00:00 UTC on the first of each month.

The tier is the one on the principal, i.e. the organisation's tier when the caller signed in (it is
a claim of the access token; an API key reads it on every request). That costs no database read
per call and matches what the rest of the request is allowed to do (features, rate and cost
limits). The consequence: after an organisation changes tier, a signed-in user keeps the old
allowance until the access token is refreshed, at most an hour. The count itself is shared, so a
change of tier never resets or duplicates what was used this month.

`consume_valuation` is called before a valuation job is created; if the job is then refused, is
cancelled before it starts, fails for its input (VALUATION_INPUT) or for a fault of ours
(INTERNAL_ERROR), `release_valuation` gives the unit back to the period it came from
(`QuotaStatus.period`), even when the month has turned in between.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from accounts.audit import SecurityEvent, SecurityLog
from accounts.principal import Principal
from accounts.tiers import Tier, policy_for
from core.errors import Forbidden, QuotaExceeded, Unauthenticated
from repositories import usage as repo
from runtime.services import Services

VALUATIONS = "valuations"
_PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


@dataclass(frozen=True, slots=True)
class QuotaStatus:
    limit: int | None  # None: unlimited
    used: int
    remaining: int | None  # None: unlimited
    resets_at: datetime  # the first instant of the next month, UTC
    period: str  # "YYYY-MM", the month counted; pass it to `release_valuation`


def period_of(moment: datetime) -> str:
    """The quota period ("YYYY-MM", UTC) that `moment` (timezone-aware) falls in."""
    return _utc(moment).strftime("%Y-%m")


def next_period_start(moment: datetime) -> datetime:
    """The first instant of the month after `moment`'s, in UTC."""
    moment = _utc(moment)
    if moment.month == 12:
        return datetime(moment.year + 1, 1, 1, tzinfo=UTC)
    return datetime(moment.year, moment.month + 1, 1, tzinfo=UTC)


async def consume_valuation(
    services: Services, principal: Principal, now: datetime | None = None
) -> QuotaStatus:
    """Take one valuation from the organisation's allowance for this month, atomically.

    Raises `QuotaExceeded` (details `limit`, `used`, `resetsAt`) when it is used up, and records
    one `quota.exceeded` audit event per caller per throttle window; `Unauthenticated` for a
    caller without an organisation.
    """
    organisation_id, tier = _organisation_of(principal)
    limit = policy_for(tier).valuations_per_month
    moment = _utc(now or datetime.now(UTC))
    period = period_of(moment)
    async with services.sessions.begin() as session:
        consumption = await repo.consume(session, organisation_id, VALUATIONS, period, limit)
    status = _status(limit, consumption.used, moment)
    if consumption.granted:
        return status
    await SecurityLog(services).record_once(
        SecurityEvent.QUOTA_EXCEEDED,
        principal,
        metric=VALUATIONS,
        period=period,
        tier=tier.value,
        limit=limit,
        used=consumption.used,
    )
    resets_at = status.resets_at.isoformat()
    raise QuotaExceeded(
        f"The {tier.value} tier includes {limit} valuations a month and this month's are used; "
        f"the allowance resets at {resets_at}.",
        limit=limit,
        used=consumption.used,
        resetsAt=resets_at,
    )


async def valuation_quota(
    services: Services, principal: Principal, now: datetime | None = None
) -> QuotaStatus:
    """The organisation's allowance this month, without consuming any."""
    organisation_id, tier = _organisation_of(principal)
    limit = policy_for(tier).valuations_per_month
    moment = _utc(now or datetime.now(UTC))
    async with services.sessions() as session:
        used = await repo.usage(session, organisation_id, VALUATIONS, period_of(moment))
    return _status(limit, used, moment)


async def release_valuation(services: Services, organisation_id: uuid.UUID, period: str) -> int:
    """Give back one valuation consumed in `period` ("YYYY-MM", from `QuotaStatus.period`), for a
    job that was refused, cancelled before it started, or failed for its input. Never goes below
    zero. Takes the organisation rather than a principal so that a worker can call it. Returns the
    units used in that period afterwards."""
    if not _PERIOD.match(period):
        raise ValueError(f"{period!r} is not a quota period (YYYY-MM)")
    async with services.sessions.begin() as session:
        return await repo.release(session, organisation_id, VALUATIONS, period)


def _organisation_of(principal: Principal) -> tuple[uuid.UUID, Tier]:
    if principal.organisation_id is None:
        raise Unauthenticated("Sign in to run valuations.")
    if principal.tier is None:
        raise Forbidden("This caller's organisation has no subscription tier.")
    return principal.organisation_id, principal.tier


def _status(limit: int | None, used: int, moment: datetime) -> QuotaStatus:
    return QuotaStatus(
        limit=limit,
        used=used,
        remaining=None if limit is None else max(limit - used, 0),
        resets_at=next_period_start(moment),
        period=period_of(moment),
    )


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("quota periods need a timezone-aware datetime")
    return moment.astimezone(UTC)
