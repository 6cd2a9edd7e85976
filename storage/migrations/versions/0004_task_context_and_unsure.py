"""task context (the row a sub-row belongs to) and what the reader was unsure of; plan kind

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 18:50:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.add_column(sa.Column('context', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column('unsure', sa.JSON(), nullable=False, server_default='[]'))
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False, server_default='plan'))


def downgrade() -> None:
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.drop_column('kind')
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_column('unsure')
        batch_op.drop_column('context')
