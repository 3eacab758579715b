"""Upload, read, follow and correct the caller's organisation's documents.

Uploading: the bytes are sniffed (their content decides the type, never the name), stored by
digest, the row inserted QUEUED, and the extraction job enqueued after the commit, so a worker
never looks for a row that is not there yet. If Redis cannot take the job, the row stands and the
sweeper enqueues it.

Correcting: the extracted figure is never changed; a correction row records who, when, why, the
value it replaced and the new one, in the same transaction as its audit event.
"""

from __future__ import annotations

import asyncio
import logging
import math
import re
import unicodedata
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date

from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from accounts.principal import Principal
from contracts import document_job as steps
from contracts.document_extraction import (
    CorrectedPeriod,
    Correction,
    StoredExtraction,
    apply_corrections,
)
from contracts.document_job import RUN_DOCUMENT, DocumentErrorCode, DocumentStatus, arq_job_id
from contracts.progress import ProgressEvent
from core.errors import BadUserInput
from documents.model import Field
from documents.sniff import Refused, sniff
from jobs.following import follow_job
from jobs.progress_hub import ProgressHub
from models.accounts import ApiKey, UserAccount
from models.document import MAX_FILENAME_LENGTH, Document, DocumentCorrection
from repositories import documents as repo
from repositories.accounts import add_audit_event
from repositories.owned import get_owned
from runtime.document_store import StorageUnavailable
from runtime.services import Services

