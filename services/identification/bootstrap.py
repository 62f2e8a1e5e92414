"""The one place the identification service reads settings and picks its adapters."""

from __future__ import annotations

from services.identification.adapters.outbox import translate
from services.identification.application import Concerns
from services.identification.domain.errors import (
    ConcernAlreadyClosedError,
    ConcernNotFoundError,
    DeterminationRefusedError,
    IdentificationError,
)
from services.identification.handlers import HANDLERS
from shared.messaging.consumer import ConsumerSpec
from shared.messaging.dispatch import dispatcher
from shared.runtime_factory import build_runtime
from shared.service_host import ServiceRuntime
from shared.settings import ServiceSettings

NAME = "identification"


def bootstrap(settings: ServiceSettings | None = None) -> ServiceRuntime:
    runtime = build_runtime(NAME, Concerns, settings)
    app = runtime.app
    assert isinstance(app, Concerns)
    runtime.translate = translate
    runtime.consumers.append(
        ConsumerSpec(
            durable=NAME,
            filter_subjects=["cadre.intake.*.circumstance_reported.v1"],
            handle=dispatcher(app, HANDLERS),
            rejects=(IdentificationError,),
        )
    )
    runtime.errors.update(
        {
            ConcernNotFoundError: 404,
            ConcernAlreadyClosedError: 409,
            DeterminationRefusedError: 422,
            IdentificationError: 409,
        }
    )
    return runtime
