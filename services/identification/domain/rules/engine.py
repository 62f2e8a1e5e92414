"""The rule engine: evaluate a pack's quantitative items (and "up" items) against feed facts.

Pure: no I/O, no clock. Same pack and facts, same hits, in the same order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType

from services.identification.domain.rules.fact_index import FactIndex
from services.identification.domain.rules.facts import Facts
from services.identification.domain.rules.findings import (
    Figure,
    Finding,
    consecutive,
    fraction_text,
)
from services.identification.domain.rules.hits import Hit, Subject
from services.identification.domain.rules.triggers import LEAF_CHECKS
from shared.policy import Circumstance, Incentive, PolicyPack, Trigger
from shared.policy.triggers import COMBINATORS

UNDERSTOOD_TYPES: frozenset[str] = frozenset(LEAF_CHECKS) | COMBINATORS


class UnknownTriggerTypeError(ValueError):
    """A pack uses a trigger type this engine has no check for."""


@dataclass(frozen=True)
class _Outcome:
    label: str
    roles: tuple[str, ...]
    subject_kind: str
    finding: Finding


def evaluate(pack: PolicyPack, facts: Facts) -> list[Hit]:
    """Every hit of every quantitative circumstance of `pack` that `facts` can answer."""
    return _evaluate_items(pack, pack.quantitative(), facts)


def evaluate_up(pack: PolicyPack, facts: Facts) -> list[Hit]:
    """Every hit of the pack's "up" items (e.g. three consecutive excellent years, SPEC §9)."""
    return _evaluate_items(pack, pack.incentives, facts)


def _evaluate_items(
    pack: PolicyPack, items: Sequence[Circumstance | Incentive], facts: Facts
) -> list[Hit]:
    index = FactIndex(facts)
    hits: list[Hit] = []
    for item in items:
        if item.trigger is None:
            continue
        unknown = item.trigger.types() - UNDERSTOOD_TYPES
        if unknown:
            raise UnknownTriggerTypeError(f"{item.code} uses {sorted(unknown)}")
        for outcome in _run(item.trigger, index):
            finding = outcome.finding
            hits.append(
                Hit(
                    pack_id=pack.pack_id,
                    pack_version=pack.version,
                    code=item.code,
                    article=item.article,
                    subject=Subject(finding.subject_id, outcome.subject_kind, outcome.roles),
                    period=finding.period,
                    branch=outcome.label,
                    figures=MappingProxyType(dict(finding.observed)),
                )
            )
    return hits


def _run(node: Trigger, index: FactIndex) -> list[_Outcome]:
    if node.type == "any_of":
        return [outcome for branch in node.branches for outcome in _run(branch, index)]
    if node.type == "all_of":
        return _run_all_of(node, index)
    found = LEAF_CHECKS[node.type](node, index)
    if node.holder_role:  # e.g. WY 13 applies only to cadres who head a unit
        found = [f for f in found if index.holds(f.subject_id, node.holder_role)]
    return [
        _Outcome(node.label, node.roles, node.subject, _with_figures(finding, node))
        for finding in consecutive(found, node.periods)
    ]


def _run_all_of(node: Trigger, index: FactIndex) -> list[_Outcome]:
    """Every branch must fire for the same subject, period and indicator (e.g. WY 9(5))."""
    per_branch = [
        {outcome.finding.key: outcome.finding for outcome in _run(branch, index)}
        for branch in node.branches
    ]
    shared_keys = set(per_branch[0]).intersection(*per_branch[1:])
    outcomes = []
    for key in sorted(shared_keys):
        subject_id, period, indicator = key
        merged: dict[str, Figure] = {"period": period}
        if indicator:
            merged["indicator"] = indicator
        for branch, findings in zip(node.branches, per_branch, strict=True):
            for name, value in findings[key].observed.items():
                if name not in {"period", "indicator"}:
                    merged[f"{branch.label}.{name}"] = value
        finding = Finding(subject_id, period, indicator, merged)
        outcomes.append(_Outcome(node.label, node.roles, node.subject, finding))
    return outcomes


def _with_figures(finding: Finding, node: Trigger) -> Finding:
    """The observed figures plus the rule that judged them, so a hit explains itself."""
    figures: dict[str, Figure] = {}
    if "periods" not in finding.observed:
        figures["period"] = finding.period
    if finding.indicator:
        figures["indicator"] = finding.indicator
    figures.update(finding.observed)
    figures["feed"] = node.feed
    if node.values:
        figures["counted"] = node.values
    if node.comparator:
        figures["comparator"] = node.comparator
    if node.word:
        figures["word"] = node.word
    if node.threshold is not None:
        figures["threshold"] = fraction_text(node.threshold)
    if node.places:
        figures["places_from_bottom"] = node.places
    if node.length is not None:
        figures["length"] = node.length.text()
    if node.periods > 1:
        figures["consecutive_required"] = node.periods
    if node.holder_role:
        figures["holder_role"] = node.holder_role
    return Finding(finding.subject_id, finding.period, finding.indicator, figures)
