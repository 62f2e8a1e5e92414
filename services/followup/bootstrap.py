"""The one place the follow-up service reads settings and picks its adapters."""

from __future__ import annotations

from services.followup.adapters.impact_rules import impact_rules_from
from services.followup.adapters.outbox import translate
from services.followup.application import FollowUpPlans
from services.followup.domain.errors import FollowUpError, PlanNotFoundError
from services.followup.handlers import HANDLERS
from shared.messaging.consumer import ConsumerSpec
from shared.messaging.dispatch import dispatcher
from shared.policy.registry import load_packs
from shared.runtime_factory import build_runtime
from shared.service_host import PeriodicJob, ServiceRuntime
from shared.settings import ServiceSettings

NAME = "followup"


def bootstrap(settings: ServiceSettings | None = None) -> ServiceRuntime:
    runtime = build_runtime(NAME, FollowUpPlans, settings)
    app = runtime.app
    assert isinstance(app, FollowUpPlans)
    app.impact_rules = impact_rules_from(load_packs())
    runtime.translate = translate
    runtime.consumers.append(
        ConsumerSpec(
            durable=NAME,
            filter_subjects=[
                "cadre.adjustment.adjustment_executed.v1",
                "cadre.identification.concern_opened.v1",
                "cadre.identification.concern_closed.v1",
            ],
            handle=dispatcher(app, HANDLERS),
            rejects=(FollowUpError,),
        )
    )
    clock = runtime.clock
    runtime.jobs.append(
        PeriodicJob(
            name="reinstatement-eligibility",
            interval=runtime.settings.cadre_scan_interval_seconds,
            run=lambda: app.declare_due_eligibility(clock.today()),
        )
    )
    runtime.errors.update({PlanNotFoundError: 404, FollowUpError: 409})
    return runtime
