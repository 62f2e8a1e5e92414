"""Giving a service its reference library: from the settings' directories, kept current by a
periodic job, and (for services that hear about it) the published activations."""

from __future__ import annotations

from eventsourcing.persistence import Tracking

from shared.contract.codec import IntegrationEvent
from shared.eventstore.application import ServiceApplication
from shared.messaging.consumption import REFERENCE_ACTIVATIONS
from shared.reference.commands import keep_activation
from shared.reference.library import ReferenceLibrary
from shared.service_host import PeriodicJob, ServiceRuntime

SUBJECTS = list(REFERENCE_ACTIVATIONS)


def attach_reference(runtime: ServiceRuntime) -> ReferenceLibrary:
    """The service's library, caught up with its own log, refreshed every scan interval."""
    settings = runtime.settings
    library = ReferenceLibrary(runtime.app, settings.cadre_packs_dir, settings.cadre_calendar_dir)
    library.catch_up()
    runtime.jobs.append(PeriodicJob("reference-data", settings.cadre_scan_interval_seconds, library.refresh))
    return library


def when_reference_data_activated_keep_it(app: ServiceApplication, event: IntegrationEvent,
                                          tracking: Tracking) -> None:
    keep_activation(app, getattr(app, "reference", None), event.payload, tracking)


HANDLERS = {
    "PolicyPackActivated": when_reference_data_activated_keep_it,
    "WorkingDayScheduleActivated": when_reference_data_activated_keep_it,
}
