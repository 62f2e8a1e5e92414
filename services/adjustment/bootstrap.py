"""The one place the adjustment service reads settings and picks its adapters."""

from __future__ import annotations

from services.adjustment.adapters.outbox import translate
from services.adjustment.application import AdjustmentCases
from services.adjustment.domain.errors import (
    AdjustmentError,
    CaseNotFoundError,
    ConsultationMissingError,
    ProposalRefusedError,
    StepOutOfOrderError,
    WrongTalkerError,
)
from services.adjustment.handlers import HANDLERS
from shared.messaging.consumer import ConsumerSpec
from shared.messaging.dispatch import dispatcher
from shared.runtime_factory import build_runtime
from shared.service_host import ServiceRuntime
from shared.settings import ServiceSettings

NAME = "adjustment"


def bootstrap(settings: ServiceSettings | None = None) -> ServiceRuntime:
    runtime = build_runtime(NAME, AdjustmentCases, settings)
    app = runtime.app
    assert isinstance(app, AdjustmentCases)
    runtime.translate = translate
    runtime.consumers.append(
        ConsumerSpec(
            durable=NAME,
            filter_subjects=["cadre.identification.unsuitability_determined.v1"],
            handle=dispatcher(app, HANDLERS),
            rejects=(AdjustmentError,),
        )
    )
    runtime.errors.update(
        {
            CaseNotFoundError: 404,
            StepOutOfOrderError: 409,
            ConsultationMissingError: 409,
            WrongTalkerError: 409,
            ProposalRefusedError: 422,
            AdjustmentError: 409,
        }
    )
    return runtime
