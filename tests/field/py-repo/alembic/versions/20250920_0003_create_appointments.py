"""create appointments

Revision ID: 0003
Revises: 0002
Create Date: 2025-09-20 09:30:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "appointments",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True, server_default=sa.text("gen_random_uuid()")),
        sa.Column("clinic_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("clinics.id", ondelete="CASCADE"), nullable=False),
        sa.Column("patient_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("patients.id", ondelete="CASCADE"), nullable=False),
        sa.Column("starts_at", sa.TIMESTAMP(timezone=True), nullable=False),
        sa.Column("duration_min", sa.Integer(), nullable=False, server_default="30"),
        sa.Column("status", sa.Text(), nullable=False, server_default="booked"),
        sa.CheckConstraint("status IN ('booked', 'confirmed', 'cancelled', 'no_show', 'done')", name="ck_appointments_status"),
    )
    op.create_index("ix_appointments_clinic_starts", "appointments", ["clinic_id", "starts_at"])


def downgrade() -> None:
    op.drop_index("ix_appointments_clinic_starts", table_name="appointments")
    op.drop_table("appointments")
