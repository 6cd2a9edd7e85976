"""plan drafts, corrections (with their audit trail) and unit groups

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 18:55:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel




revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'plan_draft',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=False),
        sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column('uploaded_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('decided_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('plan_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('plan_draft', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_draft_status'), ['status'], unique=False)
    op.create_table(
        'correction',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('plan_key', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column('task_ref', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('clause', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column('field', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column('value', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('previous', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('correction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_correction_plan_key'), ['plan_key'], unique=False)
    op.create_table(
        'unit_group',
        sa.Column('group_id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('since', sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(['group_id'], ['unit.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['member_id'], ['unit.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('group_id', 'member_id'),
    )


def downgrade() -> None:
    op.drop_table('unit_group')
    with op.batch_alter_table('correction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_correction_plan_key'))
    op.drop_table('correction')
    with op.batch_alter_table('plan_draft', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_draft_status'))
    op.drop_table('plan_draft')
