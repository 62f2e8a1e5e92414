"""The one place the identification service reads settings and picks its adapters."""

from __future__ import annotations

from services.identification import register_handlers
from services.identification.adapters.outbox import translate
from services.identification.adapters.refusals import follow_refusals
from services.identification.application import Concerns
from services.identification.domain import errors
from services.identification.handlers import HANDLERS, preload_intake
from shared.calendar import CalendarNotCoveredError
from shared.calendar.sources import CalendarDataError
from shared.messaging.consumer import ConsumerSpec
from shared.messaging.consumption import CONSUMES
from shared.messaging.dispatch import dispatcher
from shared.policy import PackFormatError, UnknownCircumstanceError, UnknownPackError
from shared.reference import wiring
from shared.reference.data import ReferenceDataRefusedError
from shared.runtime_factory import build_runtime
from shared.service_host import PeriodicJob, ServiceRuntime
from shared.settings import ServiceSettings

NAME = "identification"

INBOUND_SUBJECTS = list(CONSUMES[NAME])

ERRORS: dict[type[Exception], int] = {
    errors.ConcernNotFoundError: 404,
    errors.FaultToleranceNotFoundError: 404,
    errors.CorrectionOrderNotFoundError: 404,
    errors.ReformFilingNotFoundError: 404,
    errors.NotFoundError: 404,
    errors.ConcernAlreadyClosedError: 409,
    errors.ToleranceBlocksDeterminationError: 409,
    errors.JurisdictionNotBoundError: 409,
    errors.DeterminationRefusedError: 422,
    errors.ConcernStepRefusedError: 422,
    errors.FeedRecordRefusedError: 422,
    errors.RegisterAuthorityError: 422,
    # A register file that cannot be taken as it is (the documented 400 body names each fault).
    errors.RegisterImportRefusedError: 400,
    errors.RegisterFileRefusedError: 400,
    errors.FaultToleranceStepRefusedError: 409,
    errors.ReformFilingStepRefusedError: 409,
    # Facts that break a rule: 422 naming the rule, in Chinese and English.
    errors.IdentificationRuleError: 422,
    errors.IdentificationError: 409,
    # An operator's pack or schedule that cannot be loaded: the field at fault is named.
    PackFormatError: 422,
    CalendarDataError: 422,
    ReferenceDataRefusedError: 409,
    UnknownCircumstanceError: 404,
    # A deadline in a year with no official schedule: a clear refusal, never a weekday guess.
    CalendarNotCoveredError: 422,
    UnknownPackError: 404,
}


def bootstrap(settings: ServiceSettings | None = None) -> ServiceRuntime:
    runtime = build_runtime(NAME, Concerns, settings)
    app = runtime.app
    assert isinstance(app, Concerns)
    app.register_required = runtime.settings.register_required()
    app.reference = wiring.attach_reference(runtime)
    app.clock = runtime.clock
    runtime.translate = translate
    runtime.consumers.append(
        ConsumerSpec(
            durable=NAME,
            filter_subjects=INBOUND_SUBJECTS,
            handle=dispatcher(app, {**HANDLERS, **register_handlers.HANDLERS}),
            preload=lambda events: preload_intake(app, events),
            rejects=(errors.IdentificationError, CalendarNotCoveredError),
        )
    )
    interval = runtime.settings.cadre_scan_interval_seconds
    # The scans read runtime.clock when they run, so a test or demo can set the clock it needs.
    runtime.jobs += [
        PeriodicJob("observation-periods", interval,
                    lambda: app.expire_due_observations(runtime.clock.today())),
        PeriodicJob("fault-tolerance-clocks", interval,
                    lambda: app.report_missed_clocks(runtime.clock.today())),
    ]
    # Dead letters of producers' messages are recorded, so each producer is told why (a receipt).
    provision = runtime.settings.cadre_provision_streams
    runtime.workers.append(lambda js, stop: follow_refusals(app, js, stop, provision=provision))
    runtime.errors.update(ERRORS)
    return runtime
