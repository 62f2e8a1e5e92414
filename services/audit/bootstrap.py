"""The one place the audit service reads settings and picks its adapters."""

from __future__ import annotations

from dataclasses import dataclass

from services.audit.adapters.outbox import translate
from services.audit.adapters.read_model import AuditReadModel
from services.audit.adapters.sealer import Sealer
from services.audit.adapters.signing import signer_from_file, signer_from_store
from services.audit.adapters.writer_proof import AuditMapper
from services.audit.application import AuditRecords
from services.audit.domain.errors import (
    AuditError,
    DamagedRowError,
    EntryNotSealedError,
    FilingStateError,
    RecordNotFoundError,
)
from services.audit.filing_job import flag_overdue_filings
from services.audit.handlers import preload_records, record_every_event
from services.audit.settings import AuditSettings
from shared.eventstore.schema import ensure_schema
from shared.messaging.consumer import ConsumerSpec
from shared.messaging.consumption import CONSUMES
from shared.runtime_factory import build_access, build_clock
from shared.service_host import PeriodicJob, ServiceRuntime
from shared.settings import ServiceSettings

NAME = "audit"


@dataclass
class AuditParts:
    """What the audit routers need beyond the application and the access control: read model, sealer."""

    read_model: AuditReadModel
    sealer: Sealer


def audit_env(settings: ServiceSettings, audit: AuditSettings) -> dict[str, str]:
    env = settings.eventsourcing_env(schema=NAME)
    if settings.persistence_module == "eventsourcing.postgres":
        # The chain is sealed in notification order, so ids must follow commit order: the event
        # store's table lock does that, its database functions path does not (and skips tracking).
        env["POSTGRES_ENABLE_DB_FUNCTIONS"] = "n"
        # Multi-row tracking inserts one row per message; single-row tracking updates, which the
        # insert-only writer role may not do.
        env["SINGLE_ROW_TRACKING"] = "n"
        env["CREATE_TABLE"] = "y" if audit.create_tables else "n"
    return env


def build_audit(settings: ServiceSettings | None = None,
                audit: AuditSettings | None = None) -> tuple[ServiceRuntime, AuditParts]:
    settings, audit = settings or ServiceSettings(), audit or AuditSettings()
    if settings.cadre_env == "production" and audit.signing_key_file is None:
        raise ValueError("AUDIT_SIGNING_KEY_FILE must be set in production (a secret volume)")
    if settings.persistence_module == "eventsourcing.postgres" and audit.create_tables:
        ensure_schema(settings, settings.postgres_schema or NAME)
    # Every row carries proof of its writer, checked on every read (adapters/writer_proof.py).
    app = AuditRecords(env=audit_env(settings, audit), mapper_class=AuditMapper)
    runtime = ServiceRuntime(name=NAME, settings=settings, app=app, clock=build_clock(settings))
    app.clock = runtime.clock
    # The gate's access records are kept in the audit's own store, beside every service's.
    runtime.access = build_access(NAME, settings, app, runtime.clock)
    signer = signer_from_file(audit.signing_key_file) if audit.signing_key_file else signer_from_store(app)
    # From here on every row is written with its writer proof and checked on every read.
    assert isinstance(app.mapper, AuditMapper)
    app.mapper.writer = signer.writer_key()
    parts = AuditParts(AuditReadModel(app), Sealer(app, signer, runtime.clock, audit.checkpoint_batch))
    return runtime, parts


def bootstrap(settings: ServiceSettings | None = None, audit: AuditSettings | None = None) -> ServiceRuntime:
    runtime, parts = build_audit(settings, audit)
    app = runtime.app
    assert isinstance(app, AuditRecords)
    # Each signed tree head is published to the checkpoints stream, from the stored log.
    runtime.translate = translate
    runtime.publishes_access_records = False
    runtime.consumers.append(
        ConsumerSpec(
            durable=NAME,
            # Everything every service and producer says: their events go to the cadres' records,
            # their access records (*.access_recorded.v1) to the access log (handlers.py).
            filter_subjects=list(CONSUMES[NAME]),
            handle=lambda event, tracking: record_every_event(app, event, tracking),
            preload=lambda events: preload_records(app, events),
            rejects=(AuditError,),
            batch_size=256,
        )
    )
    interval = (audit or AuditSettings()).seal_interval_seconds
    runtime.jobs += [
        PeriodicJob("seal-checkpoints", interval, parts.sealer.seal_all),
        PeriodicJob("flag-overdue-filings", runtime.settings.cadre_scan_interval_seconds,
                    lambda: flag_overdue_filings(app, parts.read_model, runtime.clock.today())),
    ]
    runtime.errors.update({
        RecordNotFoundError: 404, EntryNotSealedError: 404, FilingStateError: 409,
        DamagedRowError: 409, AuditError: 409,
    })
    runtime.audit = parts  # type: ignore[attr-defined]  # the routers find it on app.state.runtime
    return runtime
