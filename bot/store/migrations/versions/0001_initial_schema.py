"""initial schema

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.store.types

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('couple',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', bot.store.types.UTCDateTime(), nullable=False),
    sa.Column('ended_at', bot.store.types.UTCDateTime(), nullable=True),
    sa.Column('paused_until', bot.store.types.UTCDateTime(), nullable=True),
    sa.Column('paused_by', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('user',
    sa.Column('id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('first_name', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('couple_id', sa.Integer(), nullable=True),
    sa.Column('timezone', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('nudge_time', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=True),
    sa.Column('nudges_off', sa.Boolean(), nullable=False),
    sa.Column('next_nudge_at', bot.store.types.UTCDateTime(), nullable=True),
    sa.Column('nudged_at', bot.store.types.UTCDateTime(), nullable=True),
    sa.Column('blocked_at', bot.store.types.UTCDateTime(), nullable=True),
    sa.Column('created_at', bot.store.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['couple_id'], ['couple.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_couple_id'), ['couple_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_user_next_nudge_at'), ['next_nudge_at'], unique=False)

    op.create_table('entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('couple_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.BigInteger(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('reply_to_id', sa.Integer(), nullable=True),
    sa.Column('created_at', bot.store.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['couple_id'], ['couple.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['reply_to_id'], ['entry.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entry_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_entry_couple_id'), ['couple_id'], unique=False)

    op.create_table('invite',
    sa.Column('code_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('inviter_id', sa.BigInteger(), nullable=False),
    sa.Column('created_at', bot.store.types.UTCDateTime(), nullable=False),
    sa.Column('expires_at', bot.store.types.UTCDateTime(), nullable=False),
    sa.Column('used_at', bot.store.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['inviter_id'], ['user.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('code_hash')
    )
    with op.batch_alter_table('invite', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invite_inviter_id'), ['inviter_id'], unique=False)

    op.create_table('ritualrun',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('ritual', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('step', sa.Integer(), nullable=False),
    sa.Column('answers', sa.Text(), nullable=False),
    sa.Column('token', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('reply_to_id', sa.Integer(), nullable=True),
    sa.Column('started_at', bot.store.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id')
    )
    op.create_table('delivery',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipient_id', sa.BigInteger(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.Column('couple_id', sa.Integer(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('markup', sa.Text(), nullable=True),
    sa.Column('holdable', sa.Boolean(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('not_before', bot.store.types.UTCDateTime(), nullable=True),
    sa.Column('lease_until', bot.store.types.UTCDateTime(), nullable=True),
    sa.Column('created_at', bot.store.types.UTCDateTime(), nullable=False),
    sa.Column('sent_at', bot.store.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['couple_id'], ['couple.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['entry_id'], ['entry.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recipient_id'], ['user.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('delivery', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delivery_entry_id'), ['entry_id'], unique=False)
        batch_op.create_index('ix_delivery_pending', ['status', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_delivery_recipient_id'), ['recipient_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('delivery', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delivery_recipient_id'))
        batch_op.drop_index('ix_delivery_pending')
        batch_op.drop_index(batch_op.f('ix_delivery_entry_id'))

    op.drop_table('delivery')
    op.drop_table('ritualrun')
    with op.batch_alter_table('invite', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invite_inviter_id'))

    op.drop_table('invite')
    with op.batch_alter_table('entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entry_couple_id'))
        batch_op.drop_index(batch_op.f('ix_entry_author_id'))

    op.drop_table('entry')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_next_nudge_at'))
        batch_op.drop_index(batch_op.f('ix_user_couple_id'))

    op.drop_table('user')
    op.drop_table('couple')
