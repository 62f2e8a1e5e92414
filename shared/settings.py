"""Settings shared by every service, read from the environment in one place (bootstrap)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServiceSettings(BaseSettings):
    """How one service process finds its infrastructure and behaves."""

    model_config = SettingsConfigDict(env_prefix="", extra="ignore", case_sensitive=False)

    cadre_env: Literal["development", "test", "production"] = "development"
    cadre_http_host: str = "127.0.0.1"
    cadre_http_port: int = 8000

    nats_url: str = "nats://127.0.0.1:4222"
    nats_user: str | None = None
    nats_password: str | None = None
    # Streams are the operator's (`cadre streams`, the runner's setup step): a service whose NATS
    # user may not administer them only checks that they exist.
    cadre_provision_streams: bool = True
    nats_tls_ca: Path | None = None

    persistence_module: str = "eventsourcing.postgres"
    postgres_dbname: str = "cadre"
    postgres_host: str = "127.0.0.1"
    postgres_port: int = 5432
    postgres_user: str = "postgres"
    postgres_password: str = ""
    postgres_schema: str | None = None
    postgres_pool_size: int = 5
    # How long a request waits for a database connection (per attempt of the store's retries)
    # and for its whole answer: past that it is a 503 naming the reason, never a hang.
    postgres_connect_timeout_seconds: int = Field(default=2, ge=1, le=60)
    cadre_request_timeout_seconds: float = Field(default=15.0, gt=0, le=600)
    # Aggregates kept in memory between commands; each use still reads the events stored since
    # (fast-forward), so replicas sharing a store stay correct. 0 turns the cache off.
    cadre_aggregate_cache_size: int = Field(default=2000, ge=0)
    sqlite_dbname: str | None = None
    # Encryption at rest and compression of event state (eventsourcing's own cipher, AES-GCM).
    cipher_topic: str | None = None
    cipher_key: str | None = None
    compressor_topic: str | None = None

    # Access tokens: the issuer's Ed25519 public key(s), PEM; several blocks while rotating keys.
    cadre_jwt_public_key: str | None = None
    cadre_jwt_public_key_file: Path | None = None
    cadre_jwt_issuer: str = "cadre-embedded-issuer"
    cadre_jwt_audience: str = "cadre-lifecycle"
    # Whether a signal about a cadre the register does not list always waits to be resolved
    # (unset: in production yes; elsewhere a unit without a register is taken at a report's word).
    cadre_register_required: bool | None = None
    # The organisation tree (units and their parents; inspection teams' scopes); unset: the demo tree.
    cadre_org_tree_file: Path | None = None

    # Reference data operators keep (a ConfigMap in Kubernetes), watched while the service runs:
    # policy pack files (on top of the packs shipped with the code) and official working-day
    # schedules for years chinese-calendar does not know. Uploads through the admin API come on top.
    cadre_packs_dir: Path | None = None
    cadre_calendar_dir: Path | None = None

    cadre_trace_exporter: Literal["otlp", "console", "none"] = "none"
    cadre_stream_replicas: int = Field(default=1, ge=1, le=5)
    cadre_dedup_window_seconds: int = 120
    # How long the event stream keeps messages (shared/messaging/streams.py): longer than any
    # consumer may be down; the audit store keeps the record itself for good.
    cadre_stream_retention_days: int = Field(default=180, ge=7, le=3650)
    # An adjustable clock lets demos and tests "advance time"; production never allows it.
    cadre_clock: Literal["system", "adjustable"] = "system"
    cadre_clock_offset_days: int = 0
    cadre_scan_interval_seconds: float = 2.0
    cadre_relay_interval_seconds: float = 0.2

    @model_validator(mode="after")
    def refuse_development_shortcuts_in_production(self) -> ServiceSettings:
        if self.cadre_env == "production":
            if self.cadre_clock != "system":
                raise ValueError("CADRE_CLOCK must be 'system' in production")
            if self.persistence_module != "eventsourcing.postgres":
                raise ValueError("production requires PERSISTENCE_MODULE=eventsourcing.postgres")
            if not self.postgres_password:
                raise ValueError("POSTGRES_PASSWORD must be set in production")
            if not (self.cadre_jwt_public_key or self.cadre_jwt_public_key_file):
                raise ValueError("CADRE_JWT_PUBLIC_KEY (or _FILE) must be set in production")
            if not self.cadre_org_tree_file:
                raise ValueError("CADRE_ORG_TREE_FILE must be set in production (the demo tree is not real)")
        return self

    def register_required(self) -> bool:
        if self.cadre_register_required is not None:
            return self.cadre_register_required
        return self.cadre_env == "production"

    def jwt_public_keys(self) -> str | None:
        if self.cadre_jwt_public_key_file is not None:
            return self.cadre_jwt_public_key_file.read_text(encoding="utf-8")
        return self.cadre_jwt_public_key

    def postgres_conninfo(self) -> dict[str, object]:
        return {"host": self.postgres_host, "port": self.postgres_port,
                "dbname": self.postgres_dbname, "user": self.postgres_user,
                "password": self.postgres_password}

    def eventsourcing_env(self, schema: str) -> dict[str, str]:
        """The environment the eventsourcing library reads, with this service's schema."""
        env = {"PERSISTENCE_MODULE": self.persistence_module}
        if self.cadre_aggregate_cache_size:
            env["AGGREGATE_CACHE_MAXSIZE"] = str(self.cadre_aggregate_cache_size)
        if self.persistence_module == "eventsourcing.postgres":
            env.update(
                POSTGRES_DBNAME=self.postgres_dbname,
                POSTGRES_HOST=self.postgres_host,
                POSTGRES_PORT=str(self.postgres_port),
                POSTGRES_USER=self.postgres_user,
                POSTGRES_PASSWORD=self.postgres_password,
                POSTGRES_SCHEMA=self.postgres_schema or schema,
                POSTGRES_POOL_SIZE=str(self.postgres_pool_size),
                POSTGRES_CONNECT_TIMEOUT=str(self.postgres_connect_timeout_seconds),
                POSTGRES_ENABLE_DB_FUNCTIONS="y",
                # The library's function path drops tracking records; this recorder keeps them.
                PROCESS_RECORDER_TOPIC="shared.eventstore.postgres_recorder:TrackedProcessRecorder",
                CREATE_TABLE="y",
            )
        elif self.persistence_module == "eventsourcing.sqlite":
            env["SQLITE_DBNAME"] = self.sqlite_dbname or f"{schema}.sqlite3"
        if self.cipher_topic and self.cipher_key:
            env.update(CIPHER_TOPIC=self.cipher_topic, CIPHER_KEY=self.cipher_key)
        if self.compressor_topic:
            env["COMPRESSOR_TOPIC"] = self.compressor_topic
        return env
