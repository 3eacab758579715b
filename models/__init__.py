"""SQLModel tables. Importing this package registers every table on `SQLModel.metadata`."""

from models.accounts import ApiKey, AuditEvent, Organisation, RefreshToken, UserAccount
from models.company import CompanyRecord
from models.connections import ProviderConnection
from models.document import Document, DocumentCorrection, DocumentPage
from models.registry import RegistryEntityRecord
from models.report import OrganisationBranding, Report
from models.usage import UsageCounter
from models.valuation import ValuationJob

__all__ = [
    "ApiKey",
    "AuditEvent",
    "CompanyRecord",
    "Document",
    "DocumentCorrection",
    "DocumentPage",
    "Organisation",
    "OrganisationBranding",
    "ProviderConnection",
    "RefreshToken",
    "RegistryEntityRecord",
    "Report",
    "UsageCounter",
    "UserAccount",
    "ValuationJob",
]
