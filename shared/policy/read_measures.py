"""Reading the adjustment, follow-up and early-sign sections of a pack."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from shared.policy.catalogue import NATURES, Circumstance, Feed
from shared.policy.errors import PackFormatError
from shared.policy.json_fields import Node
from shared.policy.measures import (
    BAR_KINDS,
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
from shared.policy.read_procedure import read_citation
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
        method.only(frozenset({"key", "name_zh", "nature", "step_names", "note", "weight"}))
        own_steps = read_step_names(method.obj("step_names")) if method.has("step_names") else None
        methods.append(
            AdjustmentMethod(
                key=method.text("key"),
                name_zh=method.text("name_zh"),
                nature=method.one_of("nature", tuple(sorted(NATURES))),
                step_names=own_steps or step_names,
                note=method.text("note", default=""),
                weight=method.integer("weight", minimum=1),
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
    node.only(frozenset({"circumstance", "branch", "methods", "outcome", "citation", "summary_zh",
                         "weight"}))
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
    # Outcomes outside the catalogue weigh themselves; catalogued methods carry their own weight.
    weight = node.integer("weight", minimum=1) if not chosen else node.integer("weight", 1, default=1)
    return FixedOutcome(
        circumstance=code,
        branch=branch,
        methods=chosen,
        outcome=outcome,
        citation=read_citation(node),
        summary_zh=node.text("summary_zh"),
        weight=weight,
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
                "problem_citation",
            }
        )
    )
    periods_node = node.obj("impact_periods")
    impact: dict[str, ImpactPeriod] = {}
    for method in sorted(periods_node.keys()):
        if method not in methods:
            periods_node.fail(method, "is not an adjustment method of this pack")
        entry = periods_node.obj(method)
        entry.only(frozenset({"length", "bar", "citation", "source"}))
        impact[method] = ImpactPeriod(
            method=method,
            length=read_length(entry.obj("length")),
            bar=entry.one_of("bar", tuple(sorted(BAR_KINDS))),
            citation=read_citation(entry),
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
        problem_citation=read_citation(node, "problem_citation"),
    )


def _read_consequence(node: Node) -> Consequence:
    node.only(frozenset({"case", "bar", "citation", "summary_zh"}))
    return Consequence(
        case=node.text("case"),
        bar=node.one_of("bar", tuple(sorted(BAR_KINDS))),
        citation=read_citation(node),
        summary_zh=node.text("summary_zh"),
    )


def read_early_signs(node: Node, key: str) -> tuple[EarlySignMeasure, ...]:
    """The jurisdiction's graded early-sign measures, lightest first (IM 14 lists six, WY 11(1)
    four); each key once, each with its citation."""
    measures = []
    for m in node.objects(key):
        m.only(frozenset({"key", "name_zh", "name_en", "citation"}))
        measure_key = m.text("key")
        if not measure_key.replace("_", "a").isalnum() or not measure_key.islower():
            m.fail("key", "must be a snake_case key")
        measures.append(EarlySignMeasure(key=measure_key, name_zh=m.text("name_zh"),
                                         name_en=m.text("name_en"), citation=read_citation(m)))
    keys = [m.key for m in measures]
    if not keys or len(set(keys)) != len(keys):
        raise PackFormatError(node.file, node.field(key), "list at least one measure, each key once")
    return tuple(measures)
