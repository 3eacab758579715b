"""valuation job gathered data and event numbers

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 19:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("valuation_job", schema=None) as batch_op:
        batch_op.add_column(sa.Column("gathered", sa.JSON(), nullable=True))
        batch_op.add_column(
            sa.Column("event_seq", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("valuation_job", schema=None) as batch_op:
        batch_op.drop_column("event_seq")
        batch_op.drop_column("gathered")
