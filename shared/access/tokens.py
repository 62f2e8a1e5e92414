"""Bearer tokens: JWTs signed by an issuer's Ed25519 key, verified with its public key(s).

Several public keys may be configured at once (concatenated PEM blocks): that is how the signing
key is rotated without refusing tokens issued just before the switch (deploy/README.md). Each
key is named by a `kid` derived from the key itself, so issuer and verifier agree without
coordination.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from shared.access.principal import ROLES, Principal, Role

ALGORITHM = "EdDSA"
DEFAULT_ISSUER = "cadre-embedded-issuer"
DEFAULT_AUDIENCE = "cadre-lifecycle"
_PEM_BLOCK = re.compile(r"-----BEGIN PUBLIC KEY-----.+?-----END PUBLIC KEY-----", re.S)


class TokenRejected(Exception):
    """The bearer token is missing, malformed, expired or not signed by a configured key."""


def new_signing_key() -> str:
    """A new Ed25519 private key, PEM (PKCS#8)."""
    key = Ed25519PrivateKey.generate()
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def public_key_of(private_pem: str) -> str:
    key = serialization.load_pem_private_key(private_pem.encode(), password=None)
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def key_id(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def issue_token(private_pem: str, principal: Principal, *, issuer: str = DEFAULT_ISSUER,
                audience: str = DEFAULT_AUDIENCE, ttl_seconds: int = 8 * 3600,
                now: float | None = None) -> str:
    """Sign a token naming the principal, its role and its unit."""
    key = serialization.load_pem_private_key(private_pem.encode(), password=None)
    assert isinstance(key, Ed25519PrivateKey), "the signing key must be Ed25519"
    issued = int(now if now is not None else time.time())
    claims: dict[str, Any] = {
        "sub": principal.subject, "role": principal.role, "unit": principal.unit,
        "iss": issuer, "aud": audience, "iat": issued, "nbf": issued, "exp": issued + ttl_seconds,
    }
    if principal.name:
        claims["name"] = principal.name
    return jwt.encode(claims, key, algorithm=ALGORITHM, headers={"kid": key_id(key.public_key())})


def parse_public_keys(pem_text: str) -> dict[str, Ed25519PublicKey]:
    """Every Ed25519 public key in the text, by key id."""
    keys: dict[str, Ed25519PublicKey] = {}
    for block in _PEM_BLOCK.findall(pem_text):
        key = serialization.load_pem_public_key(block.encode())
        if not isinstance(key, Ed25519PublicKey):
            raise ValueError("token verification keys must be Ed25519 public keys")
        keys[key_id(key)] = key
    if not keys:
        raise ValueError("no PEM public key found (expected -----BEGIN PUBLIC KEY----- blocks)")
    return keys


@dataclass
class TokenVerifier:
    keys: dict[str, Ed25519PublicKey]
    issuer: str = DEFAULT_ISSUER
    audience: str = DEFAULT_AUDIENCE
    leeway_seconds: int = 30
    cache_size: int = 4096

    def __post_init__(self) -> None:
        # A verified token is remembered until it expires: clients send the same token with every
        # request, and a signature check costs more than the rest of a small request.
        self._cache: OrderedDict[str, tuple[Principal, float]] = OrderedDict()

    @classmethod
    def from_pem(cls, pem_text: str, issuer: str = DEFAULT_ISSUER,
                 audience: str = DEFAULT_AUDIENCE) -> TokenVerifier:
        return cls(parse_public_keys(pem_text), issuer, audience)

    def verify(self, token: str) -> Principal:
        cached = self._cache.get(token)
        if cached is not None and cached[1] > time.time():
            return cached[0]
        claims = self._claims(token)
        principal = _principal_from(claims)
        self._cache[token] = (principal, float(claims["exp"]))
        if len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return principal

    def _claims(self, token: str) -> dict[str, Any]:
        try:
            kid = jwt.get_unverified_header(token).get("kid")
        except jwt.PyJWTError as error:
            raise TokenRejected(f"malformed token: {error}") from error
        candidates: Iterable[Ed25519PublicKey]
        if kid is not None:
            if kid not in self.keys:
                raise TokenRejected(f"token signed by an unknown key (kid {kid})")
            candidates = [self.keys[kid]]
        else:
            candidates = self.keys.values()
        failure: Exception | None = None
        for key in candidates:
            try:
                claims: dict[str, Any] = jwt.decode(
                    token, key, algorithms=[ALGORITHM], issuer=self.issuer, audience=self.audience,
                    leeway=self.leeway_seconds, options={"require": ["exp", "iss", "aud", "sub"]},
                )
                return claims
            except jwt.InvalidSignatureError as failed:
                failure = failed
            except jwt.PyJWTError as failed:
                raise TokenRejected(str(failed)) from failed
        raise TokenRejected(f"signature not valid for any configured key: {failure}")


def _principal_from(claims: dict[str, Any]) -> Principal:
    role, unit, subject = claims.get("role"), claims.get("unit"), claims.get("sub")
    if role not in ROLES:
        raise TokenRejected(f"token names an unknown role {role!r}; roles are {', '.join(ROLES)}")
    if not isinstance(unit, str) or not unit:
        raise TokenRejected("token names no organisation unit")
    if not isinstance(subject, str) or not subject:
        raise TokenRejected("token names no principal")
    name = claims.get("name")
    return Principal(subject=subject, role=cast(Role, role), unit=unit,
                     name=name if isinstance(name, str) else None)
