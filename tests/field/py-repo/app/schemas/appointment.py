import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel

AppointmentStatus = Literal["booked", "confirmed", "cancelled", "no_show", "done"]


class AppointmentOut(BaseModel):
    id: uuid.UUID
    patient_id: uuid.UUID
    starts_at: datetime
    duration_min: int
    status: AppointmentStatus
