"""Who may publish and subscribe where on NATS: one user per service and per producer system.

Users with subject permissions (not accounts with nkeys or JWTs): every party shares one JetStream
stream, which accounts would have to export and import subject by subject, and a password per user
from a secret is what both the embedded runner and Kubernetes can hand out. The rules follow the
contract and the producer registry (operator data):

- a service publishes only its own event types' subjects and its dead-letter subject, and uses the
  JetStream API only for its own durable consumer (info, next, ack) and stream info: no stream or
  consumer is created, changed, purged or deleted by a service. The operator's setup step makes
  each service's consumer with the subjects it consumes (shared/messaging/consumption.py): a
  consumer's filter is in the request body, out of the permissions' sight, so a service allowed to
  create its consumer could filter `>` and read the whole stream;
- a producer publishes only the subjects of the event types the registry grants it, under its own
  name, and reads only its own receipts (cadre.receipts.<producer>);
- everyone reads replies only on their own inbox prefix (_INBOX_<user>, `inbox_prefix` in nats-py),
  so nobody can read what another party fetches.

The NATS server itself enforces them; shared/messaging/provenance.py checks again in the consumer.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass

from shared.contract.catalogue import ALL_SPECS
from shared.contract.envelope import (
    CHECKPOINT_STREAM,
    DEAD_LETTER_STREAM,
    RECEIPTS_PREFIX,
    RECEIPTS_STREAM,
    SERVICE_SOURCES,
    STREAM_NAME,
)
from shared.contract.naming import snake
from shared.messaging.dead_letter import dead_letter_subject
from shared.producers.registry import Producer, ProducerRegistry, producer_registry

SERVICES = SERVICE_SOURCES
ADMIN = "admin"
# Never for anyone but the administrator, whatever an allow rule above says.
JS_DENY = ("$JS.API.STREAM.DELETE.>", "$JS.API.STREAM.PURGE.>", "$JS.API.STREAM.MSG.DELETE.>",
           "$JS.API.STREAM.CREATE.>", "$JS.API.STREAM.UPDATE.>", "$JS.API.CONSUMER.DELETE.>",
           "$JS.API.CONSUMER.CREATE.>", "$JS.API.CONSUMER.DURABLE.CREATE.>")


@dataclass(frozen=True)
class NatsUser:
    name: str
    password: str
    publish_allow: tuple[str, ...]
    publish_deny: tuple[str, ...] = ()
    subscribe_allow: tuple[str, ...] = ()


def inbox_prefix(user: str) -> str:
    """The only inbox a user may read (pass as nats-py's `inbox_prefix`)."""
    return f"_INBOX_{user}"


def receipts_subject(producer: str) -> str:
    return f"{RECEIPTS_PREFIX}.{producer}"


def _own_event_subjects(service: str) -> list[str]:
    return sorted({f"cadre.{service}.{snake(s.type)}.v{s.version}"
                   for s in ALL_SPECS if service in s.sources})


def service_user(service: str, password: str) -> NatsUser:
    durable = f"{STREAM_NAME}.{service}"
    api = ("$JS.API.INFO", f"$JS.API.STREAM.INFO.{STREAM_NAME}",
           f"$JS.API.STREAM.INFO.{DEAD_LETTER_STREAM}",
           f"$JS.API.CONSUMER.INFO.{durable}",
           f"$JS.API.CONSUMER.MSG.NEXT.{durable}", f"$JS.ACK.{durable}.>")
    # Identification answers producers: receipts and outcomes go to cadre.receipts.<producer>,
    # and it reads its own dead letters back to tell each producer why (adapters/refusals.py).
    receipts: tuple[str, ...] = ()
    if service == "identification":
        refusals = f"{DEAD_LETTER_STREAM}.identification_refusals"
        receipts = (f"{RECEIPTS_PREFIX}.>", f"$JS.API.STREAM.INFO.{RECEIPTS_STREAM}",
                    f"$JS.API.CONSUMER.INFO.{refusals}", f"$JS.API.CONSUMER.MSG.NEXT.{refusals}",
                    f"$JS.ACK.{refusals}.>")
    # Audit reads its published tree heads back, by sequence, to check its store against them.
    if service == "audit":
        api += (f"$JS.API.STREAM.INFO.{CHECKPOINT_STREAM}", f"$JS.API.STREAM.MSG.GET.{CHECKPOINT_STREAM}")
    return NatsUser(
        name=service,
        password=password,
        publish_allow=(*_own_event_subjects(service), dead_letter_subject(service), *receipts, *api),
        publish_deny=JS_DENY,
        subscribe_allow=(f"{inbox_prefix(service)}.>",),
    )


def receipts_consumer_api(producer: str) -> tuple[str, ...]:
    """A producer's one durable consumer on CADRE_RECEIPTS, named after it and filtered to its own
    receipts by the operator's setup step (shared/messaging/consumption.py): it reads and acks
    there, and may create or change no consumer."""
    durable = f"{RECEIPTS_STREAM}.{producer}"
    return (f"$JS.API.CONSUMER.INFO.{durable}", f"$JS.API.CONSUMER.MSG.NEXT.{durable}",
            f"$JS.ACK.{durable}.>", f"$JS.API.STREAM.INFO.{RECEIPTS_STREAM}")


def producer_user(producer: Producer, password: str) -> NatsUser:
    # "intake": any producer's type; "intake.<name>": this producer's own (the register changes),
    # as the consumers' provenance check reads them.
    own = tuple(f"cadre.intake.{producer.name}.{snake(s.type)}.v{s.version}"
                for s in ALL_SPECS if s.type in producer.publishes
                and ("intake" in s.sources or f"intake.{producer.name}" in s.sources))
    return NatsUser(name=producer.name, password=password,
                    publish_allow=(*own, *receipts_consumer_api(producer.name)),
                    publish_deny=JS_DENY,
                    subscribe_allow=(f"{inbox_prefix(producer.name)}.>",
                                     f"{receipts_subject(producer.name)}.>"))


def admin_user(password: str) -> NatsUser:
    return NatsUser(name=ADMIN, password=password, publish_allow=(">",), subscribe_allow=(">",))


def user_names(registry: ProducerRegistry | None = None) -> tuple[str, ...]:
    return (*SERVICES, *(registry or producer_registry()).names, ADMIN)


def all_users(passwords: dict[str, str], registry: ProducerRegistry | None = None) -> list[NatsUser]:
    registry = registry or producer_registry()
    return [
        *(service_user(s, passwords[s]) for s in SERVICES),
        *(producer_user(p, passwords[p.name]) for p in registry.producers),
        admin_user(passwords[ADMIN]),
    ]


def new_passwords(registry: ProducerRegistry | None = None) -> dict[str, str]:
    return {name: secrets.token_urlsafe(24) for name in user_names(registry)}


def with_new_users(passwords: dict[str, str], registry: ProducerRegistry | None = None) -> dict[str, str]:
    """Kept passwords, plus one for each user the registry has added since they were made."""
    return {name: passwords.get(name) or secrets.token_urlsafe(24) for name in user_names(registry)}


def password_variable(user: str) -> str:
    """The environment variable a deployed nats-server reads a user's password from."""
    return f"NATS_{user.upper()}_PASSWORD"


def authorization_block(users: list[NatsUser], *, from_environment: bool = False) -> str:
    """The `authorization { users = [...] }` block of a nats-server configuration file; with
    `from_environment` each password is the server's $NATS_<USER>_PASSWORD (Kubernetes secret)."""
    entries = []
    for user in users:
        publish: dict[str, list[str]] = {"allow": list(user.publish_allow)}
        if user.publish_deny:
            publish["deny"] = list(user.publish_deny)
        entry = json.dumps({
            "user": user.name, "password": user.password,
            "permissions": {"publish": publish, "subscribe": {"allow": list(user.subscribe_allow)}},
        })
        if from_environment:  # a bare $VARIABLE, which nats-server resolves; quoted it would not
            entry = entry.replace(f'"password": {json.dumps(user.password)}',
                                  f'"password": ${password_variable(user.name)}', 1)
        entries.append(entry)
    return "authorization {\n  users = [\n    " + ",\n    ".join(entries) + "\n  ]\n}\n"
