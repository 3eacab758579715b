"""Reports through the API: generated once per result and branding by a real worker, served by
signed links without a bearer token, gated by tier, white-labelled on request."""

from __future__ import annotations

import asyncio
import io
import time
import uuid
from typing import Any

import httpx
import pypdfium2 as pdfium
import pytest
from PIL import Image
from starlette.applications import Starlette

from accounts.operators import create_user
from accounts.tiers import Tier
from core.redis import is_embedded
from core.report_links import ReportLink, sign
from edge.state import app_state
from runtime.services import Services
from schema.ids import decode_id
from tests.fixtures.accounts import PASSWORD
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.documents import LOGIN
from tests.fixtures.uploads import PREFLIGHT
from tests.fixtures.valuation_inputs import company
from tests.fixtures.valuations import run_worker

CREATE = """mutation ($input: ValuationInput!) { createValuation(input: $input) { job { id } } }"""
STATUS = "query ($id: ID!) { valuation(id: $id) { status } }"
REPORTS = """query ($id: ID!) { valuation(id: $id) { reports {
  pdf { id format status url expiresAt sizeBytes error { code } }
  xlsx { id format status url expiresAt sizeBytes error { code } } } } }"""
PDF_ONLY = """query ($id: ID!) { valuation(id: $id) { reports { pdf { id status url } } } }"""
BRAND = """mutation ($name: String!, $logo: Upload) { updateOrganisationBranding(name: $name,
  primaryColour: "#0B6E4F", accentColour: "#C2185B",
  disclaimer: "Prepared for the board of directors by Southern Cross Advisory.", logo: $logo) {
  branding { name logoMediaType } userErrors { field code message } } }"""


class Caller:
    def __init__(
        self,
        app: Starlette,
        http: httpx.AsyncClient,
        headers: dict[str, str],
        organisation_id: uuid.UUID,
    ) -> None:
        self.app, self.http, self.headers = app, http, headers
        self.organisation_id = organisation_id

    @property
    def services(self) -> Services:
        return app_state(self.app).services

    async def answer(self, query: str, **variables: Any) -> dict[str, Any]:
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables}, headers=self.headers
        )
        body: dict[str, Any] = response.json()
        return body

    async def data(self, query: str, **variables: Any) -> dict[str, Any]:
        body = await self.answer(query, **variables)
        assert "errors" not in body, body
        return dict(body["data"])

    async def work(self) -> None:
        if not is_embedded(self.services.redis):
            await run_worker(self.services)


async def _caller(app: Starlette, http: httpx.AsyncClient, tier: Tier) -> Caller:
    email = f"rep-{uuid.uuid4().hex[:8]}@example.com"
    user = await create_user(app_state(app).services, email, PASSWORD, f"Org {email}", tier)
    login = await GraphQLClient(http).execute(LOGIN, e=email, p=PASSWORD)
    token = login["data"]["login"]["accessToken"]
    return Caller(app, http, {"Authorization": f"Bearer {token}"}, user.organisation_id)


async def _completed(caller: Caller) -> str:
    created = await caller.data(CREATE, input=company())
    job = str(created["createValuation"]["job"]["id"])
    await caller.work()
    for _ in range(200):
        if (await caller.data(STATUS, id=job))["valuation"]["status"] == "COMPLETED":
            return job
        await asyncio.sleep(0.05)
    raise AssertionError("the valuation did not complete")


async def _reports(caller: Caller, job: str, query: str = REPORTS) -> dict[str, Any]:
    """The reports once each asked-for one is COMPLETED or FAILED (a worker run between)."""
    for _ in range(300):
        reports: dict[str, Any] = (await caller.data(query, id=job))["valuation"]["reports"]
        if all(r is None or r["status"] in ("COMPLETED", "FAILED") for r in reports.values()):
            return reports
        await caller.work()
        await asyncio.sleep(0.05)
    raise AssertionError(f"the reports did not finish: {reports}")


@pytest.fixture
async def http(app: Starlette) -> Any:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


