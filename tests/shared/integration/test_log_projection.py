"""A log projection reads and decodes only the event classes it names, and never misses one."""

from __future__ import annotations

from typing import Any

from shared.eventstore.log_projection import LogProjection
from shared.settings import ServiceSettings
from tests.shared.integration.test_batched_inbox import Tally, tallies


class Counts(LogProjection):
    event_classes = (Tally.Counted,)

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.seen: list[tuple[str, str]] = []

    def apply(self, domain_event: Any) -> None:
        self.seen.append((type(domain_event).__name__, domain_event.signal_id))


class Everything(LogProjection):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.types: list[str] = []

    def apply(self, domain_event: Any) -> None:
        self.types.append(type(domain_event).__name__)


def test_only_the_named_events_are_applied_and_the_position_reaches_the_end(
    settings: ServiceSettings,
) -> None:
    app = tallies(settings)
    counts, everything = Counts(app), Everything(app)
    tally = Tally(cadre_id="c1")
    tally.count("s1")
    tally.count("s2")
    app.save(tally)
    for n in range(5):
        app.save(Tally(cadre_id=f"other{n}"))  # only Started events after the last count
    counts.catch_up()
    everything.catch_up()
    assert counts.seen == [("Counted", "s1"), ("Counted", "s2")]
    assert everything.types == ["Started", "Counted", "Counted"] + ["Started"] * 5
    end = app.process_recorder.max_notification_id()
    assert counts.position == everything.position == end

    tally.count("s3")
    app.save(tally)
    app.save(Tally(cadre_id="later"))
    counts.catch_up()
    assert counts.seen[-1] == ("Counted", "s3") and len(counts.seen) == 3
    assert counts.position == app.process_recorder.max_notification_id()


def test_subclasses_of_a_named_class_count_too(settings: ServiceSettings) -> None:
    app = tallies(settings)

    class AnyTallyEvent(Counts):
        event_classes = (Tally.Event,)

    projection = AnyTallyEvent(app)
    assert set(projection.topics()) >= {
        f"{Tally.__module__}:Tally.Started", f"{Tally.__module__}:Tally.Counted"}
