"""The inbox's queue index: leasing the next update of each free lane costs the same with
twenty pending updates or twenty thousand (it walked every pending row before).

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

PENDING = sa.text("state = 'pending'")


def upgrade() -> None:
    op.drop_index("ix_inbox_pending", table_name="inbox")
    op.create_index("ix_inbox_lane", "inbox", ["person_id", "state", "update_id"])
    op.create_index("ix_inbox_queue", "inbox", ["update_id"], sqlite_where=PENDING,
                    postgresql_where=PENDING)


def downgrade() -> None:
    op.drop_index("ix_inbox_queue", table_name="inbox")
    op.drop_index("ix_inbox_lane", table_name="inbox")
    op.create_index("ix_inbox_pending", "inbox", ["state", "person_id", "update_id"])
