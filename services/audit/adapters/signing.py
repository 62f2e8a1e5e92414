"""The Ed25519 key that signs checkpoints: generated at first start, kept in a configured file
(production: a secret volume) or else in the service's own store. Never a tracked file."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from eventsourcing.persistence import IntegrityError

from services.audit.adapters.writer_proof import WriterKey
from services.audit.application import AuditRecords
from services.audit.domain.signing_key import StoredSigningKey


class Signer:
    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        self._private = private_key
        public = private_key.public_key()
        raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        self.public_hex = raw.hex()
        self.public_pem = public.public_bytes(serialization.Encoding.PEM,
                                              serialization.PublicFormat.SubjectPublicKeyInfo).decode()
        self.key_id = hashlib.sha256(raw).hexdigest()[:16]

    def writer_key(self) -> WriterKey:
        """The key of the rows' writer proofs, derived from the signing key (so it lives where the
        signing key lives, never in the database in production)."""
        private = self._private.private_bytes(serialization.Encoding.Raw,
                                              serialization.PrivateFormat.Raw,
                                              serialization.NoEncryption())
        derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                       info=b"cadre audit writer proof v1").derive(private)
        return WriterKey(derived)

    def sign(self, statement: bytes) -> str:
        return self._private.sign(statement).hex()

    def verify(self, statement: bytes, signature_hex: str) -> bool:
        return verify_with(self.public_hex, statement, signature_hex)


def verify_with(public_hex: str, statement: bytes, signature_hex: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex)).verify(
            bytes.fromhex(signature_hex), statement)
    except (InvalidSignature, ValueError):
        return False
    return True


def _pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _from_pem(pem: bytes) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("the audit signing key is not an Ed25519 key")
    return key


def signer_from_file(path: Path) -> Signer:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: two processes starting together cannot both write a key; 0600: owner only.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return Signer(_from_pem(path.read_bytes()))
        with os.fdopen(fd, "wb") as handle:
            handle.write(_pem(Ed25519PrivateKey.generate()))
    return Signer(_from_pem(path.read_bytes()))


def signer_from_store(app: AuditRecords) -> Signer:
    stored = app.get_or_none(StoredSigningKey, StoredSigningKey.create_id())
    if stored is None:
        try:
            stored = StoredSigningKey(private_pem=_pem(Ed25519PrivateKey.generate()).decode())
            app.save(stored)
        except IntegrityError:  # another replica generated it first: use theirs
            stored = app.get_or_none(StoredSigningKey, StoredSigningKey.create_id())
            assert stored is not None
    return Signer(_from_pem(stored.private_pem.encode()))
