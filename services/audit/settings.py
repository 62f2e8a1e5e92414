"""The audit service's own settings, beside the shared ServiceSettings (read in bootstrap only)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class AuditSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AUDIT_", extra="ignore", case_sensitive=False)

    # Where the Ed25519 checkpoint key lives; unset keeps it in the service's own store (not in
    # production, where the database is what the key must be able to vouch for).
    signing_key_file: Path | None = None
    checkpoint_batch: int = Field(default=500, ge=1, le=100_000)
    seal_interval_seconds: float = Field(default=5.0, gt=0)
    # False when the service runs as the insert-only writer role (tables made by the owner).
    create_tables: bool = True
