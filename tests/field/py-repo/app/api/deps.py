import uuid

from fastapi import Header, HTTPException


async def current_clinic_id(x_clinic_id: str = Header()) -> uuid.UUID:
    try:
        return uuid.UUID(x_clinic_id)
    except ValueError as exc:
        raise HTTPException(status_code=400, detail="invalid clinic id") from exc
