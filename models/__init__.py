"""SQLModel tables. Importing this package registers every table on `SQLModel.metadata`."""

from models.accounts import ApiKey, AuditEvent, Organisation, RefreshToken, UserAccount
from models.company import CompanyRecord

__all__ = ["ApiKey", "AuditEvent", "CompanyRecord", "Organisation", "RefreshToken", "UserAccount"]