log = logging.getLogger(__name__)
# The audit log's name for a correction (beside accounts/audit.SecurityEvent's names).
FIGURE_CORRECTED = "document.figure_corrected"
MAX_REASON_LENGTH = 1_000
# A figure beyond A$10tn is a slip, as createValuation's bounds say.
MAX_FIGURE = 1e13
_UNSAFE_IN_NAMES = re.compile(r"[\x00-\x1f\x7f-\x9f/\\\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True, slots=True)
class Refusal:
    code: str
    message: str
    field: tuple[str, ...] = ()


NOT_FOUND = Refusal("NOT_FOUND", "No such document.", ("documentId",))


def after_not_yours() -> BadUserInput:
    return BadUserInput("`after` is not one of your documents.", argument="after")


def clean_filename(given: str | None) -> str:
    """The sender's name for the file, fit to show back: its last path segment, without control,
    bidirectional-override or zero-width characters (which can make `evil.exe.pdf` read as
    something else), NFC-normalised, at most 255 characters (the extension kept). Shown only;
    files are stored by digest."""
    name = unicodedata.normalize("NFC", given or "")
    name = re.split(r"[/\\]", name)[-1]
    name = _UNSAFE_IN_NAMES.sub("", name).strip().lstrip(".")
    if len(name) > MAX_FILENAME_LENGTH:
        stem, dot, extension = name.rpartition(".")
        keep = extension if dot and len(extension) <= 10 else ""
        cut = MAX_FILENAME_LENGTH - (len(keep) + 1 if keep else 0)
        name = (stem if keep else name)[:cut].rstrip() + (f".{keep}" if keep else "")
    return name or "document"


async def upload_document(
    services: Services,
    principal: Principal,
    filename: str | None,
    data: bytes,
    kind: str,
    fiscal_year_end: date | None,
) -> Document | Refusal:
    organisation_id = principal.organisation_id
    assert organisation_id is not None  # the access policy admits no anonymous caller here
    limit = services.settings.max_document_bytes
    if len(data) > limit:
        return Refusal(DocumentErrorCode.TOO_LARGE, f"The file is over {limit:,} bytes.", ("file",))
    sniffed = await asyncio.to_thread(sniff, data)
    if isinstance(sniffed, Refused):
        return Refusal(sniffed.code.value, sniffed.message, ("file",))
    try:
        sha256 = await services.documents.put(organisation_id, data)
    except StorageUnavailable:
        log.warning("document store unavailable for an upload", exc_info=True)
        return Refusal(
            DocumentErrorCode.STORAGE_UNAVAILABLE, "The document store is unavailable; try again."
        )
    async with services.sessions.begin() as session:
        document = await repo.add_document(
            session,
            organisation_id=organisation_id,
            created_by=principal.user_id,
            filename=clean_filename(filename),
            media_type=sniffed.media_type,
            size_bytes=len(data),
            sha256=sha256,
            kind=kind,
            fiscal_year_end=fiscal_year_end,
        )
    try:
        await services.redis.enqueue_job(
            RUN_DOCUMENT, str(document.id), _job_id=arq_job_id(document.id)
        )
    except (RedisError, OSError):
        log.warning("could not enqueue document %s; the sweeper will", document.id, exc_info=True)
    return document


async def owned_document(
    services: Services, organisation_id: uuid.UUID | None, document_id: uuid.UUID | None
) -> Document | None:
    if document_id is None:
        return None
    async with services.sessions() as session:
        return await get_owned(session, Document, document_id, organisation_id)


async def page_of_documents(
    services: Services, organisation_id: uuid.UUID, first: int, after: uuid.UUID | None
) -> list[Document]:
    async with services.sessions() as session:
        last = None
        if after is not None:
            last = await get_owned(session, Document, after, organisation_id)
            if last is None:
                raise after_not_yours()
        return await repo.page_documents(session, organisation_id, first, last)


def correction_of(row: DocumentCorrection) -> Correction:
    return Correction(
        fiscal_year_end=row.fiscal_year_end,
        field=Field(row.field),
        old_value=row.old_value,
        new_value=row.new_value,
        reason=row.reason,
        by=row.corrected_by,
        at=row.corrected_at,
    )


async def corrections_for(
    services: Services, documents: list[Document]
) -> dict[uuid.UUID, list[Correction]]:
    """Corrections of documents the caller has already read through their owner."""
    async with services.sessions() as session:
        rows = await repo.corrections_of(session, [d.id for d in documents])
    return {document_id: [correction_of(r) for r in found] for document_id, found in rows.items()}


def corrected_periods(document: Document, corrections: list[Correction]) -> list[CorrectedPeriod]:
    if document.extraction is None:
        return []
    return apply_corrections(StoredExtraction.model_validate(document.extraction), corrections)


async def correct_figure(
    services: Services,
    principal: Principal,
    document_id: uuid.UUID | None,
    fiscal_year_end: date,
    field: Field,
    value: float,
    reason: str,
) -> Document | Refusal:
    """Record a correction of one figure of a completed document, and audit it."""
    organisation_id = principal.organisation_id
    document = await owned_document(services, organisation_id, document_id)
    if document is None:
        return NOT_FOUND
    reason = reason.strip()
    if not math.isfinite(value) or abs(value) > MAX_FIGURE:
        return Refusal("OUT_OF_RANGE", f"{value} is outside ±{MAX_FIGURE:.0e}.", ("value",))
    if not reason or len(reason) > MAX_REASON_LENGTH:
        return Refusal(
            "REASON_REQUIRED", f"Say why, in 1 to {MAX_REASON_LENGTH} characters.", ("reason",)
        )
    if document.status != DocumentStatus.COMPLETED.value:
        return Refusal(
            "NOT_COMPLETED",
            f"The document is {document.status}: nothing to correct yet.",
            ("documentId",),
        )
    async with services.sessions.begin() as session:
        await repo.lock_document(session, document.id)
        rows = (await repo.corrections_of(session, [document.id]))[document.id]
        periods = corrected_periods(document, [correction_of(r) for r in rows])
        period = next((p for p in periods if p.fiscal_year_end == fiscal_year_end), None)
        if period is None:
            years = ", ".join(str(p.fiscal_year_end) for p in periods if p.fiscal_year_end)
            return Refusal(
                "UNKNOWN_FISCAL_YEAR",
                f"The document has no period ending {fiscal_year_end} (it has: {years or 'none'}).",
                ("fiscalYearEnd",),
            )
        old = period.value(field)
        who = await _who(session, principal)
        await repo.add_correction(
            session,
            document.id,
            fiscal_year_end,
            field.value,
            old,
            value,
            reason,
            corrected_by_user_id=principal.user_id,
            corrected_by_api_key_id=principal.api_key_id,
            corrected_by=who,
        )
        await add_audit_event(
            session,
            FIGURE_CORRECTED,
            organisation_id=organisation_id,
            user_id=principal.user_id,
            api_key_id=principal.api_key_id,
            client_ip=principal.client_ip,
            detail={
                "document_id": str(document.id),
                "fiscal_year_end": fiscal_year_end.isoformat(),
                "field": field.value,
                "old_value": old,
                "new_value": value,
                "reason": reason,
            },
        )
    return document


async def _who(session: AsyncSession, principal: Principal) -> str:
    if principal.user_id is not None:
        user = await session.get(UserAccount, principal.user_id)
        if user is not None:
            return user.email
    if principal.api_key_id is not None:
        key = await session.get(ApiKey, principal.api_key_id)
        if key is not None:
            return f"API key {key.prefix}"
    return "unknown"


async def follow_document(
    services: Services,
    hub: ProgressHub,
    organisation_id: uuid.UUID | None,
    document_id: uuid.UUID,
) -> AsyncIterator[ProgressEvent]:
    """A document's extraction progress; nothing at all for another organisation's."""
    row = await owned_document(services, organisation_id, document_id)
    if row is None:
        return

    async def state() -> repo.ProgressState | None:
        async with services.sessions() as session:
            return await repo.progress_state(session, document_id)

    async for event in follow_job(services, hub, steps.STREAM, row, state):
        yield event
