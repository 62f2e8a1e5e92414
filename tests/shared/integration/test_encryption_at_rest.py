"""Event state is unreadable in PostgreSQL without the key (eventsourcing's AES-GCM cipher)."""

from __future__ import annotations

from datetime import UTC, datetime

import psycopg
import pytest
from eventsourcing.cryptography import AESCipher

from services.identification.application import Concerns
from services.identification.domain.values import CadreSnapshot, Citation, SignalReport
from shared.embedded.postgres_server import EmbeddedPostgres
from shared.eventstore.schema import ensure_schema
from shared.settings import ServiceSettings

SECRET_NAME = "保密的姓名"


def encrypted(settings: ServiceSettings, key: str) -> ServiceSettings:
    return settings.model_copy(update={
        "cipher_topic": "eventsourcing.cryptography:AESCipher", "cipher_key": key,
        "compressor_topic": "shared.eventstore.compressor:EventCompressor",
    })


def test_event_rows_are_unreadable_without_the_key(
    settings: ServiceSettings, postgres_server: EmbeddedPostgres, database: str
) -> None:
    key = AESCipher.create_key(32)
    ensure_schema(settings, "identification")
    app = Concerns(env=encrypted(settings, key).eventsourcing_env("identification"))
    result = app.report_circumstance(SignalReport(
        signal_id="enc-1", source_system="petitions", channel="supervision_results",
        reporter="信访办", cadre=CadreSnapshot("c-enc", SECRET_NAME, "u", "局长", "正处级"),
        managing_unit="org", citation=Citation("IM-2022", "art. 6(12)"), summary="举报内容",
        reported_at=datetime(2026, 1, 5, tzinfo=UTC),
    ))

    with psycopg.connect(postgres_server.dsn(database)) as conn:
        states = [bytes(row[0]) for row in conn.execute(
            "SELECT state FROM identification.identification_events")]
    assert states
    assert not any(SECRET_NAME.encode() in state or b"petitions" in state for state in states)

    # The key holder reads it back; a wrong key cannot.
    assert app.get_concern(result.concern_id).cadre["name"] == SECRET_NAME
    intruder = Concerns(
        env=encrypted(settings, AESCipher.create_key(32)).eventsourcing_env("identification"))
    with pytest.raises(Exception, match="(?i)decrypt|deserialis|tag|authentic"):
        intruder.get_concern(result.concern_id)
