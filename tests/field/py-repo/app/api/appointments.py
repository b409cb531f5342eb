import uuid

from fastapi import APIRouter, Depends
from sqlalchemy.ext.asyncio import AsyncSession

from app.api.deps import current_clinic_id
from app.db import get_session
from app.schemas.appointment import AppointmentOut

router = APIRouter(tags=["appointments"])


@router.get("/appointments", response_model=list[AppointmentOut])
async def list_appointments(
    clinic_id: uuid.UUID = Depends(current_clinic_id),
    session: AsyncSession = Depends(get_session),
) -> list[AppointmentOut]:
    return []
