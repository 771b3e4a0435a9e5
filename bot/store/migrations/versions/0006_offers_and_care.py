"""Free words kept until their writer says where they go (offer), the five-minute word
before a time-out ends (couple.pause_warned_until), a person's language for guessing their
zone, and the question they last answered (so a second tap on it is silent).

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

from bot.store.types import UTCDateTime, WordsText

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "offer",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.BigInteger(),
                  sa.ForeignKey("user.id", ondelete="CASCADE"), nullable=False),
        sa.Column("body", WordsText(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("answered_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_offer_user_id", "offer", ["user_id"])
    with op.batch_alter_table("couple", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pause_warned_until", UTCDateTime(), nullable=True))
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("answered_token", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("answered_token")
        batch_op.drop_column("language")
    with op.batch_alter_table("couple", schema=None) as batch_op:
        batch_op.drop_column("pause_warned_until")
    op.drop_index("ix_offer_user_id", table_name="offer")
    op.drop_table("offer")
