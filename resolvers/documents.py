"""uploadDocument, correctDocumentFigure, the caller's documents and documentProgress: GraphQL in,
jobs/documents.py to do it, GraphQL out."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import UTC, date, datetime, timedelta
from typing import Annotated

import strawberry
from starlette.datastructures import UploadFile
from strawberry.file_uploads import Upload

from contracts.document_job import DocumentErrorCode as Code
from documents.model import Field
from jobs import documents as jobs
from models.document import Document as DocumentRow
from runtime.services import Services
from schema.bounds import MAX_PAGE_SIZE
from schema.context import Info
from schema.ids import decode_id
from schema.pagination import check_page_size
from schema.types.document import Document, DocumentErrorCode, DocumentField, DocumentKind
from schema.types.document_payloads import (
    CorrectDocumentFigureError,
    CorrectDocumentFigureErrorCode,
    CorrectDocumentFigurePayload,
    DocumentProgressEvent,
    UploadDocumentError,
    UploadDocumentPayload,
)

EARLIEST_FISCAL_YEAR_END = date(1990, 1, 1)


async def _shown(services: Services, rows: list[DocumentRow]) -> list[Document]:
    corrections = await jobs.corrections_for(services, rows)
    return [Document.from_row(row, corrections.get(row.id, [])) for row in rows]


def _upload_refused(code: str, message: str, field: list[str] | None) -> UploadDocumentPayload:
    return UploadDocumentPayload(
        document=None,
        user_errors=[
            UploadDocumentError(field=field, code=DocumentErrorCode(code), message=message)
        ],
    )


@strawberry.type
class DocumentMutation:
    @strawberry.mutation(
        description="Upload a document (PDF, PNG, JPEG, TIFF, XLSX or CSV, told apart by content) "
        "as a GraphQL multipart request, with the header `Apollo-Require-Preflight: true` or "
        "`X-Requested-With`; its extraction runs in the background (documentProgress)."
    )
    async def upload_document(
        self,
        info: Info,
        file: Annotated[Upload, strawberry.argument(description="The file (a multipart part).")],
        kind: Annotated[
            DocumentKind, strawberry.argument(description="What it is; AUTO: not said.")
        ] = DocumentKind.AUTO,
        fiscal_year_end: Annotated[
            date | None,
            strawberry.argument(
                description="The last day of its latest fiscal year, to date columns it leaves "
                "undated (e.g. a workbook headed only 'FY' and 'PY')."
            ),
        ] = None,
    ) -> UploadDocumentPayload:
        services = info.context.services
        if not isinstance(file, UploadFile):
            return _upload_refused(
                Code.FILE_REQUIRED, "Send the file as a multipart part mapped to `file`.", ["file"]
            )
        latest = datetime.now(UTC).date() + timedelta(days=366)
        if fiscal_year_end is not None and not (
            EARLIEST_FISCAL_YEAR_END <= fiscal_year_end <= latest
        ):
            return _upload_refused(
                Code.INVALID_FISCAL_YEAR_END,
                f"A fiscal year end from {EARLIEST_FISCAL_YEAR_END} to {latest}.",
                ["fiscalYearEnd"],
            )
        # The transport spooled the part to disk as it arrived; read one byte past the limit to
        # tell a file at the limit from one over it.
        data = await file.read(services.settings.max_document_bytes + 1)
        outcome = await jobs.upload_document(
            services, info.context.principal, file.filename, data, kind.name, fiscal_year_end
        )
        if isinstance(outcome, jobs.Refusal):
            return _upload_refused(outcome.code, outcome.message, list(outcome.field) or None)
        (shown,) = await _shown(services, [outcome])
        return UploadDocumentPayload(document=shown, user_errors=[])

    @strawberry.mutation(
        description="Correct one extracted figure of a completed document. The extracted value is "
        "kept; the correction (who, when, why, the value it replaced) is stored and audited, and "
        "wins in the extraction shown and in valuations made from the document."
    )
    async def correct_document_figure(
        self,
        info: Info,
        document_id: Annotated[strawberry.ID, strawberry.argument(description="The document.")],
        fiscal_year_end: Annotated[
            date, strawberry.argument(description="The period (its fiscal year end).")
        ],
        field: Annotated[DocumentField, strawberry.argument(description="The figure.")],
        value: Annotated[float, strawberry.argument(description="The right value, AUD.")],
        reason: Annotated[str, strawberry.argument(description="Why, 1 to 1,000 characters.")],
    ) -> CorrectDocumentFigurePayload:
        services = info.context.services
        outcome = await jobs.correct_figure(
            services,
            info.context.principal,
            decode_id("Document", document_id),
            fiscal_year_end,
            Field[field.name],
            value,
            reason,
        )
        if isinstance(outcome, jobs.Refusal):
            return CorrectDocumentFigurePayload(
                document=None,
                user_errors=[
                    CorrectDocumentFigureError(
                        field=list(outcome.field) or None,
                        code=CorrectDocumentFigureErrorCode(outcome.code),
                        message=outcome.message,
                    )
                ],
            )
        (shown,) = await _shown(services, [outcome])
        return CorrectDocumentFigurePayload(document=shown, user_errors=[])


@strawberry.type
class DocumentQuery:
    @strawberry.field(description="One of the caller's documents; null when unknown.")
    async def document(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Its opaque ID.")],
    ) -> Document | None:
        services = info.context.services
        row = await jobs.owned_document(
            services, info.context.principal.organisation_id, decode_id("Document", id)
        )
        return (await _shown(services, [row]))[0] if row else None

    @strawberry.field(description="The caller's organisation's documents, newest first.")
    async def documents(
        self,
        info: Info,
        first: Annotated[
            int, strawberry.argument(description=f"How many, at most {MAX_PAGE_SIZE}.")
        ] = 20,
        after: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="The ID of the last document of the previous page."),
        ] = None,
    ) -> list[Document]:
        check_page_size(first)
        organisation_id = info.context.principal.organisation_id
        if organisation_id is None:
            return []
        after_id = decode_id("Document", after) if after is not None else None
        if after is not None and after_id is None:
            raise jobs.after_not_yours()
        services = info.context.services
        rows = await jobs.page_of_documents(services, organisation_id, first, after_id)
        return await _shown(services, rows)


@strawberry.type
class DocumentSubscription:
    @strawberry.subscription(
        description="Progress of one of the caller's documents: its current state, then each "
        "event in order, ending after the terminal one. Ends at once for an unknown document."
    )
    async def document_progress(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The document's ID.")],
    ) -> AsyncGenerator[DocumentProgressEvent, None]:
        document_id = decode_id("Document", id)
        if document_id is None:
            return
        hub = info.context.progress_hub
        if hub is None:
            raise RuntimeError("progress subscriptions need the context of a websocket")
        events = jobs.follow_document(
            info.context.services, hub, info.context.principal.organisation_id, document_id
        )
        async for event in events:
            yield DocumentProgressEvent.from_event(event, id)
