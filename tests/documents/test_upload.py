"""uploadDocument: the type from the content, refusals with stable codes, the file stored by its
digest for its organisation only."""

from __future__ import annotations

import hashlib
import uuid

import httpx

from runtime.services import Services
from schema.ids import decode_id
from tests.fixtures.uploads import (
    CONTENT_TYPES,
    CSV_BYTES,
    PDF_BYTES,
    WORKBOOK,
    upload,
    workbook_zip,
)

DOCUMENT = """query ($id: ID!) { document(id: $id) {
  id status stage filename mediaType sizeBytes sha256 kind fiscalYearEnd pages error { code } } }"""


def _payload(response: httpx.Response) -> dict:
    assert response.status_code == 200, response.text
    assert "errors" not in response.json(), response.json()
    return response.json()["data"]["uploadDocument"]


async def test_an_upload_is_stored_by_digest_and_queued(
    client: httpx.AsyncClient, services: Services
) -> None:
    payload = _payload(
        await upload(client, PDF_BYTES, "FY25 report.pdf", kind="ANNUAL_REPORT", fye="2025-06-30")
    )
    document = payload["document"]
    assert payload["userErrors"] == []
    assert document["status"] in ("QUEUED", "RUNNING", "FAILED", "COMPLETED")
    assert document["filename"] == "FY25 report.pdf"
    assert document["mediaType"] == "application/pdf"
    assert document["kind"] == "ANNUAL_REPORT" and document["fiscalYearEnd"] == "2025-06-30"
    assert document["sha256"] == hashlib.sha256(PDF_BYTES).hexdigest()
    assert document["sizeBytes"] == len(PDF_BYTES)
    async with services.sessions() as session:
        from models.document import Document

        row = await session.get(Document, decode_id("Document", document["id"]))
    assert row is not None
    assert await services.documents.get(row.organisation_id, row.sha256) == PDF_BYTES


async def test_a_pdf_that_claims_to_be_csv_is_stored_as_a_pdf(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql",
        headers={"Apollo-Require-Preflight": "true"},
        **__import__("tests.fixtures.uploads", fromlist=["multipart"]).multipart(
            PDF_BYTES, "figures.csv", "text/csv"
        ),
    )
    document = _payload(response)["document"]
    assert document["mediaType"] == "application/pdf" and document["filename"] == "figures.csv"


async def test_a_csv_is_a_csv_whatever_its_name(client: httpx.AsyncClient) -> None:
    document = _payload(await upload(client, CSV_BYTES, "statements.pdf"))["document"]
    assert document["mediaType"] == "text/csv"


async def test_a_zip_bomb_named_xlsx_is_refused(client: httpx.AsyncClient) -> None:
    bomb = workbook_zip(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "xl/workbook.xml": WORKBOOK,
            "xl/worksheets/sheet1.xml": b"\x00" * (16 * 1024 * 1024),
        }
    )
    payload = _payload(await upload(client, bomb, "accounts.xlsx"))
    assert payload["document"] is None
    assert payload["userErrors"][0]["code"] == "UNSAFE_ARCHIVE"
    assert payload["userErrors"][0]["field"] == ["file"]


async def test_refusals_have_stable_codes(client: httpx.AsyncClient) -> None:
    cases = {
        b"": "EMPTY_FILE",
        b"MZ\x90\x00 an executable renamed": "UNSUPPORTED_TYPE",
        workbook_zip({"word/document.xml": b"<w/>"}): "UNSUPPORTED_TYPE",
    }
    for data, code in cases.items():
        payload = _payload(await upload(client, data, "x.xlsx"))
        assert [e["code"] for e in payload["userErrors"]] == [code]


async def test_an_implausible_fiscal_year_end_is_refused(client: httpx.AsyncClient) -> None:
    payload = _payload(await upload(client, PDF_BYTES, fye="1900-06-30"))
    assert payload["userErrors"][0]["code"] == "INVALID_FISCAL_YEAR_END"
    assert payload["userErrors"][0]["field"] == ["fiscalYearEnd"]


async def test_a_nul_byte_in_the_filename_is_dropped_not_stored(client: httpx.AsyncClient) -> None:
    """httpx would percent-encode the NUL; a hostile client writes it raw into the part header."""
    import json

    from tests.fixtures.uploads import UPLOAD

    boundary = b"b0undary"
    operations = json.dumps({"query": UPLOAD, "variables": {"file": None}}).encode()
    body = b"".join(
        [
            b"--" + boundary + b'\r\nContent-Disposition: form-data; name="operations"\r\n\r\n',
            operations,
            b"\r\n--" + boundary + b'\r\nContent-Disposition: form-data; name="map"\r\n\r\n',
            b'{"0": ["variables.file"]}',
            b"\r\n--" + boundary + b'\r\nContent-Disposition: form-data; name="0"; '
            b'filename="evil\x00.pdf"\r\nContent-Type: application/pdf\r\n\r\n',
            PDF_BYTES,
            b"\r\n--" + boundary + b"--\r\n",
        ]
    )
    response = await client.post(
        "/graphql",
        content=body,
        headers={
            "Content-Type": "multipart/form-data; boundary=b0undary",
            "Apollo-Require-Preflight": "true",
        },
    )
    document = _payload(response)["document"]
    assert "\x00" not in document["filename"] and document["filename"].startswith("evil")


async def test_a_file_sent_as_a_json_variable_is_refused(client: httpx.AsyncClient) -> None:
    from tests.fixtures.uploads import UPLOAD

    response = await client.post("/graphql", json={"query": UPLOAD, "variables": {"file": "a"}})
    payload = response.json()["data"]["uploadDocument"]
    assert payload["userErrors"][0]["code"] == "FILE_REQUIRED"


async def test_an_unknown_document_reads_as_null(client: httpx.AsyncClient) -> None:
    from schema.ids import encode_id

    response = await client.post(
        "/graphql",
        json={"query": DOCUMENT, "variables": {"id": encode_id("Document", uuid.uuid4())}},
    )
    assert response.json()["data"] == {"document": None}
