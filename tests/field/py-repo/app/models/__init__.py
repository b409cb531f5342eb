from app.models.base import Base
from app.models.clinic import Clinic, Staff
from app.models.patient import Patient
from app.models.appointment import Appointment

__all__ = ["Base", "Clinic", "Staff", "Patient", "Appointment"]
