"""company directory

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "company",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("ticker", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("gics_industry_group", sa.String(length=80), nullable=True),
        sa.Column("acn", sa.String(length=9), nullable=True),
        sa.Column("abn", sa.String(length=11), nullable=True),
        sa.Column("listing_source", sa.String(length=16), nullable=False),
        sa.Column("listing_as_of", sa.Date(), nullable=False),
        sa.Column("market_cap", sa.Float(), nullable=True),
        sa.Column("market_cap_as_of", sa.Date(), nullable=True),
        sa.Column("market_cap_synthetic", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_company_ticker", "company", ["ticker"], unique=True)
    op.create_index("ix_company_gics_industry_group", "company", ["gics_industry_group"])
    op.create_index("ix_company_market_cap", "company", ["market_cap"])


def downgrade() -> None:
    op.drop_table("company")
