from fastapi import FastAPI

from app.api import appointments, patients

app = FastAPI(title="Clinicly API", version="0.14.0")
app.include_router(appointments.router, prefix="/api/v1")
app.include_router(patients.router, prefix="/api/v1")


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}
