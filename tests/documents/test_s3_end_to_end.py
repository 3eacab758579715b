"""The app configured for S3 (IPOVAL_S3_BUCKET and endpoint, a local moto server): an upload over
HTTP lands in the bucket under its organisation and digest, and the worker extracts the
document from there."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from asgi_lifespan import LifespanManager
from starlette.applications import Starlette

from app import create_app
from core.settings import DocumentStorage, Settings
from documents.model import Field
from edge.state import app_state
from tests.fixtures.accounts import bearer_for_new_organisation
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.s3 import KEY, create_bucket, object_keys
from tests.fixtures.statements import workbooks
from tests.fixtures.statements.truth import WORKBOOK
from tests.fixtures.uploads import upload
from tests.fixtures.valuations import run_worker

READ = """query ($id: ID!) { document(id: $id) { status sha256
  extraction { periods { fiscalYearEnd revenue } } } }"""


@pytest.fixture
async def s3_app(
    services_settings: Settings, s3_endpoint: str
) -> AsyncIterator[tuple[Starlette, str]]:
    bucket = f"ipoval-{uuid.uuid4().hex[:8]}"
    await create_bucket(s3_endpoint, bucket)
    settings = services_settings.model_copy(
        update={
            "document_storage": DocumentStorage.S3,
            "s3_bucket": bucket,
            "s3_endpoint_url": s3_endpoint,
            "s3_access_key_id": KEY,
            "s3_secret_access_key": KEY,
            "documents_dir": None,
        }
    )
    app = create_app(settings)
    async with LifespanManager(app, startup_timeout=60):
        yield app, bucket


async def test_an_upload_is_kept_in_the_bucket_and_extracted_from_it(
    s3_app: tuple[Starlette, str], s3_endpoint: str
) -> None:
    app, bucket = s3_app
    services = app_state(app).services
    data = workbooks.xlsx()
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        organisation, caller = await bearer_for_new_organisation(services, GraphQLClient(http))
        uploaded = await upload(http, data, "accounts.xlsx", headers=caller, fye="2025-06-30")
        payload = uploaded.json()["data"]["uploadDocument"]
        assert payload["userErrors"] == [], payload
        digest = hashlib.sha256(data).hexdigest()
        assert payload["document"]["sha256"] == digest
        keys = await object_keys(s3_endpoint, bucket)
        assert keys == [f"{services.settings.s3_prefix}{organisation}/{digest}"]
        await run_worker(services)
        response = await http.post(
            "/graphql",
            headers=caller,
            json={"query": READ, "variables": {"id": payload["document"]["id"]}},
        )
    document = response.json()["data"]["document"]
    assert document["status"] == "COMPLETED"
    revenue = {p["fiscalYearEnd"]: p["revenue"] for p in document["extraction"]["periods"]}
    assert revenue == {str(year): figures[Field.REVENUE] for year, figures in WORKBOOK.items()}
