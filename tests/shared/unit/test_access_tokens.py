"""Bearer tokens: what the verifier accepts, what it refuses and why, and key rotation."""

from __future__ import annotations

import time

import jwt
import pytest

from shared.access.principal import Principal
from shared.access.tokens import (
    TokenRejected,
    TokenVerifier,
    issue_token,
    new_signing_key,
    public_key_of,
)

OFFICER = Principal("officer:li", "case_officer", "org:baotou-municipal", name="李敏")


def verifier_for(*private_keys: str) -> TokenVerifier:
    return TokenVerifier.from_pem("\n".join(public_key_of(k) for k in private_keys))


def test_a_token_names_its_principal_role_and_unit() -> None:
    key = new_signing_key()
    assert verifier_for(key).verify(issue_token(key, OFFICER)) == OFFICER


@pytest.mark.parametrize("make, reason", [
    (lambda k: issue_token(new_signing_key(), OFFICER), "unknown key"),
    (lambda k: issue_token(k, OFFICER, now=time.time() - 7200, ttl_seconds=60), "expired"),
    (lambda k: issue_token(k, OFFICER, issuer="someone-else"), "issuer"),
    (lambda k: issue_token(k, OFFICER, audience="another-system"), "audience"),
    (lambda k: "not-a-token", "malformed"),
], ids=["foreign-key", "expired", "issuer", "audience", "malformed"])
def test_the_verifier_refuses_with_a_reason(make: object, reason: str) -> None:
    key = new_signing_key()
    with pytest.raises(TokenRejected) as refused:
        verifier_for(key).verify(make(key))  # type: ignore[operator]
    assert reason in str(refused.value).lower()


def test_an_unsigned_or_symmetric_token_is_refused() -> None:
    key = new_signing_key()
    claims = {"sub": "x", "role": "administrator", "unit": "u", "iss": "cadre-embedded-issuer",
              "aud": "cadre-lifecycle", "exp": int(time.time()) + 60}
    unsigned = jwt.encode(claims, None, algorithm="none")
    for forged in (unsigned, jwt.encode(claims, "s" * 32, algorithm="HS256")):
        with pytest.raises(TokenRejected):
            verifier_for(key).verify(forged)


def test_a_token_with_an_unknown_role_or_no_unit_is_refused() -> None:
    key = new_signing_key()
    stranger = Principal("x", "janitor", "u")  # type: ignore[arg-type]
    with pytest.raises(TokenRejected, match="unknown role"):
        verifier_for(key).verify(issue_token(key, stranger))


def test_during_rotation_tokens_of_the_old_and_the_new_key_are_both_accepted() -> None:
    old, new = new_signing_key(), new_signing_key()
    both = verifier_for(old, new)
    assert both.verify(issue_token(old, OFFICER)) == OFFICER
    assert both.verify(issue_token(new, OFFICER)) == OFFICER
    with pytest.raises(TokenRejected, match="unknown key"):
        verifier_for(new).verify(issue_token(old, OFFICER))


def test_a_remembered_token_is_refused_once_it_expires() -> None:
    key = new_signing_key()
    verifier = verifier_for(key)
    token = issue_token(key, OFFICER, ttl_seconds=1)
    assert verifier.verify(token) == OFFICER
    verifier.leeway_seconds = 0
    time.sleep(2.1)
    with pytest.raises(TokenRejected):
        verifier.verify(token)
