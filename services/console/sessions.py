"""Server-side sessions: the browser holds only a random id in an HTTP-only cookie; the access
token, the principal and the form token (CSRF) stay here."""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any

COOKIE = "cadre_console_session"


@dataclass
class Session:
    session_id: str
    csrf_token: str
    expires_at: float
    token: str | None = None
    principal: dict[str, Any] | None = None  # subject, role, unit, name
    purpose: str = ""  # a supervisor's last stated purpose of reading
    pending: dict[str, Any] = field(default_factory=dict)  # OIDC state and nonce

    @property
    def signed_in(self) -> bool:
        return self.token is not None and self.principal is not None

    def csrf_matches(self, sent: str | None) -> bool:
        return bool(sent) and hmac.compare_digest(self.csrf_token, str(sent))


class SessionStore:
    """In memory, per console process: a restart signs everyone out, which is the safe direction."""

    def __init__(self, ttl_seconds: float) -> None:
        self._ttl = ttl_seconds
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def new(self) -> Session:
        session = Session(secrets.token_urlsafe(32), secrets.token_urlsafe(32), time.time() + self._ttl)
        with self._lock:
            self._drop_expired()
            self._sessions[session.session_id] = session
        return session

    def get(self, session_id: str | None) -> Session | None:
        if not session_id:
            return None
        with self._lock:
            session = self._sessions.get(session_id)
            if session is None or session.expires_at < time.time():
                self._sessions.pop(session_id, None)
                return None
            return session

    def sign_in(self, old: Session | None, token: str, principal: dict[str, Any]) -> Session:
        """A new id at sign-in, so an id planted before it is worth nothing afterwards."""
        if old is not None:
            self.drop(old.session_id)
        session = self.new()
        session.token, session.principal = token, principal
        return session

    def drop(self, session_id: str) -> None:
        with self._lock:
            self._sessions.pop(session_id, None)

    def _drop_expired(self) -> None:
        now = time.time()
        for key in [k for k, s in self._sessions.items() if s.expires_at < now]:
            del self._sessions[key]
