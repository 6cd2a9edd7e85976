"""send budget shared by replicas; a lighter outbox for batched claims

The send budget table; the outbox loses two indexes that `ix_outbox_pending` (status, send_at, id) already
serves (each costs an index write per claim and per mark), and on PostgreSQL leaves room in its pages
(fillfactor 70) so that a claim, which changes no indexed column, is a HOT update.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 18:30:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'send_budget',
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('tat', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('name'),
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_send_at')
        batch_op.drop_index('ix_outbox_status')
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('ALTER TABLE outbox SET (fillfactor = 70)')


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('ALTER TABLE outbox RESET (fillfactor)')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_status', ['status'], unique=False)
        batch_op.create_index('ix_outbox_send_at', ['send_at'], unique=False)
    op.drop_table('send_budget')
