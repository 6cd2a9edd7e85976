"""join codes stored as sha256 digests, not in plain text

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 18:40:00

The column keeps its name (`join_code.code`) and holds the hex digest of the code as typed (upper case,
letters and digits only); codes issued before this migration are hashed in place, so they still work.
A downgrade cannot recover plain codes: it deletes them (issue new ones).
"""
import hashlib

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('join_code', schema=None) as batch_op:
        batch_op.alter_column('code', existing_type=sa.String(length=32), type_=sa.String(length=64),
                              existing_nullable=False)
    connection = op.get_bind()
    table = sa.table('join_code', sa.column('id', sa.Integer), sa.column('code', sa.String))
    for row_id, code in connection.execute(sa.select(table.c.id, table.c.code)).all():
        if len(code) != 64:
            digest = hashlib.sha256(code.encode()).hexdigest()
            connection.execute(table.update().where(table.c.id == row_id).values(code=digest))


def downgrade() -> None:
    op.execute("DELETE FROM join_code")
    with op.batch_alter_table('join_code', schema=None) as batch_op:
        batch_op.alter_column('code', existing_type=sa.String(length=64), type_=sa.String(length=32),
                              existing_nullable=False)
