"""SQLModel tables. Importing this package registers every table on `SQLModel.metadata`."""

from models.accounts import ApiKey, AuditEvent, Organisation, RefreshToken, UserAccount
from models.company import CompanyRecord
from models.connections import ProviderConnection
from models.document import Document, DocumentCorrection
from models.registry import RegistryEntityRecord
from models.usage import UsageCounter
from models.valuation import ValuationJob

__all__ = [
    "ApiKey",
    "AuditEvent",
    "CompanyRecord",
    "Document",
    "DocumentCorrection",
    "Organisation",
    "ProviderConnection",
    "RefreshToken",
    "RegistryEntityRecord",
    "UsageCounter",
    "UserAccount",
    "ValuationJob",
]
