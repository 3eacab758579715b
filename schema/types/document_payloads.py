"""What the document mutations answer, and a document's progress events."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum

import strawberry

from contracts.progress import ProgressEvent
from schema.types.document import Document, DocumentErrorCode, DocumentStage, DocumentStatus


@strawberry.type(description="Why uploadDocument did not accept the file.")
class UploadDocumentError:
    field: list[str] | None = strawberry.field(description='The argument to fix, e.g. ["file"].')
    code: DocumentErrorCode = strawberry.field(description="Stable code.")
    message: str = strawberry.field(description="Human-readable explanation.")


@strawberry.type(description="The result of uploadDocument.")
class UploadDocumentPayload:
    document: Document | None = strawberry.field(
        description="The document, QUEUED for extraction; follow it with documentProgress."
    )
    user_errors: list[UploadDocumentError] = strawberry.field(description="Why it was refused.")


@strawberry.enum(description="Why correctDocumentFigure did not record the correction.")
class CorrectDocumentFigureErrorCode(Enum):
    NOT_FOUND = strawberry.enum_value("NOT_FOUND", description="No document of yours has this ID.")
    NOT_COMPLETED = strawberry.enum_value(
        "NOT_COMPLETED", description="The document has no extraction yet (or failed)."
    )
    UNKNOWN_FISCAL_YEAR = strawberry.enum_value(
        "UNKNOWN_FISCAL_YEAR", description="The document has no period ending on that date."
    )
    OUT_OF_RANGE = strawberry.enum_value(
        "OUT_OF_RANGE", description="Not finite, or beyond ±A$10tn."
    )
    REASON_REQUIRED = strawberry.enum_value(
        "REASON_REQUIRED", description="A reason of 1 to 1,000 characters is required."
    )


@strawberry.type(description="Why correctDocumentFigure refused.")
class CorrectDocumentFigureError:
    field: list[str] | None = strawberry.field(description="The argument to fix.")
    code: CorrectDocumentFigureErrorCode = strawberry.field(description="Stable code.")
    message: str = strawberry.field(description="Human-readable explanation.")


@strawberry.type(description="The result of correctDocumentFigure.")
class CorrectDocumentFigurePayload:
    document: Document | None = strawberry.field(
        description="The document, the correction in force in its extraction."
    )
    user_errors: list[CorrectDocumentFigureError] = strawberry.field(description="Why not.")


@strawberry.type(description="One step of a document's extraction.")
class DocumentProgressEvent:
    document_id: strawberry.ID = strawberry.field(description="The document.")
    seq: int = strawberry.field(description="Increases by one per event.")
    status: DocumentStatus = strawberry.field(description="Where it is in its life.")
    stage: DocumentStage = strawberry.field(description="The stage it is at.")
    percent: int = strawberry.field(description="Per cent done.")
    message: str = strawberry.field(description="What is happening.")
    published_at: datetime | None = strawberry.field(
        description="When the worker published it; null for a state read from storage."
    )

    @classmethod
    def from_event(cls, event: ProgressEvent, opaque_id: str) -> DocumentProgressEvent:
        return cls(
            document_id=strawberry.ID(opaque_id),
            seq=event.seq,
            status=DocumentStatus(event.status),
            stage=DocumentStage(event.stage),
            percent=event.percent,
            message=event.message,
            published_at=(
                datetime.fromtimestamp(event.published_at, UTC) if event.published_at else None
            ),
        )
