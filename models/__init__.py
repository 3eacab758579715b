"""SQLModel tables. Importing this package registers every table on `SQLModel.metadata`."""

from models.company import CompanyRecord

__all__ = ["CompanyRecord"]
