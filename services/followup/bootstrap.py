"""The one place the follow-up service reads settings and picks its adapters."""

from __future__ import annotations

from services.followup.adapters.outbox import translate
from services.followup.adapters.plan_terms import levels_from, plan_terms_from
from services.followup.application import FollowUpPlans
from services.followup.domain.errors import FollowUpError, PlanNotFoundError
from services.followup.handlers import HANDLERS, preload_standings
from shared.messaging.consumer import ConsumerSpec
from shared.messaging.consumption import CONSUMES
from shared.messaging.dispatch import dispatcher
from shared.policy import PackFormatError
from shared.reference import wiring
from shared.reference.data import ReferenceDataRefusedError
from shared.runtime_factory import build_runtime
from shared.service_host import PeriodicJob, ServiceRuntime
from shared.settings import ServiceSettings

NAME = "followup"


def bootstrap(settings: ServiceSettings | None = None) -> ServiceRuntime:
    runtime = build_runtime(NAME, FollowUpPlans, settings)
    app = runtime.app
    assert isinstance(app, FollowUpPlans)
    app.reference = wiring.attach_reference(runtime)
    app.plan_terms = plan_terms_from(app.reference.packs)
    app.promotion_view.levels_of = levels_from(app.reference.packs)
    runtime.translate = translate
    runtime.consumers.append(
        ConsumerSpec(
            durable=NAME,
            filter_subjects=list(CONSUMES[NAME]),
            handle=dispatcher(app, {**HANDLERS, **wiring.HANDLERS}),
            preload=lambda events: preload_standings(app, events),
            rejects=(FollowUpError, PackFormatError, ReferenceDataRefusedError, ValueError),
        )
    )
    clock = runtime.clock
    # Every clock (talks, re-checks, impact-period ends) is re-derived from the stored events by
    # the scan's read model, with the injectable clock's today: no sleeping timers.
    runtime.jobs.append(
        PeriodicJob(
            name="follow-up-deadlines",
            interval=runtime.settings.cadre_scan_interval_seconds,
            run=lambda: app.scan(clock.today()),
        )
    )
    # A lost version race (IntegrityError) is left to the shared retry (shared/conflict_retry.py),
    # which runs the request again on the fresh record, as in every service.
    runtime.errors.update({PlanNotFoundError: 404, FollowUpError: 409})
    return runtime
