"""Re-encrypting the audit store under a new cipher key, every checkpoint still valid.

Each row is decrypted with the current key and encrypted with the new one; its content, and so
its writer proof and its leaf, do not change (both cover the content as written, never its
ciphertext). All rows change in one transaction, or none: a row the current key cannot open
stops the run and names it. An administrator runs it as the schema's owner (the service's
insert-only role may not update a row), with the service stopped, then restarts the service
with the new key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import psycopg
from eventsourcing.cryptography import AESCipher
from eventsourcing.utils import Environment
from psycopg import sql

from services.audit.adapters.writer_proof import MAC_SIZE, WRITER_PROOF_MAGIC

PAGE = 500


class ReencryptionError(RuntimeError):
    """A row could not be opened with the current key: nothing was changed."""


@dataclass(frozen=True)
class Reencryption:
    rows: int
    first_id: int | None
    last_id: int | None


def aes_cipher(key_b64: str) -> AESCipher:
    return AESCipher(Environment(env={AESCipher.CIPHER_KEY: key_b64}))


def _split(state: bytes) -> tuple[bytes, bytes]:
    """The writer proof (kept as it is) and the ciphertext."""
    if state.startswith(WRITER_PROOF_MAGIC):
        cut = len(WRITER_PROOF_MAGIC) + MAC_SIZE
        return state[:cut], state[cut:]
    return b"", state


def reencrypt_table(conn: psycopg.Connection[tuple[object, ...]], schema: str, table: str,
                    decrypt: Callable[[bytes], bytes], encrypt: Callable[[bytes], bytes]) -> Reencryption:
    """Rewrite every row's ciphertext in one transaction (the caller's connection, not autocommit)."""
    rows, first, last, position = 0, None, None, 0
    select = sql.SQL("SELECT notification_id, state FROM {}.{} WHERE notification_id > %s "
                     "ORDER BY notification_id LIMIT %s FOR UPDATE").format(
        sql.Identifier(schema), sql.Identifier(table))
    update = sql.SQL("UPDATE {}.{} SET state = %s WHERE notification_id = %s").format(
        sql.Identifier(schema), sql.Identifier(table))
    with conn.transaction():
        while True:
            page = conn.execute(select, (position, PAGE)).fetchall()
            for notification_id, state in page:
                proof, blob = _split(bytes(state))  # type: ignore[arg-type]
                try:
                    content = decrypt(blob)
                except Exception as error:
                    raise ReencryptionError(f"row {notification_id} cannot be decrypted with the "
                                            f"current key ({error.__class__.__name__}); nothing was "
                                            f"changed") from error
                conn.execute(update, (proof + encrypt(content), notification_id))
                rows += 1
                first = first if first is not None else int(notification_id)  # type: ignore[call-overload]
                last = position = int(notification_id)  # type: ignore[call-overload]
            if len(page) < PAGE:
                return Reencryption(rows, first, last)
