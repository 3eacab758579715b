"""Settings, read from environment variables.

With neither `DATABASE_URL` nor `REDIS_URL` set the server runs embedded: a SQLite file, an
in-process Redis stand-in and an arq worker inside the server process, so a fresh clone needs no
services. Setting both selects production wiring (PostgreSQL, Redis, separate worker processes).
"""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from pathlib import Path

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Public on purpose: good enough for a laptop, refused by production (see app start-up).
DEVELOPMENT_JWT_KEYS = "dev-1:ipoval-development-signing-key-not-for-production"
DEVELOPMENT_ENCRYPTION_KEY = "aXBvdmFsLWRldi1rZXktbmV2ZXItcHJvZHVjdGlvbiE="


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class RuntimeMode(StrEnum):
    EMBEDDED = "embedded"
    SERVICES = "services"


class UpstreamMode(StrEnum):
    SAMPLE = "sample"  # the offline sample dataset
    LIVE = "live"  # the real upstream (or a simulator at IPOVAL_<UPSTREAM>_BASE_URL)


class DocumentStorage(StrEnum):
    LOCAL = "local"  # a folder on this host (one host, or a shared volume)
    S3 = "s3"  # an S3-compatible bucket, shared by every API and worker process


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="IPOVAL_", extra="ignore", frozen=True)

    # Unset: development when embedded, production when any service URL is set, so that a
    # deployment which forgets IPOVAL_ENV does not serve the development user to everyone.
    env: Environment = Field(default=None, validate_default=False)  # type: ignore[assignment]
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "IPOVAL_DATABASE_URL")
    )
    redis_url: str | None = Field(
        default=None, validation_alias=AliasChoices("REDIS_URL", "IPOVAL_REDIS_URL")
    )
    data_dir: Path = Path("var")
    log_level: str = "INFO"
    log_json: bool = False
    graphiql: bool | None = None
    sample_latency_ms: float = 0.0
    max_query_depth: int = 12
    max_aliases: int = 15
    max_directives: int = 50
    max_tokens: int = 2_000
    max_body_bytes: int = 262_144
    # Per-caller request-rate limits and query-cost buckets. Off only for benchmarks that measure
    # the server itself; production refuses to start without them.
    per_caller_limits: bool = True
    max_query_cost: int = 1_000  # requested cost of one query (limits/cost_plan.py)
    db_pool_size: int = 10
    run_embedded_worker: bool = True
    # Signing keys for access tokens, newest first: "kid:secret,kid:secret". The first signs; all
    # verify, so a key can be retired one access-token lifetime after its successor is added.
    jwt_keys: str = DEVELOPMENT_JWT_KEYS
    access_token_seconds: int = 3_600
    # How long a signed report link works (core/report_links.py): long enough to be e-mailed and
    # opened the next day; each `reports` query signs a fresh one.
    report_link_seconds: int = Field(default=86_400, ge=60, le=30 * 86_400)
    # The API's address as its users reach it (https://valuations.example.com.au): report links
    # are then whole URLs an e-mail can carry. Unset, they are paths on the server that answered.
    public_url: str | None = Field(default=None, pattern=r"^https?://[^\s/?#]+(/[^\s?#]*)?$")
    refresh_token_days: int = 30
    # Fernet keys for secrets at rest (provider OAuth tokens), newest first, comma-separated. The
    # first encrypts; all decrypt, so a key rotates by prepending a new one and re-encrypting.
    encryption_keys: str = DEVELOPMENT_ENCRYPTION_KEY
    # Websockets: browser origins allowed to connect (comma-separated; empty: same origin only),
    # seconds to send connection_init, and operations one connection may run at once.
    ws_allowed_origins: str = ""
    ws_init_timeout_seconds: float = 5.0
    ws_max_operations: int = 20
    # Upstreams, each `sample` or `live`; live ones without their credentials fall back to the
    # sample with one log line. ASX's terms forbid commercial redistribution: live ASX is opt-in.
    asx_mode: UpstreamMode = UpstreamMode.SAMPLE
    asx_base_url: str = "https://asx.api.markitdigital.com"
    asx_listing_url: str = "https://www.asx.com.au/asx/research/ASXListedCompanies.csv"
    abr_mode: UpstreamMode = UpstreamMode.SAMPLE
    abr_base_url: str = "https://abr.business.gov.au/json"
    abr_guid: str | None = None
    rba_mode: UpstreamMode = UpstreamMode.SAMPLE
    rba_base_url: str = "https://www.rba.gov.au/statistics/tables/csv"
    capiq_mode: UpstreamMode = UpstreamMode.SAMPLE
    capiq_base_url: str = "https://api-ciq.marketintelligence.spglobal.com/gdsapi/rest"
    capiq_username: str | None = None
    capiq_password: str | None = None
    provider_cache_size: int = 10_000  # entries of the in-process layer of the provider cache
    # Documents (annual reports, statements, workbooks) uploaded for extraction. Stored under
    # `documents_dir` (default `<data_dir>/documents`) unless `document_storage` is `s3`.
    document_storage: DocumentStorage = Field(default=None, validate_default=False)  # type: ignore[assignment]
    documents_dir: Path | None = None
    max_document_bytes: int = 25 * 1024 * 1024
    max_document_pages: int = 300
    # Seconds of OCR one delivery of a document's job spends before it hands the rest of the
    # pages to a next delivery: under the job's 3-minute timeout with room for the page in hand
    # and for reading the statements of a 300-page document (workers/document_job.py).
    document_ocr_budget_seconds: float = Field(default=100.0, ge=0.0)
    # Files and `map` entries one multipart request may carry (the GraphQL multipart request spec).
    max_upload_files: int = 1
    max_upload_map_entries: int = 10
    # An S3-compatible store: AWS S3, MinIO, Ceph, ... (`s3_endpoint_url` unset means AWS).
    s3_bucket: str | None = None
    s3_prefix: str = "documents/"
    s3_endpoint_url: str | None = None
    s3_region: str = "ap-southeast-2"
    s3_access_key_id: str | None = None
    s3_secret_access_key: str | None = None
    dev_user_email: str = "dev@ipoval.local"
    dev_user_password: str = "ipoval-dev-password"

    @model_validator(mode="after")
    def _environment_follows_mode(self) -> Settings:
        if self.env is None:
            embedded = self.database_url is None and self.redis_url is None
            object.__setattr__(  # the model is frozen; this completes its construction
                self, "env", Environment.DEVELOPMENT if embedded else Environment.PRODUCTION
            )
        if self.document_storage is None:
            storage = DocumentStorage.S3 if self.s3_bucket else DocumentStorage.LOCAL
            object.__setattr__(self, "document_storage", storage)
        return self

    @property
    def effective_documents_dir(self) -> Path:
        return self.documents_dir or self.data_dir / "documents"

    @property
    def default_secrets(self) -> list[str]:
        """Settings holding a public development secret, read exactly as their users read them
        (entries trimmed, JWT secrets under any key id)."""
        jwt_secrets = {entry.strip().partition(":")[2] for entry in self.jwt_keys.split(",")}
        fernet_keys = {entry.strip() for entry in self.encryption_keys.split(",")}
        defaults = []
        if DEVELOPMENT_JWT_KEYS.partition(":")[2] in jwt_secrets:
            defaults.append("IPOVAL_JWT_KEYS")
        if DEVELOPMENT_ENCRYPTION_KEY in fernet_keys:
            defaults.append("IPOVAL_ENCRYPTION_KEYS")
        return defaults

    @property
    def mode(self) -> RuntimeMode:
        if self.database_url is None and self.redis_url is None:
            return RuntimeMode.EMBEDDED
        return RuntimeMode.SERVICES

    @cached_property
    def effective_database_url(self) -> str:
        if self.database_url:
            return _async_driver_url(self.database_url)
        return f"sqlite+aiosqlite:///{(self.data_dir / 'ipoval.db').as_posix()}"

    @property
    def graphiql_enabled(self) -> bool:
        if self.graphiql is not None:
            return self.graphiql
        return self.env is Environment.DEVELOPMENT

    @property
    def is_sqlite(self) -> bool:
        return self.effective_database_url.startswith("sqlite")


def _async_driver_url(url: str) -> str:
    """Accept the plain URLs operators usually have (`postgres://`, `postgresql://`)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    return url