def _pdf_text(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    try:
        texts = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n".join(texts)
    finally:
        document.close()


async def test_reports_are_generated_once_and_served_by_their_links(
    app: Starlette, http: httpx.AsyncClient
) -> None:
    caller = await _caller(app, http, Tier.PROFESSIONAL)
    job = await _completed(caller)
    first = (await caller.data(REPORTS, id=job))["valuation"]["reports"]
    assert first["pdf"]["status"] in ("QUEUED", "RUNNING", "COMPLETED")
    assert first["pdf"]["url"] is None or first["pdf"]["status"] == "COMPLETED"
    reports = await _reports(caller, job)
    pdf, xlsx = reports["pdf"], reports["xlsx"]
    assert (pdf["status"], xlsx["status"]) == ("COMPLETED", "COMPLETED"), reports
    # No bearer token: the link alone is the permission.
    served_pdf = await http.get(pdf["url"])
    assert served_pdf.status_code == 200
    assert served_pdf.headers["content-type"] == "application/pdf"
    assert served_pdf.content.startswith(b"%PDF-") and len(served_pdf.content) == pdf["sizeBytes"]
    assert "attachment;" in served_pdf.headers["content-disposition"]
    assert served_pdf.headers["x-content-type-options"] == "nosniff"
    served_xlsx = await http.get(xlsx["url"])
    assert served_xlsx.status_code == 200 and served_xlsx.content.startswith(b"PK\x03\x04")
    assert served_xlsx.headers["content-disposition"].endswith('.xlsx"')
    # Asked again: the same reports, already generated, with freshly signed links.
    again = (await caller.data(REPORTS, id=job))["valuation"]["reports"]
    assert (again["pdf"]["id"], again["pdf"]["status"]) == (pdf["id"], "COMPLETED")
    assert (await http.get(again["pdf"]["url"])).content == served_pdf.content


async def test_signed_links_refuse_tampering_expiry_and_other_organisations(
    app: Starlette, http: httpx.AsyncClient
) -> None:
    owner = await _caller(app, http, Tier.PROFESSIONAL)
    stranger = await _caller(app, http, Tier.PROFESSIONAL)
    job = await _completed(owner)
    pdf = (await _reports(owner, job, PDF_ONLY))["pdf"]
    token = pdf["url"].removeprefix("/reports/")
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    missing = await http.get(f"/reports/{tampered}")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "REPORT_NOT_FOUND"
    settings = owner.services.settings
    report_id = decode_id("Report", pdf["id"])
    assert report_id is not None
    # Genuinely signed, for the stranger's organisation: answered exactly like a missing report.
    stranger_uuid = stranger.organisation_id
    crossed = sign(settings, ReportLink(report_id, stranger_uuid, int(time.time()) + 60))
    other = await http.get(f"/reports/{crossed}")
    assert (other.status_code, other.content) == (404, missing.content)
    unknown = sign(settings, ReportLink(uuid.uuid4(), stranger_uuid, int(time.time()) + 60))
    assert (await http.get(f"/reports/{unknown}")).content == missing.content
    # Expired: told apart, since only the link's holder could have it.
    expired = await http.get(f"/reports/{_expired(token, settings)}")
    assert expired.status_code == 410
    assert expired.json()["error"]["code"] == "REPORT_LINK_EXPIRED"
    # The stranger cannot reach the owner's report through the API either.
    assert (await stranger.data("query ($id: ID!) { report(id: $id) { id } }", id=pdf["id"])) == {
        "report": None
    }


def _expired(token: str, settings: Any) -> str:
    from core.report_links import verify

    link = verify(settings, token)
    return sign(settings, ReportLink(link.report_id, link.organisation_id, int(time.time()) - 1))


async def test_the_model_needs_advanced_analytics_and_the_pdf_basic_reports(
    app: Starlette, http: httpx.AsyncClient
) -> None:
    caller = await _caller(app, http, Tier.BASIC)
    job = await _completed(caller)
    answer = await caller.answer(REPORTS, id=job)
    reports = answer["data"]["valuation"]["reports"]
    assert reports["xlsx"] is None and reports["pdf"] is not None
    (error,) = answer["errors"]
    assert error["path"][-1] == "xlsx"
    assert error["extensions"] == {"code": "FEATURE_NOT_IN_TIER", "feature": "advanced_analytics"}


def _png(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (240, 80), colour).save(buffer, format="PNG")
    return buffer.getvalue()


async def _brand(caller: Caller, logo: bytes, name: str = "Southern Cross Advisory") -> Any:
    import json

    operations = {"query": BRAND, "variables": {"name": name, "logo": None}}
    response = await caller.http.post(
        "/graphql",
        headers={**PREFLIGHT, **caller.headers},
        data={
            "operations": json.dumps(operations),
            "map": json.dumps({"0": ["variables.logo"]}),
        },
        files={"0": ("logo.png", logo, "image/png")},
    )
    return response.json()


async def test_a_white_labelled_report_carries_the_organisations_branding(
    app: Starlette, http: httpx.AsyncClient
) -> None:
    caller = await _caller(app, http, Tier.PROFESSIONAL)
    job = await _completed(caller)
    ours = (await _reports(caller, job, PDF_ONLY))["pdf"]
    branded = await _brand(caller, _png((0x0B, 0x6E, 0x4F)))
    assert "errors" not in branded, branded
    payload = branded["data"]["updateOrganisationBranding"]
    assert payload["userErrors"] == [] and payload["branding"] == {
        "name": "Southern Cross Advisory",
        "logoMediaType": "image/png",
    }
    theirs = (await _reports(caller, job, PDF_ONLY))["pdf"]
    assert theirs["id"] != ours["id"]  # a new report: the branding is part of its digest
    text = _pdf_text((await http.get(theirs["url"])).content)
    assert "Southern Cross Advisory" in text and "ipoval" not in text.lower()
    assert "ipoval" in _pdf_text((await http.get(ours["url"])).content).lower()


async def test_branding_refuses_what_it_cannot_carry(
    app: Starlette, http: httpx.AsyncClient
) -> None:
    caller = await _caller(app, http, Tier.PROFESSIONAL)
    script = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    refused = (await _brand(caller, script))["data"]["updateOrganisationBranding"]
    assert [(e["field"], e["code"]) for e in refused["userErrors"]] == [
        (["logo"], "LOGO_UNSUPPORTED")
    ]
    big = Image.effect_noise((1200, 1200), 100).convert("RGB")
    buffer = io.BytesIO()
    big.save(buffer, format="PNG")
    too_large = (await _brand(caller, buffer.getvalue()))["data"]["updateOrganisationBranding"]
    assert [e["code"] for e in too_large["userErrors"]] == ["LOGO_TOO_LARGE"]
    blank = (await _brand(caller, _png((1, 2, 3)), name=" "))["data"]
    assert [e["code"] for e in blank["updateOrganisationBranding"]["userErrors"]] == [
        "INVALID_NAME"
    ]
    assert (await caller.data("{ organisationBranding { name } }")) == {
        "organisationBranding": None
    }
    basic = await _caller(app, http, Tier.BASIC)
    gated = await _brand(basic, _png((1, 2, 3)))
    assert gated["data"] is None or gated["data"]["updateOrganisationBranding"] is None
    assert gated["errors"][0]["extensions"]["code"] == "FEATURE_NOT_IN_TIER"
