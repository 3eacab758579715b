"""An organisation's connection to an accounting or CRM provider (Xero, Salesforce).

The OAuth tokens are stored encrypted (`core/secret_box.py`); only the ciphertext is in the row.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Column, DateTime
from sqlmodel import Field, SQLModel

from models.ownership import owned_by_organisation


@owned_by_organisation
class ProviderConnection(SQLModel, table=True):
    __tablename__ = "provider_connection"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organisation_id: uuid.UUID = Field(foreign_key="organisation.id", index=True)
    provider: str = Field(max_length=20)  # "xero", "salesforce"
    external_tenant_id: str = Field(max_length=100)
    access_token_ciphertext: str
    refresh_token_ciphertext: str | None = None
    expires_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
