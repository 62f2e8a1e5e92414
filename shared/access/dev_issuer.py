"""The embedded mode's token issuer: a signing key kept beside the data, and tokens made with it.

Production tokens come from the organisation's identity provider; this issuer exists so that a
new user, the demo and the end-to-end tests act as real principals with real signatures.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from shared.access.principal import Principal
from shared.access.tokens import issue_token, new_signing_key, public_key_of

KEY_FILE = "jwt-signing-key.pem"


@dataclass(frozen=True)
class DevIssuer:
    private_pem: str

    @classmethod
    def in_directory(cls, secrets_dir: Path) -> DevIssuer:
        """The issuer whose key lives in secrets_dir, made at first use."""
        path = secrets_dir / KEY_FILE
        if not path.exists():
            secrets_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            path.write_text(new_signing_key())
            path.chmod(0o600)
        return cls(path.read_text())

    @property
    def public_pem(self) -> str:
        return public_key_of(self.private_pem)

    def token(self, principal: Principal, ttl_seconds: int = 8 * 3600) -> str:
        return issue_token(self.private_pem, principal, ttl_seconds=ttl_seconds)

    def headers(self, principal: Principal, purpose: str | None = None) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.token(principal)}"}
        if purpose:
            from urllib.parse import quote

            headers["X-Cadre-Reason"] = quote(purpose)
        return headers
