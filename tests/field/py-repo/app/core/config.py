from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    database_url: str = "postgresql+asyncpg://clinicly:clinicly@localhost:5432/clinicly"
    database_url_sync: str = "postgresql://clinicly:clinicly@localhost:5432/clinicly"


settings = Settings()
