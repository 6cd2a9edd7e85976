"""a target's figure may be where things stand (a baseline), not a goal

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plans imported before this keep every figure as a goal until they are imported again
    with op.batch_alter_table("target", schema=None) as batch_op:
        batch_op.add_column(sa.Column("baseline", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("target", schema=None) as batch_op:
        batch_op.drop_column("baseline")
