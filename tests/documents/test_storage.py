"""Document storage by content: a local folder, and an S3-compatible bucket (a local
`moto_server`, the S3 API of the moto package, started here on loopback)."""

from __future__ import annotations

import hashlib
import shutil
import stat
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from aiobotocore.session import get_session

from core.settings import DocumentStorage, Settings
from runtime.document_store import (
    LocalDocumentStore,
    S3DocumentStore,
    StorageUnavailable,
    open_document_store,
)
from tests.fixtures.servers import free_port
from tests.fixtures.services import services_required

DATA = b"%PDF-1.7\nsome statements\n"


async def test_the_local_store_names_files_by_organisation_and_digest(tmp_path: Path) -> None:
    store = LocalDocumentStore(tmp_path)
    organisation = uuid.uuid4()
    sha256 = await store.put(organisation, DATA)
    assert sha256 == hashlib.sha256(DATA).hexdigest()
    path = tmp_path / str(organisation) / sha256
    assert path.read_bytes() == DATA
    mode = stat.S_IMODE(path.stat().st_mode)
    assert mode == 0o600  # no execute bit, no other reader
    assert await store.put(organisation, DATA) == sha256  # once per organisation
    assert await store.get(organisation, sha256) == DATA
    with pytest.raises(KeyError):
        await store.get(uuid.uuid4(), sha256)  # another organisation has no such file


async def test_a_digest_that_is_not_one_never_becomes_a_path(tmp_path: Path) -> None:
    store = LocalDocumentStore(tmp_path)
    with pytest.raises(ValueError):
        await store.get(uuid.uuid4(), "../../etc/passwd")


def test_the_store_follows_the_settings(tmp_path: Path) -> None:
    local = Settings(data_dir=tmp_path, database_url=None, redis_url=None)
    assert local.document_storage is DocumentStorage.LOCAL
    assert local.effective_documents_dir == tmp_path / "documents"
    assert isinstance(open_document_store(local), LocalDocumentStore)
    s3 = Settings(s3_bucket="docs", database_url=None, redis_url=None)
    assert s3.document_storage is DocumentStorage.S3
    assert isinstance(open_document_store(s3), S3DocumentStore)


def _moto_server() -> str | None:
    found = shutil.which("moto_server") or str(Path(sys.executable).parent / "moto_server")
    return found if Path(found).exists() else None


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    """A moto S3 server on loopback for this module. Under CI (or IPOVAL_REQUIRE_SERVICES=1) a
    missing moto_server fails the tests instead of skipping them."""
    executable = _moto_server()
    if executable is None:
        message = "S3 TEST SKIPPED: moto_server (pip install 'moto[server]') is not installed"
        if services_required():
            pytest.fail(message)
        pytest.skip(message)
    port = free_port()
    process = subprocess.Popen(
        [executable, "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(endpoint, timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield endpoint
    finally:
        process.terminate()
        process.wait(10)


def _s3_settings(endpoint: str, bucket: str) -> Settings:
    return Settings(
        database_url=None,
        redis_url=None,
        s3_bucket=bucket,
        s3_endpoint_url=endpoint,
        s3_access_key_id="testing",
        s3_secret_access_key="testing",
    )


async def _bucket(endpoint: str, name: str) -> None:
    async with get_session().create_client(
        "s3",
        endpoint_url=endpoint,
        region_name="ap-southeast-2",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    ) as s3:
        await s3.create_bucket(
            Bucket=name, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-2"}
        )


async def test_the_s3_store_keeps_files_by_organisation_and_digest(s3_endpoint: str) -> None:
    bucket = f"docs-{uuid.uuid4().hex[:8]}"
    await _bucket(s3_endpoint, bucket)
    store = S3DocumentStore(_s3_settings(s3_endpoint, bucket))
    organisation = uuid.uuid4()
    try:
        sha256 = await store.put(organisation, DATA)
        assert await store.put(organisation, DATA) == sha256
        assert await store.get(organisation, sha256) == DATA
        with pytest.raises(KeyError):
            await store.get(uuid.uuid4(), sha256)
    finally:
        await store.aclose()


async def test_an_unreachable_bucket_is_reported_as_unavailable(s3_endpoint: str) -> None:
    store = S3DocumentStore(_s3_settings(s3_endpoint, f"missing-{uuid.uuid4().hex[:8]}"))
    try:
        with pytest.raises(StorageUnavailable):
            await store.put(uuid.uuid4(), DATA)
    finally:
        await store.aclose()
