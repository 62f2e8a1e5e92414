"""What each service consumes from the event stream: one durable consumer per service, with the
subjects it filters, made by the operator's setup step (`cadre streams`), never by the service.

A service's NATS user may only read its own durable consumer (next message, ack, info); it may not
create or change one, since a consumer's filter is set in the request body, where subject
permissions cannot see it: a service able to create its consumer could filter `>` and read every
event on the stream. Kept here, beside the permissions made from it, rather than in each
service, because the operator's job has to make all four.
"""

from __future__ import annotations

from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from nats.js.errors import BadRequestError, NotFoundError

from shared.contract.envelope import (
    DEAD_LETTER_PREFIX,
    DEAD_LETTER_STREAM,
    RECEIPTS_PREFIX,
    RECEIPTS_STREAM,
    STREAM_NAME,
)
from shared.messaging.streams import EVENT_SUBJECTS
from shared.producers.registry import ProducerRegistry, producer_registry

REGISTER_CHANGES = (
    "cadre.intake.*.cadre_registered.v1",
    "cadre.intake.*.cadre_post_changed.v1",
    "cadre.intake.*.cadre_authority_changed.v1",
    "cadre.intake.*.cadre_left.v1",
    "cadre.adjustment.adjustment_executed.v1",
    "cadre.adjustment.adjustment_corrected.v1",
    "cadre.followup.reinstatement_decided.v1",
)

# The reference data identification's operators activate (shared/reference): every other service
# that checks rules or counts working days keeps them.
REFERENCE_ACTIVATIONS = (
    "cadre.identification.policy_pack_activated.v1",
    "cadre.identification.working_day_schedule_activated.v1",
)

CONSUMES: dict[str, tuple[str, ...]] = {
    "identification": (
        "cadre.intake.*.circumstance_reported.v1",
        "cadre.intake.*.assessment_recorded.v1",
        "cadre.intake.*.statistics_recorded.v1",
        "cadre.followup.follow_up_problem_reported.v1",
        *REGISTER_CHANGES,
    ),
    "adjustment": ("cadre.identification.unsuitability_determined.v1",
                   "cadre.identification.determination_withdrawn.v1", *REFERENCE_ACTIVATIONS),
    "followup": (
        "cadre.adjustment.adjustment_executed.v1",
        "cadre.adjustment.adjustment_corrected.v1",
        "cadre.adjustment.appeal_lodged.v1",
        "cadre.adjustment.appeal_decided.v1",
        "cadre.identification.concern_opened.v1",
        "cadre.identification.concern_closed.v1",
        "cadre.identification.cadre_registered.v1",
        "cadre.identification.cadre_post_changed.v1",
        *REFERENCE_ACTIVATIONS,
    ),
    # Everything every service and producer says: the documentary record.
    "audit": tuple(EVENT_SUBJECTS),
}
ACK_WAIT_SECONDS = 30.0
MAX_DELIVER = 5


def consumer_config(durable: str, filter_subjects: list[str], *, ack_wait: float = ACK_WAIT_SECONDS,
                    max_deliver: int = MAX_DELIVER) -> ConsumerConfig:
    return ConsumerConfig(
        durable_name=durable,
        name=durable,
        ack_policy=AckPolicy.EXPLICIT,
        deliver_policy=DeliverPolicy.ALL,
        ack_wait=ack_wait,
        max_deliver=max_deliver,
        max_ack_pending=10_000,
        filter_subjects=filter_subjects,
    )


class ConsumerMissingError(RuntimeError):
    """The operator's setup step has not made (or has not updated) this service's consumer."""


async def ensure_consumer(js: JetStreamContext, service: str) -> None:
    """Create the service's durable consumer or bring its filter up to date (the operator's)."""
    config = consumer_config(service, list(CONSUMES[service]))
    try:
        await js.add_consumer(STREAM_NAME, config=config)
    except BadRequestError:
        await js.add_consumer(STREAM_NAME, config=config)  # retry once on a race


# Identification reads its own dead letters back, to tell each producer why (a receipt).
REFUSALS_DURABLE = "identification_refusals"
REFUSALS_SUBJECT = f"{DEAD_LETTER_PREFIX}.identification"


def single_filter_config(durable: str, filter_subject: str) -> ConsumerConfig:
    return ConsumerConfig(durable_name=durable, name=durable, ack_policy=AckPolicy.EXPLICIT,
                          deliver_policy=DeliverPolicy.ALL, ack_wait=ACK_WAIT_SECONDS,
                          filter_subject=filter_subject)


def receipts_filter(producer: str) -> str:
    return f"{RECEIPTS_PREFIX}.{producer}.>"


async def ensure_consumers(js: JetStreamContext, registry: ProducerRegistry | None = None) -> None:
    """Every service's consumer, identification's reader of its dead letters, and each registered
    producer's one consumer of its own receipts (named after it): a producer added to the registry
    gets its consumer at the next `cadre streams`."""
    for service in CONSUMES:
        await ensure_consumer(js, service)
    await js.add_consumer(DEAD_LETTER_STREAM, config=single_filter_config(
        REFUSALS_DURABLE, REFUSALS_SUBJECT))
    for producer in (registry or producer_registry()).names:
        await js.add_consumer(RECEIPTS_STREAM, config=single_filter_config(
            producer, receipts_filter(producer)))


async def check_consumer(js: JetStreamContext, durable: str, filter_subjects: list[str]) -> None:
    """At a service's start, when it may not make its consumer: is it there, filtering as here?"""
    try:
        info = await js.consumer_info(STREAM_NAME, durable)
    except NotFoundError:
        raise ConsumerMissingError(
            f"no consumer {durable} on {STREAM_NAME}: run `cadre streams` as the operator "
            f"/ 尚未建立 {durable} 的消费者，请由运维执行 cadre streams") from None
    configured = sorted(info.config.filter_subjects or
                        ([info.config.filter_subject] if info.config.filter_subject else []))
    if configured != sorted(filter_subjects):
        raise ConsumerMissingError(
            f"consumer {durable} filters {configured}, this release consumes "
            f"{sorted(filter_subjects)}: run `cadre streams` as the operator "
            f"/ 消费者过滤主题与本版本不符，请由运维执行 cadre streams")
