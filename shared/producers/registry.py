"""The producer registry: which systems may publish, and which event types each may send.

The registry is operator data, not code: the file shipped beside this module is the default, and
`CADRE_PRODUCER_REGISTRY` names an operator's own file that replaces it. NATS users and their
subject permissions, and the consumers' provenance check, are all made from it, so adding a
department (IM 12) is a change of data.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DEFAULT_REGISTRY = Path(__file__).with_name("registry.json")
REGISTRY_ENV = "CADRE_PRODUCER_REGISTRY"
# A name is a NATS subject token and a user name: no dots, wildcards or spaces.
NAME = re.compile(r"^[a-z][a-z0-9_]{1,40}$")
RESERVED = frozenset({"identification", "adjustment", "followup", "audit", "admin", "intake",
                      "deadletter", "receipts", "rule_engine"})


class RegistryError(ValueError):
    """The registry file is not usable; the message names the entry at fault."""


@dataclass(frozen=True)
class Producer:
    name: str
    zh: str
    en: str
    publishes: tuple[str, ...]
    # Outcomes sent to the system whoever reported (the discipline system: DisciplineReferral).
    receives: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProducerRegistry:
    producers: tuple[Producer, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.producers)

    def get(self, name: str) -> Producer | None:
        return next((p for p in self.producers if p.name == name), None)

    def receiving(self, event_type: str) -> tuple[str, ...]:
        return tuple(p.name for p in self.producers if event_type in p.receives)


def parse_registry(raw: object) -> ProducerRegistry:
    if not isinstance(raw, dict) or not isinstance(raw.get("producers"), list):
        raise RegistryError("producers: a list of producer entries is required")
    seen: list[Producer] = []
    for n, entry in enumerate(raw["producers"]):
        where = f"producers[{n}]"
        if not isinstance(entry, dict):
            raise RegistryError(f"{where}: an object is required")
        name = entry.get("name")
        if not isinstance(name, str) or not NAME.match(name) or name in RESERVED:
            raise RegistryError(f"{where}.name: {name!r} is not a usable producer name")
        if any(p.name == name for p in seen):
            raise RegistryError(f"{where}.name: {name} appears twice")
        publishes = entry.get("publishes", ["CircumstanceReported"])
        if not isinstance(publishes, list) or not all(isinstance(t, str) for t in publishes):
            raise RegistryError(f"{where}.publishes: a list of event type names is required")
        receives = entry.get("receives", [])
        if not isinstance(receives, list) or not all(isinstance(t, str) for t in receives):
            raise RegistryError(f"{where}.receives: a list of event type names is required")
        seen.append(Producer(name=name, zh=str(entry.get("zh", name)), en=str(entry.get("en", name)),
                             publishes=tuple(publishes), receives=tuple(receives)))
    return ProducerRegistry(tuple(seen))


def read_registry(path: Path) -> ProducerRegistry:
    try:
        return parse_registry(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, json.JSONDecodeError) as error:
        raise RegistryError(f"{path}: {error}") from None


@cache
def _read_cached(path: str) -> ProducerRegistry:
    return read_registry(Path(path))


def producer_registry() -> ProducerRegistry:
    """The operator's registry when one is configured, else the shipped default."""
    return _read_cached(os.environ.get(REGISTRY_ENV) or str(DEFAULT_REGISTRY))
