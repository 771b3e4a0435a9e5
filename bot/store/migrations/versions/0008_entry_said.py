"""How to say a thread entry again in its reader's language (entry.said): the thread shows
each reader the bot's words around an entry in their own language.

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

from bot.store.types import WordsText

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("said", WordsText(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.drop_column("said")
