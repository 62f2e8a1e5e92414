"""What every part of the adjustment Application shares: loading aggregates, the clock, the rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate

from services.adjustment.adapters.case_index import CaseIndex
from services.adjustment.adapters.comparable_cases import ComparableCases
from services.adjustment.adapters.open_deadlines import OpenDeadlines
from services.adjustment.adapters.pack_rules import RulesOf, case_rules_from
from services.adjustment.domain.case import AdjustmentCase
from services.adjustment.domain.errors import CaseNotFoundError
from shared.clock import Clock, SystemClock
from shared.eventstore.application import ServiceApplication
from shared.policy import PackRegistry, load_packs

A = TypeVar("A", bound=Aggregate)
# Called with a case as soon as it is loaded, before anything is done with it: the HTTP edge refuses
# here a principal whose reach does not cover the case (SPEC §8).
Guard = Callable[[AdjustmentCase], None]


class CaseStore(ServiceApplication):
    name = "adjustment"

    def __init__(self, env: dict[str, str] | None = None) -> None:
        super().__init__(env)
        # The packs (bootstrap passes the service's registry, which operators' uploads extend).
        self.packs: PackRegistry = load_packs()
        self.rules_of: RulesOf = case_rules_from(self.packs)
        self.clock: Clock = SystemClock()  # bootstrap sets the runtime's (injectable) clock
        self.deadlines = OpenDeadlines(self)
        self.comparable = ComparableCases(self)
        self.cases = CaseIndex(self)

    def get_case(self, case_id: UUID, guard: Guard | None = None) -> AdjustmentCase:
        case = self.find(case_id, AdjustmentCase)
        if case is None:
            raise CaseNotFoundError(f"no adjustment case {case_id}")
        if guard is not None:
            guard(case)
        return case

    def use_packs(self, packs: PackRegistry) -> None:
        self.packs = packs
        self.rules_of = case_rules_from(packs)
        self.comparable.packs = packs

    def find(self, aggregate_id: UUID, kind: type[A]) -> A | None:
        try:
            aggregate: Aggregate = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None
        return aggregate if isinstance(aggregate, kind) else None
