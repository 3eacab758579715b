"""The caller's reports (report, reports), reportProgress, and the organisation's branding
(updateOrganisationBranding): GraphQL in, jobs/reports.py and jobs/branding.py to do it."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import UTC, datetime
from typing import Annotated

import strawberry
from sqlalchemy import select
from starlette.datastructures import UploadFile
from strawberry.file_uploads import Upload

from accounts.tiers import Feature
from contracts import report_job
from jobs.branding import BrandingChange, branding_row, update_branding
from jobs.following import follow_job
from models.report import OrganisationBranding as BrandingRow
from models.report import Report as ReportRow
from reports import branding_rules as rules
from repositories.owned import get_owned
from schema.bounds import MAX_PAGE_SIZE
from schema.context import Info
from schema.ids import decode_id
from schema.pagination import check_page_size
from schema.permissions import requires
from schema.types.report import Report, ReportStatus, shown

TABLE = ReportRow.__table__  # type: ignore[attr-defined]


@strawberry.type(description="A report's progress event.")
class ReportProgressEvent:
    report_id: strawberry.ID = strawberry.field(description="The report.")
    seq: int = strawberry.field(description="Increases by one per event.")
    status: ReportStatus = strawberry.field(description="Where it is.")
    stage: str = strawberry.field(description="QUEUED, RENDERING, STORING, DONE or FAILED.")
    percent: int = strawberry.field(description="Per cent done.")
    message: str = strawberry.field(description="What is happening.")
    published_at: datetime | None = strawberry.field(
        description="When the worker published it; null for a state read from storage."
    )


@strawberry.type
class ReportQuery:
    @strawberry.field(description="One of the caller's reports; null when unknown.")
    async def report(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="Its ID.")]
    ) -> Report | None:
        report_id = decode_id("Report", id)
        if report_id is None:
            return None
        async with info.context.services.sessions() as session:
            row = await get_owned(
                session, ReportRow, report_id, info.context.principal.organisation_id
            )
        return shown(info, row) if row is not None else None

    @strawberry.field(description="The caller's organisation's reports, newest first.")
    async def reports(
        self,
        info: Info,
        first: Annotated[
            int, strawberry.argument(description=f"How many, at most {MAX_PAGE_SIZE}.")
        ] = 20,
    ) -> list[Report]:
        check_page_size(first)
        organisation_id = info.context.principal.organisation_id
        if organisation_id is None:
            return []
        async with info.context.services.sessions() as session:
            rows = await session.scalars(
                select(ReportRow)
                .where(TABLE.c.organisation_id == organisation_id)
                .order_by(TABLE.c.created_at.desc(), TABLE.c.id)
                .limit(first)
            )
            return [shown(info, row) for row in rows]


@strawberry.type
class ReportSubscription:
    @strawberry.subscription(
        description="Progress of one of the caller's reports: its current state, then each event, "
        "ending after the terminal one. Ends at once for an unknown report."
    )
    async def report_progress(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The report's ID.")],
    ) -> AsyncGenerator[ReportProgressEvent, None]:
        report_id = decode_id("Report", id)
        hub = info.context.progress_hub
        if report_id is None:
            return
        if hub is None:
            raise RuntimeError("progress subscriptions need the context of a websocket")
        services = info.context.services
        organisation_id = info.context.principal.organisation_id

        async def state() -> ReportRow | None:
            async with services.sessions() as session:
                return await get_owned(session, ReportRow, report_id, organisation_id)

        row = await state()
        if row is None:
            return
        async for event in follow_job(services, hub, report_job.STREAM, row, state):
            yield ReportProgressEvent(
                report_id=id,
                seq=event.seq,
                status=ReportStatus(event.status),
                stage=event.stage,
                percent=event.percent,
                message=event.message,
                published_at=datetime.fromtimestamp(event.published_at, UTC)
                if event.published_at
                else None,
            )


@strawberry.type(description="An organisation's white label, carried by its reports.")
class OrganisationBranding:
    name: str = strawberry.field(description="The name its reports carry instead of ours.")
    primary_colour: str = strawberry.field(description="Headings and the offer range, #RRGGBB.")
    accent_colour: str = strawberry.field(description="The football field's bars, #RRGGBB.")
    disclaimer: str = strawberry.field(description="The disclaimer on the cover and each page.")
    logo_media_type: str | None = strawberry.field(description="image/png, image/svg+xml or null.")
    updated_at: datetime = strawberry.field(description="When it was last set.")

    @classmethod
    def from_row(cls, row: BrandingRow) -> OrganisationBranding:
        return cls(
            name=row.name,
            primary_colour=row.primary_colour,
            accent_colour=row.accent_colour,
            disclaimer=row.disclaimer,
            logo_media_type=row.logo_media_type,
            updated_at=row.updated_at,
        )


@strawberry.type(description="Why the branding was not set.")
class BrandingError:
    field: list[str] = strawberry.field(description="The argument at fault.")
    code: str = strawberry.field(
        description="INVALID_NAME, INVALID_COLOUR, INVALID_DISCLAIMER, LOGO_TOO_LARGE, "
        "LOGO_UNSUPPORTED or STORAGE_UNAVAILABLE."
    )
    message: str = strawberry.field(description="What is wrong.")


@strawberry.type(description="The branding as set, or why it was not.")
class UpdateOrganisationBrandingPayload:
    branding: OrganisationBranding | None = strawberry.field(description="As now set.")
    user_errors: list[BrandingError] = strawberry.field(description="Why not, if not.")


@strawberry.type
class BrandingMutation:
    @strawberry.mutation(
        description="Set the white label of the caller's organisation: its reports then carry "
        "this name, logo, colours and disclaimer instead of ours. The logo (a PNG of at most "
        "512 KiB or an SVG of at most 256 KiB) is sent as a multipart part, like uploadDocument. "
        "Needs the white label feature.",
        permission_classes=[requires(Feature.WHITE_LABEL)],
    )
    async def update_organisation_branding(
        self,
        info: Info,
        name: Annotated[str, strawberry.argument(description="1 to 200 characters.")],
        primary_colour: Annotated[str, strawberry.argument(description="#RRGGBB.")],
        accent_colour: Annotated[str, strawberry.argument(description="#RRGGBB.")],
        disclaimer: Annotated[str, strawberry.argument(description="1 to 2,000 characters.")],
        logo: Annotated[
            Upload | None, strawberry.argument(description="A new logo; omitted: keep it.")
        ] = None,
        remove_logo: Annotated[
            bool, strawberry.argument(description="True: no logo (the name alone).")
        ] = False,
    ) -> UpdateOrganisationBrandingPayload | None:
        organisation_id = info.context.principal.organisation_id
        assert organisation_id is not None  # the feature needs a tier, so a caller
        data = None
        if isinstance(logo, UploadFile):
            data = await logo.read(rules.MAX_PNG_BYTES + 1)
        change = BrandingChange(
            name, primary_colour, accent_colour, disclaimer, data, remove_logo and data is None
        )
        outcome = await update_branding(info.context.services, organisation_id, change)
        if isinstance(outcome, list):
            errors = [
                BrandingError(field=[p.field], code=p.code, message=p.message) for p in outcome
            ]
            return UpdateOrganisationBrandingPayload(branding=None, user_errors=errors)
        return UpdateOrganisationBrandingPayload(
            branding=OrganisationBranding.from_row(outcome), user_errors=[]
        )


@strawberry.type
class BrandingQuery:
    @strawberry.field(description="The caller's organisation's white label; null if not set.")
    async def organisation_branding(self, info: Info) -> OrganisationBranding | None:
        organisation_id = info.context.principal.organisation_id
        if organisation_id is None:
            return None
        row = await branding_row(info.context.services, organisation_id)
        return OrganisationBranding.from_row(row) if row is not None else None
