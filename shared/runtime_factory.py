"""Builds the parts every service runtime has: settings, clock and the eventsourcing application."""

from __future__ import annotations

from datetime import timedelta

from shared.clock import AdjustableClock, Clock, SystemClock
from shared.eventstore.application import ServiceApplication
from shared.eventstore.schema import ensure_schema
from shared.service_host import ServiceRuntime
from shared.settings import ServiceSettings


def build_clock(settings: ServiceSettings) -> Clock:
    if settings.cadre_clock == "adjustable":
        return AdjustableClock(timedelta(days=settings.cadre_clock_offset_days))
    return SystemClock()


def build_runtime(
    name: str, app_class: type[ServiceApplication], settings: ServiceSettings | None
) -> ServiceRuntime:
    settings = settings or ServiceSettings()
    if settings.persistence_module == "eventsourcing.postgres":
        ensure_schema(settings, settings.postgres_schema or name)
    app = app_class(env=settings.eventsourcing_env(schema=name))
    return ServiceRuntime(name=name, settings=settings, app=app, clock=build_clock(settings))
