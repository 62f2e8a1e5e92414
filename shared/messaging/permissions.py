"""Who may publish and subscribe where on NATS: one user per service and per producer system.

The rules follow the contract: a service publishes only under its own subjects and its dead-letter
subject; a producer system publishes only under cadre.intake.<producer>; nobody but the
administrator may delete or purge a stream. The NATS server itself enforces them.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass

from shared.contract.envelope import DEAD_LETTER_PREFIX
from shared.contract.events import PRODUCER_SYSTEMS

SERVICES = ("identification", "adjustment", "followup", "audit")
ADMIN = "admin"
# JetStream's API: services create consumers, fetch, ack and read stream info; never destroy.
JS_DENY = ["$JS.API.STREAM.DELETE.>", "$JS.API.STREAM.PURGE.>", "$JS.API.STREAM.MSG.DELETE.>"]


@dataclass(frozen=True)
class NatsUser:
    name: str
    password: str
    publish_allow: tuple[str, ...]
    publish_deny: tuple[str, ...] = ()
    subscribe_allow: tuple[str, ...] = ("_INBOX.>",)


def service_user(service: str, password: str) -> NatsUser:
    return NatsUser(
        name=service,
        password=password,
        publish_allow=(f"cadre.{service}.>", f"{DEAD_LETTER_PREFIX}.{service}", "$JS.API.>",
                       "$JS.ACK.>", "_INBOX.>"),
        publish_deny=tuple(JS_DENY),
    )


def producer_user(producer: str, password: str) -> NatsUser:
    # Publish acks come back on an inbox, so producers subscribe to _INBOX but read nothing else.
    return NatsUser(name=producer, password=password,
                    publish_allow=(f"cadre.intake.{producer}.>",))


def admin_user(password: str) -> NatsUser:
    return NatsUser(name=ADMIN, password=password, publish_allow=(">",), subscribe_allow=(">",))


def all_users(passwords: dict[str, str]) -> list[NatsUser]:
    return [
        *(service_user(s, passwords[s]) for s in SERVICES),
        *(producer_user(p, passwords[p]) for p in PRODUCER_SYSTEMS),
        admin_user(passwords[ADMIN]),
    ]


def new_passwords() -> dict[str, str]:
    return {name: secrets.token_urlsafe(24) for name in (*SERVICES, *PRODUCER_SYSTEMS, ADMIN)}


def authorization_block(users: list[NatsUser]) -> str:
    """The `authorization { users = [...] }` block of a nats-server configuration file."""
    entries = []
    for user in users:
        publish: dict[str, list[str]] = {"allow": list(user.publish_allow)}
        if user.publish_deny:
            publish["deny"] = list(user.publish_deny)
        entries.append(json.dumps({
            "user": user.name, "password": user.password,
            "permissions": {"publish": publish, "subscribe": {"allow": list(user.subscribe_allow)}},
        }))
    return "authorization {\n  users = [\n    " + ",\n    ".join(entries) + "\n  ]\n}\n"
