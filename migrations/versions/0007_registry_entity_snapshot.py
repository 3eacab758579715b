"""registry entity snapshot

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 19:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "registry_entity",
        sa.Column("acn", sa.String(length=9), nullable=False),
        sa.Column("abn", sa.String(length=11), nullable=True),
        sa.Column("entity_name", sa.String(length=200), nullable=False),
        sa.Column("entity_type", sa.String(length=80), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=True),
        sa.Column("status_from", sa.Date(), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("acn"),
    )
    op.create_index("ix_registry_entity_abn", "registry_entity", ["abn"])
    op.create_index("ix_registry_entity_entity_name", "registry_entity", ["entity_name"])


def downgrade() -> None:
    op.drop_index("ix_registry_entity_entity_name", table_name="registry_entity")
    op.drop_index("ix_registry_entity_abn", table_name="registry_entity")
    op.drop_table("registry_entity")
