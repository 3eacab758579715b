"""The development user: in development, callers without credentials act as this user."""

from __future__ import annotations

import logging

from sqlalchemy.exc import IntegrityError

from accounts.operators import ensure_organisation
from accounts.passwords import hash_password
from accounts.principal import Principal, Role
from accounts.tiers import Tier
from repositories import accounts as repo
from runtime.services import Services

log = logging.getLogger(__name__)

DEVELOPMENT_ORGANISATION = "Development"


async def ensure_development_user(services: Services) -> Principal:
    settings = services.settings
    organisation = await ensure_organisation(services, DEVELOPMENT_ORGANISATION, Tier.ENTERPRISE)
    try:
        async with services.sessions.begin() as session:
            user = await repo.user_by_email(session, settings.dev_user_email)
            if user is None:
                user = await repo.add_user(
                    session,
                    organisation.id,
                    settings.dev_user_email,
                    hash_password(settings.dev_user_password),
                )
    except IntegrityError:
        # Another process of this deployment created it at the same moment.
        async with services.sessions() as session:
            user = await repo.user_by_email(session, settings.dev_user_email)
        assert user is not None
    log.info(
        "development mode: requests without credentials act as %s (enterprise). For a token: "
        'mutation { login(email: "%s", password: "%s") { accessToken refreshToken } }',
        settings.dev_user_email,
        settings.dev_user_email,
        settings.dev_user_password,
    )
    return Principal(
        role=Role.USER,
        client_ip="",
        organisation_id=organisation.id,
        user_id=user.id,
        tier=Tier(organisation.tier),
    )
