"""Rituals both partners answer blind (the daily question, the weekly State of the Union):
their rounds, the couple's weekly time and last hug, and links from entries and open
rituals to a round.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

from bot.store.types import UTCDateTime, WordsText

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shared_round",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("couple_id", sa.Integer(),
                  sa.ForeignKey("couple.id", ondelete="CASCADE"), nullable=False),
        sa.Column("ritual", sa.String(length=32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("topic", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("state", WordsText(), nullable=False),
        sa.Column("opened_at", UTCDateTime(), nullable=False),
        sa.Column("closes_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("couple_id", "ritual", "number", name="uq_shared_round_number"),
    )
    op.create_index("ix_shared_round_closing", "shared_round", ["status", "closes_at"])
    with op.batch_alter_table("couple", schema=None) as batch_op:
        batch_op.add_column(sa.Column("weekly_day", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("weekly_time", sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column("weekly_zone", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("next_weekly_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("last_hug_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("last_hug_by", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("hug_answered_at", UTCDateTime(), nullable=True))
        batch_op.create_index("ix_couple_next_weekly_at", ["next_weekly_at"])
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("round_id", sa.Integer(), nullable=True))
    with op.batch_alter_table("ritualrun", schema=None) as batch_op:
        batch_op.add_column(sa.Column("round_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ritualrun", schema=None) as batch_op:
        batch_op.drop_column("round_id")
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.drop_column("round_id")
    with op.batch_alter_table("couple", schema=None) as batch_op:
        batch_op.drop_index("ix_couple_next_weekly_at")
        for column in ("hug_answered_at", "last_hug_by", "last_hug_at", "next_weekly_at",
                       "weekly_zone", "weekly_time", "weekly_day"):
            batch_op.drop_column(column)
    op.drop_index("ix_shared_round_closing", table_name="shared_round")
    op.drop_table("shared_round")
