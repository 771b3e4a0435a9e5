"""The inbox (every update a row before it is handled), lease holders on deliveries, and a
counter naming each time-out so its buttons act on that one only.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

from bot.store.types import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inbox",
        sa.Column("update_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("person_id", sa.BigInteger(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("lease_until", UTCDateTime(), nullable=True),
        sa.Column("lease_holder", sa.String(length=64), nullable=True),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("done_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_inbox_pending", "inbox", ["state", "person_id", "update_id"])
    op.create_index("ix_inbox_done_at", "inbox", ["done_at"])
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lease_holder", sa.String(length=64), nullable=True))
    with op.batch_alter_table("couple", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("pause_seq", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("pause_ended_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("couple", schema=None) as batch_op:
        batch_op.drop_column("pause_ended_at")
        batch_op.drop_column("pause_seq")
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_column("lease_holder")
    op.drop_index("ix_inbox_done_at", table_name="inbox")
    op.drop_index("ix_inbox_pending", table_name="inbox")
    op.drop_table("inbox")
