"""The one place the audit service reads settings and picks its adapters."""

from __future__ import annotations

from services.audit.application import AuditRecords
from services.audit.domain.errors import AuditError, RecordNotFoundError
from services.audit.handlers import record_every_event
from shared.messaging.consumer import ConsumerSpec
from shared.messaging.streams import EVENT_SUBJECTS
from shared.runtime_factory import build_runtime
from shared.service_host import ServiceRuntime
from shared.settings import ServiceSettings

NAME = "audit"


def bootstrap(settings: ServiceSettings | None = None) -> ServiceRuntime:
    runtime = build_runtime(NAME, AuditRecords, settings)
    app = runtime.app
    assert isinstance(app, AuditRecords)
    runtime.consumers.append(
        ConsumerSpec(
            durable=NAME,
            filter_subjects=list(EVENT_SUBJECTS),  # everything every service and producer says
            handle=lambda event, tracking: record_every_event(app, event, tracking),
            rejects=(AuditError,),
            batch_size=256,
        )
    )
    runtime.errors.update({RecordNotFoundError: 404, AuditError: 409})
    return runtime
