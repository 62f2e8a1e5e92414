"""An OpenID Connect provider for the sign-in test: the organisation's identity provider, reduced
to the authorization code flow over real HTTP. It signs the ID token (RS256, its published JWKS)
and issues as access token the EdDSA JWT the services trust (the stack's issuer key)."""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlencode

import uvicorn
from fastapi import FastAPI, Form
from fastapi.responses import RedirectResponse
from joserfc import jwt
from joserfc.jwk import RSAKey

from shared.access.dev_issuer import DevIssuer
from shared.access.principal import Principal
from shared.embedded.ports import free_port


def provider_app(base: str, client_id: str, client_secret: str, issuer: DevIssuer,
                 person: Principal) -> FastAPI:
    key = RSAKey.generate_key(2048, parameters={"kid": "test-idp", "use": "sig"})
    codes: dict[str, dict[str, Any]] = {}
    app = FastAPI()

    @app.get("/.well-known/openid-configuration")
    def discovery() -> dict[str, Any]:
        return {"issuer": base, "authorization_endpoint": f"{base}/authorize",
                "token_endpoint": f"{base}/token", "jwks_uri": f"{base}/jwks",
                "response_types_supported": ["code"], "id_token_signing_alg_values_supported": ["RS256"]}

    @app.get("/jwks")
    def jwks() -> dict[str, Any]:
        return {"keys": [key.as_dict(private=False)]}

    @app.get("/authorize")
    def authorize(client_id: str, redirect_uri: str, state: str, nonce: str,
                  response_type: str = "code") -> RedirectResponse:
        # The person has signed in at the provider; it sends the browser back with a code.
        code = secrets.token_urlsafe(16)
        codes[code] = {"nonce": nonce, "redirect_uri": redirect_uri, "client_id": client_id}
        return RedirectResponse(f"{redirect_uri}?{urlencode({'code': code, 'state': state})}", 302)

    @app.post("/token")
    def token(grant_type: str = Form(), code: str = Form(), redirect_uri: str = Form(),
              client_id: str | None = Form(None), client_secret: str | None = Form(None)) -> dict[str, Any]:
        issued = codes.pop(code)
        assert grant_type == "authorization_code" and redirect_uri == issued["redirect_uri"]
        now = int(time.time())
        id_token = jwt.encode({"alg": "RS256", "kid": "test-idp"}, {
            "iss": base, "sub": person.subject, "aud": issued["client_id"], "iat": now, "exp": now + 600,
            "nonce": issued["nonce"], "name": person.name, "role": person.role, "unit": person.unit}, key)
        return {"access_token": issuer.token(person), "token_type": "Bearer", "expires_in": 600,
                "id_token": id_token}

    return app


@contextmanager
def serving(app: FastAPI, port: int | None = None) -> Iterator[str]:
    """Serve an app on 127.0.0.1 from a thread until the block ends."""
    port = port or free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
