"""Organisations, their users and partner API keys, refresh tokens and the security audit log."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime
from sqlmodel import Field, SQLModel


def _timestamp(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


class Organisation(SQLModel, table=True):
    __tablename__ = "organisation"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    tier: str = Field(max_length=20)
    created_at: datetime = _timestamp()


class UserAccount(SQLModel, table=True):
    __tablename__ = "user_account"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organisation_id: uuid.UUID = Field(foreign_key="organisation.id", index=True)
    email: str = Field(max_length=320, unique=True)  # stored lower-cased
    password_hash: str = Field(max_length=200)
    is_active: bool = True
    created_at: datetime = _timestamp()


class ApiKey(SQLModel, table=True):
    """A partner key. Only a SHA-256 of the secret is kept: keys are 256-bit random, so a slow
    hash adds nothing but latency to every request."""

    __tablename__ = "api_key"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organisation_id: uuid.UUID = Field(foreign_key="organisation.id", index=True)
    prefix: str = Field(max_length=32, unique=True)
    secret_hash: str = Field(max_length=64)
    name: str = Field(max_length=200)
    created_at: datetime = _timestamp()
    revoked_at: datetime | None = _timestamp(nullable=True)


class RefreshToken(SQLModel, table=True):
    """One link of a rotating refresh-token family: each token is spent on use; presenting a spent
    token again revokes the whole family."""

    __tablename__ = "refresh_token"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="user_account.id", index=True)
    family_id: uuid.UUID = Field(index=True)
    token_hash: str = Field(max_length=64, unique=True)
    issued_at: datetime = _timestamp()
    expires_at: datetime = _timestamp()
    spent_at: datetime | None = _timestamp(nullable=True)
    revoked_at: datetime | None = _timestamp(nullable=True)


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    occurred_at: datetime = _timestamp()
    event: str = Field(max_length=60, index=True)
    organisation_id: uuid.UUID | None = Field(default=None, index=True)
    user_id: uuid.UUID | None = None
    api_key_id: uuid.UUID | None = None
    client_ip: str | None = Field(default=None, max_length=64)
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
