"""Ownership by declaration: every table whose rows belong to an organisation says so here.

Decorating a table with `@owned_by_organisation` registers it; reads of owned rows go through
`repositories/owned.py`, which always filters by the caller's organisation, and one test helper
checks isolation for every registered table, so a new owned type cannot be forgotten. A test also
fails when a table has an `organisation_id` column but is not registered.
"""

from __future__ import annotations

from typing import TypeVar

from sqlmodel import SQLModel

OWNED_TABLES: dict[str, type[SQLModel]] = {}

M = TypeVar("M", bound=type[SQLModel])

# Tables that carry an organisation_id for other reasons than ownership of a customer object.
# (organisation_branding is keyed by its organisation: only ever read as the caller's own.)
NOT_OWNED_OBJECTS = frozenset(
    {
        "organisation",
        "user_account",
        "api_key",
        "audit_event",
        "usage_counter",
        "organisation_branding",
    }
)


def owned_by_organisation(model: M) -> M:
    OWNED_TABLES[str(model.__tablename__)] = model
    return model
