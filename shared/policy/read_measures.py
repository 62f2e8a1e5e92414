"""Reading the adjustment, follow-up and early-sign sections of a pack."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from shared.policy.catalogue import NATURES, Circumstance, Feed
from shared.policy.errors import PackFormatError
from shared.policy.json_fields import Node
from shared.policy.measures import (
    BAR_KINDS,
    EARLY_SIGN_KEYS,
    STEP_KEYS,
    AdjustmentMethod,
    AdjustmentPolicy,
    Consequence,
    EarlySignMeasure,
    FixedOutcome,
    FollowupPolicy,
    ImpactPeriod,
    ReinstatementBar,
)
from shared.policy.read_triggers import read_length


def read_step_names(node: Node) -> Mapping[str, str]:
    """Exactly the five STEP_KEYS; the pack supplies only the labels, never the order."""
    node.only(frozenset(STEP_KEYS))
    return MappingProxyType({key: node.text(key) for key in STEP_KEYS})


def read_adjustment(node: Node, circumstances: tuple[Circumstance, ...]) -> AdjustmentPolicy:
    node.only(frozenset({"methods", "step_names", "fixed_outcomes", "note"}))
    step_names = read_step_names(node.obj("step_names"))
    methods: list[AdjustmentMethod] = []
    for method in node.objects("methods"):
        method.only(frozenset({"key", "name_zh", "nature", "step_names", "note"}))
        own_steps = read_step_names(method.obj("step_names")) if method.has("step_names") else None
        methods.append(
            AdjustmentMethod(
                key=method.text("key"),
                name_zh=method.text("name_zh"),
                nature=method.one_of("nature", tuple(sorted(NATURES))),
                step_names=own_steps or step_names,
                note=method.text("note", default=""),
            )
        )
    keys = [m.key for m in methods]
    if not keys or len(set(keys)) != len(keys):
        node.fail("methods", "must list at least one method, each key once")
    by_code = {c.code: c for c in circumstances}
    outcomes = tuple(
        _read_outcome(o, by_code, frozenset(keys)) for o in node.objects("fixed_outcomes")
    )
    return AdjustmentPolicy(
        methods=tuple(methods),
        step_names=step_names,
        fixed_outcomes=outcomes,
        note=node.text("note", default=""),
    )


def _read_outcome(
    node: Node, by_code: Mapping[str, Circumstance], methods: frozenset[str]
) -> FixedOutcome:
    node.only(frozenset({"circumstance", "branch", "methods", "outcome", "article", "summary_zh"}))
    code = node.text("circumstance")
    circumstance = by_code.get(code)
    if circumstance is None:
        node.fail("circumstance", f"{code!r} is not a circumstance of this pack")
    branch = node.text("branch", default="")
    if branch:
        trigger = circumstance.trigger
        labels = {b.label for b in trigger.branches} if trigger else set()
        if branch not in labels:
            node.fail("branch", f"{code} has no trigger branch labelled {branch!r}")
    chosen = node.texts("methods")
    for method in chosen:
        if method not in methods:
            node.fail("methods", f"{method!r} is not an adjustment method of this pack")
    outcome = node.text("outcome", default="")
    if not chosen and not outcome:
        node.fail("outcome", "name an outcome when no catalogued method is fixed")
    return FixedOutcome(
        circumstance=code,
        branch=branch,
        methods=chosen,
        outcome=outcome,
        article=node.text("article"),
        summary_zh=node.text("summary_zh"),
    )


def read_followup(node: Node, methods: frozenset[str], feeds: Mapping[str, Feed]) -> FollowupPolicy:
    node.only(
        frozenset(
            {
                "impact_periods",
                "care_talk_interval_days",
                "recheck_interval_days",
                "reinstatement_bar",
                "reinstatement_requires_upper_consultation",
                "consequences",
                "source",
            }
        )
    )
    periods_node = node.obj("impact_periods")
    impact: dict[str, ImpactPeriod] = {}
    for method in sorted(periods_node.keys()):
        if method not in methods:
            periods_node.fail(method, "is not an adjustment method of this pack")
        entry = periods_node.obj(method)
        entry.only(frozenset({"length", "bar", "article", "source"}))
        impact[method] = ImpactPeriod(
            method=method,
            length=read_length(entry.obj("length")),
            bar=entry.one_of("bar", tuple(sorted(BAR_KINDS))),
            article=entry.text("article"),
            source=entry.text("source"),
        )
    bar = node.obj("reinstatement_bar")
    bar.only(frozenset({"min_grade", "assessments", "feed"}))
    grades = feeds.get(bar.text("feed"))
    if grades is None or grades.kind != "grade":
        bar.fail("feed", "must name a grade feed declared in the pack")
    consequences = tuple(_read_consequence(c) for c in node.objects("consequences"))
    return FollowupPolicy(
        impact_periods=MappingProxyType(impact),
        care_talk_interval_days=node.integer("care_talk_interval_days", minimum=1),
        recheck_interval_days=node.integer("recheck_interval_days", minimum=1),
        reinstatement_bar=ReinstatementBar(
            feed=grades.name,
            min_grade=bar.one_of("min_grade", grades.values),
            assessments=bar.integer("assessments", minimum=1),
        ),
        reinstatement_requires_upper_consultation=node.boolean(
            "reinstatement_requires_upper_consultation"
        ),
        consequences=consequences,
        source=node.text("source"),
    )


def _read_consequence(node: Node) -> Consequence:
    node.only(frozenset({"case", "bar", "article", "summary_zh"}))
    return Consequence(
        case=node.text("case"),
        bar=node.one_of("bar", tuple(sorted(BAR_KINDS))),
        article=node.text("article"),
        summary_zh=node.text("summary_zh"),
    )


def read_early_signs(node: Node, key: str) -> tuple[EarlySignMeasure, ...]:
    """All six IM 14 measures, in their fixed ascending order."""
    measures = tuple(
        EarlySignMeasure(key=m.text("key"), name_zh=m.text("name_zh"), name_en=m.text("name_en"))
        for m in node.objects(key)
    )
    if tuple(m.key for m in measures) != EARLY_SIGN_KEYS:
        raise PackFormatError(node.file, node.field(key), f"must list {list(EARLY_SIGN_KEYS)}")
    return measures
