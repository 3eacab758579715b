"""Setting an organisation's white label: every part checked (reports/branding_rules.py) before
anything is written, the logo kept in the document store in the organisation's space."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from models.report import OrganisationBranding
from reports import branding_rules as rules
from reports.branding_rules import BrandingProblem
from repositories import reports as repo
from runtime.document_store import StorageUnavailable
from runtime.services import Services


@dataclass(frozen=True)
class BrandingChange:
    name: str
    primary_colour: str
    accent_colour: str
    disclaimer: str
    logo: bytes | None  # None: keep the current logo (or none)
    remove_logo: bool = False


async def update_branding(
    services: Services, organisation_id: uuid.UUID, change: BrandingChange
) -> OrganisationBranding | list[BrandingProblem]:
    problems = [
        problem
        for problem in (
            rules.name_problem(change.name),
            rules.colour_problem("primaryColour", change.primary_colour),
            rules.colour_problem("accentColour", change.accent_colour),
            rules.disclaimer_problem(change.disclaimer),
        )
        if problem is not None
    ]
    media_type = None
    if change.logo is not None:
        checked = rules.logo_media_type(change.logo)
        if isinstance(checked, BrandingProblem):
            problems.append(checked)
        else:
            media_type = checked
    if problems:
        return problems
    async with services.sessions() as session:
        current = await repo.branding_of(session, organisation_id)
    logo_sha256 = current.logo_sha256 if current and not change.remove_logo else None
    logo_type = current.logo_media_type if current and not change.remove_logo else None
    if change.logo is not None:
        try:
            logo_sha256 = await services.documents.put(organisation_id, change.logo)
        except StorageUnavailable:
            return [BrandingProblem("logo", "STORAGE_UNAVAILABLE", "Try again shortly.")]
        logo_type = media_type
    branding = OrganisationBranding(
        organisation_id=organisation_id,
        name=change.name.strip(),
        primary_colour=change.primary_colour.upper(),
        accent_colour=change.accent_colour.upper(),
        disclaimer=change.disclaimer.strip(),
        logo_sha256=logo_sha256,
        logo_media_type=logo_type,
        updated_at=datetime.now(UTC),
    )
    async with services.sessions.begin() as session:
        await repo.save_branding(session, branding)
    return branding


async def branding_row(
    services: Services, organisation_id: uuid.UUID
) -> OrganisationBranding | None:
    async with services.sessions() as session:
        return await repo.branding_of(session, organisation_id)
