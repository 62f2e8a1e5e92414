"""Builds the parts every service runtime has: settings, clock and the eventsourcing application."""

from __future__ import annotations

from datetime import timedelta

from shared.access.http import AccessControl
from shared.access.org_tree import load_org_tree
from shared.access.tokens import TokenVerifier
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
    runtime = ServiceRuntime(name=name, settings=settings, app=app, clock=build_clock(settings))
    runtime.access = build_access(name, settings, app, runtime.clock)
    return runtime


def build_access(
    name: str, settings: ServiceSettings, app: ServiceApplication, clock: Clock
) -> AccessControl:
    keys = settings.jwt_public_keys()
    verifier = (TokenVerifier.from_pem(keys, settings.cadre_jwt_issuer, settings.cadre_jwt_audience)
                if keys else None)
    return AccessControl(service=name, verifier=verifier, tree=load_org_tree(settings.cadre_org_tree_file),
                         save=lambda record: app.save(record), clock=clock)
