"""The console's settings, read from the environment once at start-up."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import model_validator
from pydantic_settings import BaseSettings


class ConsoleSettings(BaseSettings):
    cadre_env: Literal["development", "test", "production"] = "development"
    cadre_http_host: str = "127.0.0.1"
    cadre_http_port: int = 8105
    # Where the four services answer (the console calls nothing else).
    console_identification_url: str = "http://127.0.0.1:8101"
    console_adjustment_url: str = "http://127.0.0.1:8102"
    console_followup_url: str = "http://127.0.0.1:8103"
    console_audit_url: str = "http://127.0.0.1:8104"
    # Outside production: the embedded issuer's key, to sign the demo principals' tokens.
    console_dev_signing_key_file: Path | None = None
    # Production: the organisation's OpenID Connect provider (authorization code flow).
    console_oidc_issuer: str | None = None
    console_oidc_client_id: str | None = None
    console_oidc_client_secret: str | None = None
    console_oidc_scope: str = "openid profile"
    # The session cookie carries only a random id; Secure unless told otherwise (browsers accept
    # Secure cookies from http://127.0.0.1 and localhost, so the embedded default keeps it too).
    console_cookie_secure: bool = True
    console_session_hours: float = 8.0
    console_request_timeout_seconds: float = 15.0

    @property
    def production(self) -> bool:
        return self.cadre_env == "production"

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.console_oidc_issuer and self.console_oidc_client_id)

    @property
    def dev_signin_enabled(self) -> bool:
        return not self.production and self.console_dev_signing_key_file is not None

    def service_urls(self) -> dict[str, str]:
        return {
            "identification": self.console_identification_url.rstrip("/"),
            "adjustment": self.console_adjustment_url.rstrip("/"),
            "followup": self.console_followup_url.rstrip("/"),
            "audit": self.console_audit_url.rstrip("/"),
        }

    @model_validator(mode="after")
    def refuse_development_shortcuts_in_production(self) -> ConsoleSettings:
        if self.production:
            if self.console_dev_signing_key_file is not None:
                raise ValueError("CONSOLE_DEV_SIGNING_KEY_FILE must not be set in production")
            if not self.oidc_enabled or not self.console_oidc_client_secret:
                raise ValueError("production requires CONSOLE_OIDC_ISSUER, CONSOLE_OIDC_CLIENT_ID "
                                 "and CONSOLE_OIDC_CLIENT_SECRET")
            if not self.console_cookie_secure:
                raise ValueError("CONSOLE_COOKIE_SECURE must be true in production")
        return self
