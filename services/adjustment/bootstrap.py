"""The one place the adjustment service reads settings and picks its adapters."""

from __future__ import annotations

from services.adjustment.adapters.outbox import translate
from services.adjustment.application import AdjustmentCases
from services.adjustment.domain.errors import (
    AdjustmentError,
    AdjustmentRuleError,
    AppealNotFoundError,
    AppealRefusedError,
    CaseClosedError,
    CaseNotFoundError,
    ConsultationMissingError,
    FormalitiesStateError,
    MeetingRecordIncompleteError,
    PlacementStateError,
    ProposalRefusedError,
    QuotaExceededError,
    QuotaNotFoundError,
    StepOutOfOrderError,
    WrongTalkerError,
)
from services.adjustment.handlers import HANDLERS
from shared.messaging.consumer import ConsumerSpec
from shared.messaging.consumption import CONSUMES
from shared.messaging.dispatch import dispatcher
from shared.policy import PackFormatError
from shared.reference import wiring
from shared.reference.data import ReferenceDataRefusedError
from shared.runtime_factory import build_runtime
from shared.service_host import PeriodicJob, ServiceRuntime
from shared.settings import ServiceSettings

NAME = "adjustment"


def bootstrap(settings: ServiceSettings | None = None) -> ServiceRuntime:
    runtime = build_runtime(NAME, AdjustmentCases, settings)
    app = runtime.app
    assert isinstance(app, AdjustmentCases)
    app.reference = wiring.attach_reference(runtime)
    app.use_packs(app.reference.packs)
    app.clock = runtime.clock
    runtime.translate = translate
    runtime.consumers.append(
        ConsumerSpec(
            durable=NAME,
            filter_subjects=list(CONSUMES[NAME]),
            handle=dispatcher(app, {**HANDLERS, **wiring.HANDLERS}),
            rejects=(AdjustmentError, PackFormatError, ReferenceDataRefusedError, ValueError),
        )
    )
    clock = runtime.clock
    runtime.jobs.append(
        PeriodicJob(
            name="adjustment-deadlines",  # IM 21 salary formalities, IM 25 quota absorption
            interval=runtime.settings.cadre_scan_interval_seconds,
            run=lambda: app.flag_missed_deadlines(clock.today()),
        )
    )
    runtime.errors.update(
        {
            CaseNotFoundError: 404,
            AppealNotFoundError: 404,
            QuotaNotFoundError: 404,
            StepOutOfOrderError: 409,
            CaseClosedError: 409,
            # A step whose facts break a rule: 422 naming the rule (zh and en).
            AdjustmentRuleError: 422,
            ConsultationMissingError: 422,
            MeetingRecordIncompleteError: 422,
            WrongTalkerError: 422,
            ProposalRefusedError: 422,
            FormalitiesStateError: 409,
            QuotaExceededError: 409,
            PlacementStateError: 409,
            AppealRefusedError: 409,
            AdjustmentError: 409,
        }
    )
    return runtime
