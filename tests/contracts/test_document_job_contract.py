"""A document's statuses, stages and error codes are one table: every value the repository can
write has its GraphQL enum member, and progress moves one way."""

from __future__ import annotations

from contracts import document_job as steps
from contracts.document_job import DocumentErrorCode, DocumentStage, DocumentStatus
from schema.types import document as schema


def test_every_status_stage_and_error_code_has_its_graphql_member() -> None:
    assert {m.name for m in schema.DocumentStatus} == {s.value for s in DocumentStatus}
    assert {m.name for m in schema.DocumentStage} == {s.value for s in DocumentStage}
    assert {m.name for m in schema.DocumentErrorCode} == {c.value for c in DocumentErrorCode}
    # and the schema reads each stored value back (Document.from_row)
    assert [schema.DocumentStatus(s.value).name for s in DocumentStatus] == list(DocumentStatus)
    assert [schema.DocumentStage(s.value).name for s in DocumentStage] == list(DocumentStage)


def test_progress_rises_through_the_stages_and_per_page_within_extracting() -> None:
    order = [steps.QUEUED, steps.READING, steps.EXTRACTING, steps.VALIDATING, steps.COMPLETED]
    assert [s.percent for s in order] == sorted(s.percent for s in order)
    per_page = [steps.extracting(done, 7).percent for done in range(8)]
    assert per_page == sorted(per_page)
    assert per_page[0] == steps.EXTRACTING.percent and per_page[-1] == steps.VALIDATING.percent
