"""The inbox record is written in the same transaction as the events, with database functions on."""

from __future__ import annotations

import pytest
from eventsourcing.persistence import IntegrityError

from services.identification.application import Concerns
from services.identification.domain.cadre_concerns import CadreConcerns
from shared.eventstore.application import inbox_tracking
from shared.eventstore.postgres_recorder import TrackedProcessRecorder
from shared.eventstore.schema import ensure_schema
from shared.settings import ServiceSettings


def test_a_message_is_marked_processed_with_its_effects_and_only_once(
    settings: ServiceSettings,
) -> None:
    ensure_schema(settings, "identification")
    env = settings.eventsourcing_env("identification")
    assert env["POSTGRES_ENABLE_DB_FUNCTIONS"] == "y"
    app = Concerns(env=env)
    assert isinstance(app.recorder, TrackedProcessRecorder)  # not the library default (see module)
    tracking = inbox_tracking("identification", "message-1")
    assert not app.has_processed(tracking)

    app.save(CadreConcerns(cadre_id="c-inbox-1"), tracking=tracking)
    assert app.has_processed(tracking)

    # The same message again: the tracking insert fails and its new effects are rolled back.
    with pytest.raises(IntegrityError):
        app.save(CadreConcerns(cadre_id="c-inbox-2"), tracking=tracking)
    with pytest.raises(Exception, match="not found|NotFound"):
        app.repository.get(CadreConcerns.create_id("c-inbox-2"))
    # A message with no effect is still marked processed, once.
    empty = inbox_tracking("identification", "message-2")
    app.save(tracking=empty)
    assert app.has_processed(empty)
    with pytest.raises(IntegrityError):
        app.save(tracking=empty)
