"""Sign-in with the organisation's OpenID Connect provider: the authorization code flow (authlib).

The provider's access token is what the console sends to the services (they verify it with the
provider's public key, CADRE_JWT_PUBLIC_KEY); the ID token names the person, role and unit shown."""

from __future__ import annotations

import secrets
from typing import Any

import httpx
from authlib.integrations.httpx_client import OAuth2Client
from joserfc import jwt
from joserfc.jwk import KeySet

from services.console.sessions import Session
from services.console.settings import ConsoleSettings


class OidcError(Exception):
    pass


def _metadata(settings: ConsoleSettings) -> dict[str, Any]:
    assert settings.console_oidc_issuer is not None
    url = settings.console_oidc_issuer.rstrip("/") + "/.well-known/openid-configuration"
    response = httpx.get(url, timeout=10)
    response.raise_for_status()
    metadata: dict[str, Any] = response.json()
    return metadata


def _client(settings: ConsoleSettings, redirect_uri: str) -> OAuth2Client:
    return OAuth2Client(settings.console_oidc_client_id, settings.console_oidc_client_secret,
                        scope=settings.console_oidc_scope, redirect_uri=redirect_uri)


def authorization_url(settings: ConsoleSettings, session: Session, redirect_uri: str) -> str:
    metadata = _metadata(settings)
    nonce = secrets.token_urlsafe(24)
    with _client(settings, redirect_uri) as client:
        url, state = client.create_authorization_url(metadata["authorization_endpoint"], nonce=nonce)
    session.pending = {"state": state, "nonce": nonce, "redirect_uri": redirect_uri}
    return str(url)


def finish(settings: ConsoleSettings, session: Session, callback_url: str) -> tuple[str, dict[str, Any]]:
    """The access token and the person named by the verified ID token."""
    pending, session.pending = session.pending, {}
    if not pending:
        raise OidcError("no sign-in was started in this browser")
    metadata = _metadata(settings)
    with _client(settings, pending["redirect_uri"]) as client:
        token = client.fetch_token(metadata["token_endpoint"], authorization_response=callback_url,
                                   state=pending["state"])
    # The ID token is checked here (signature by the provider's published keys, issuer,
    # audience, nonce, expiry) with joserfc, authlib's own JOSE library.
    keys = KeySet.import_key_set(httpx.get(metadata["jwks_uri"], timeout=10).json())
    claims = jwt.decode(token["id_token"], keys).claims
    jwt.JWTClaimsRegistry(
        iss={"essential": True, "value": metadata["issuer"]},
        aud={"essential": True, "value": str(settings.console_oidc_client_id)},
        nonce={"essential": True, "value": pending["nonce"]}, exp={"essential": True},
    ).validate(claims)
    if not claims.get("role") or not claims.get("unit"):
        raise OidcError("the provider's ID token names no role or unit")
    principal = {"subject": claims["sub"], "role": claims["role"], "unit": claims["unit"],
                 "name": claims.get("name")}
    return str(token["access_token"]), principal
