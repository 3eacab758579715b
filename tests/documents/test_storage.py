"""Document storage by content: a local folder, and an S3-compatible bucket (a local
`moto_server`, the S3 API of the moto package, started here on loopback)."""

from __future__ import annotations

import hashlib
import stat
import uuid
from pathlib import Path

import pytest

from core.settings import DocumentStorage, Settings
from runtime.document_store import (
    LocalDocumentStore,
    S3DocumentStore,
    StorageUnavailable,
    open_document_store,
)
from tests.fixtures.s3 import create_bucket

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


def _s3_settings(endpoint: str, bucket: str) -> Settings:
    return Settings(
        database_url=None,
        redis_url=None,
        s3_bucket=bucket,
        s3_endpoint_url=endpoint,
        s3_access_key_id="testing",
        s3_secret_access_key="testing",
    )


async def test_the_s3_store_keeps_files_by_organisation_and_digest(s3_endpoint: str) -> None:
    bucket = f"docs-{uuid.uuid4().hex[:8]}"
    await create_bucket(s3_endpoint, bucket)
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
