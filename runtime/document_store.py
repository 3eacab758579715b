"""Where uploaded documents' bytes are kept: by content (SHA-256), per organisation.

A file is named by its digest under its organisation's folder or key prefix
(`<organisation id>/<sha256>`), never by the name its sender gave: the same file uploaded twice by
one organisation is stored once, and no name a caller chooses reaches a path or a key. Keeping
organisations apart (rather than one copy for everyone) means that an organisation's files can
be removed whole, and that no request can learn whether another organisation holds a file.

Files are data, never code: the local store writes them with mode 0600 (no execute bit, no other
reader), the bucket stores them as `application/octet-stream`, and nothing serves them over HTTP;
only the extraction worker reads them back.

Two backends: a local folder (default: `<data dir>/documents`; one host, or a volume every API and
worker process shares), and any S3-compatible bucket (`IPOVAL_S3_BUCKET`, with
`IPOVAL_S3_ENDPOINT_URL` for MinIO, Ceph or a local server) through aiobotocore, the asyncio
client of botocore (aio-libs; aioboto3 is a thin layer over it).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import os
import re
import tempfile
import uuid
from contextlib import AsyncExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from aiobotocore.config import AioConfig
from aiobotocore.session import get_session
from botocore.exceptions import BotoCoreError, ClientError

from core.settings import DocumentStorage, Settings

if TYPE_CHECKING:
    from types_aiobotocore_s3 import S3Client

_DIGEST = re.compile(r"[0-9a-f]{64}")


class StorageUnavailable(Exception):
    """The store could not be reached or refused the operation; the caller may try again."""


class DocumentStore(Protocol):
    async def put(self, organisation_id: uuid.UUID, data: bytes) -> str:
        """Store `data` (idempotent) and return its SHA-256 in hex."""
        ...

    async def get(self, organisation_id: uuid.UUID, sha256: str) -> bytes:
        """The bytes stored under the digest; KeyError when there are none."""
        ...

    async def aclose(self) -> None: ...


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _name(organisation_id: uuid.UUID, sha256: str) -> str:
    if not _DIGEST.fullmatch(sha256):
        raise ValueError("not a SHA-256 digest")
    return f"{organisation_id}/{sha256}"


class LocalDocumentStore:
    def __init__(self, root: Path) -> None:
        self._root = root

    def _path(self, organisation_id: uuid.UUID, sha256: str) -> Path:
        return self._root / _name(organisation_id, sha256)

    async def put(self, organisation_id: uuid.UUID, data: bytes) -> str:
        sha256 = digest_of(data)
        await asyncio.to_thread(self._write, self._path(organisation_id, sha256), data)
        return sha256

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        if path.exists():
            return  # same digest, same bytes
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Written aside and renamed: a reader never sees half a file, and two writers of the same
        # file both leave it whole.
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, 0o600)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    async def get(self, organisation_id: uuid.UUID, sha256: str) -> bytes:
        path = self._path(organisation_id, sha256)
        try:
            return await asyncio.to_thread(path.read_bytes)
        except FileNotFoundError as error:
            raise KeyError(sha256) from error

    async def aclose(self) -> None:
        return None


class S3DocumentStore:
    """An S3-compatible bucket. One client per process, opened lazily (the API process of a
    deployment that never uploads opens none)."""

    def __init__(self, settings: Settings) -> None:
        assert settings.s3_bucket is not None
        self._settings = settings
        self._bucket = settings.s3_bucket
        self._prefix = settings.s3_prefix
        self._client: S3Client | None = None
        self._stack = AsyncExitStack()
        self._opening = asyncio.Lock()

    async def _s3(self) -> S3Client:
        async with self._opening:
            if self._client is not None:
                return self._client
            settings = self._settings
            client: S3Client = await self._stack.enter_async_context(
                get_session().create_client(
                    "s3",
                    endpoint_url=settings.s3_endpoint_url,
                    region_name=settings.s3_region,
                    aws_access_key_id=settings.s3_access_key_id,
                    aws_secret_access_key=settings.s3_secret_access_key,
                    config=AioConfig(
                        connect_timeout=5,
                        read_timeout=30,
                        retries={"max_attempts": 3, "mode": "standard"},
                        s3={"addressing_style": "path"},
                    ),
                )
            )
            self._client = client
            return client

    def _key(self, organisation_id: uuid.UUID, sha256: str) -> str:
        return self._prefix + _name(organisation_id, sha256)

    async def put(self, organisation_id: uuid.UUID, data: bytes) -> str:
        sha256 = digest_of(data)
        try:
            s3 = await self._s3()
            await s3.put_object(
                Bucket=self._bucket,
                Key=self._key(organisation_id, sha256),
                Body=data,
                ContentType="application/octet-stream",
                ChecksumSHA256=_base64_digest(data),
            )
        except (BotoCoreError, ClientError, OSError) as error:
            raise StorageUnavailable(f"the document store refused the file: {error}") from error
        return sha256

    async def get(self, organisation_id: uuid.UUID, sha256: str) -> bytes:
        try:
            s3 = await self._s3()
            answer = await s3.get_object(
                Bucket=self._bucket, Key=self._key(organisation_id, sha256)
            )
            async with answer["Body"] as body:
                data: bytes = await body.read()
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                raise KeyError(sha256) from error
            raise StorageUnavailable(f"the document store did not answer: {error}") from error
        except (BotoCoreError, OSError) as error:
            raise StorageUnavailable(f"the document store did not answer: {error}") from error
        if digest_of(data) != sha256:
            raise StorageUnavailable("the document store returned other bytes than were stored")
        return data

    async def aclose(self) -> None:
        await self._stack.aclose()
        self._client = None


def _base64_digest(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode()


def open_document_store(settings: Settings) -> DocumentStore:
    if settings.document_storage is DocumentStorage.S3:
        if not settings.s3_bucket:
            raise ValueError("IPOVAL_DOCUMENT_STORAGE=s3 needs IPOVAL_S3_BUCKET")
        return S3DocumentStore(settings)
    return LocalDocumentStore(settings.effective_documents_dir)
