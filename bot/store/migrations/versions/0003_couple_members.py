"""Record a couple's two members, so both can read their thread after unpairing.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("couple", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_member_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("second_member_id", sa.BigInteger(), nullable=True))
    # Couples still paired: their members are the users pointing at them.
    op.execute(
        'UPDATE couple SET '
        'first_member_id = (SELECT MIN(id) FROM "user" WHERE "user".couple_id = couple.id), '
        'second_member_id = (SELECT MAX(id) FROM "user" WHERE "user".couple_id = couple.id)'
    )


def downgrade() -> None:
    with op.batch_alter_table("couple", schema=None) as batch_op:
        batch_op.drop_column("second_member_id")
        batch_op.drop_column("first_member_id")
