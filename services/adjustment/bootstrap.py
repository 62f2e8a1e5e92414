"""The one place the adjustment service reads settings and picks its adapters."""

from __future__ import annotations

from services.adjustment.adapters.outbox import translate
from services.adjustment.adapters.pack_rules import proposal_rules_from
from services.adjustment.application import AdjustmentCases
from services.adjustment.domain.errors import (
    AdjustmentError,
    AppealNotFoundError,
    AppealRefusedError,
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
from shared.policy.registry import load_packs
from shared.runtime_factory import build_runtime
from shared.service_host import PeriodicJob, ServiceRuntime
from shared.settings import ServiceSettings

NAME = "adjustment"


def bootstrap(settings: ServiceSettings | None = None) -> ServiceRuntime:
    runtime = build_runtime(NAME, AdjustmentCases, settings)
    app = runtime.app
    assert isinstance(app, AdjustmentCases)
    app.rules_of = proposal_rules_from(load_packs())
    app.clock = runtime.clock
    runtime.translate = translate
    runtime.consumers.append(
        ConsumerSpec(
            durable=NAME,
            filter_subjects=list(CONSUMES[NAME]),
            handle=dispatcher(app, HANDLERS),
            rejects=(AdjustmentError,),
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
            ConsultationMissingError: 409,
            MeetingRecordIncompleteError: 422,
            WrongTalkerError: 409,
            ProposalRefusedError: 422,
            FormalitiesStateError: 409,
            QuotaExceededError: 409,
            PlacementStateError: 409,
            AppealRefusedError: 409,
            AdjustmentError: 409,
        }
    )
    return runtime
