"""Reading the procedure sections of a pack (decision, talk, formalities, quota, levels, fault
tolerance, reform filing, channels), each rule with its citation."""

from __future__ import annotations

from fractions import Fraction
from types import MappingProxyType

from shared.policy.citation import is_citation
from shared.policy.counting_words import COUNTING_WORDS
from shared.policy.json_fields import Node
from shared.policy.procedure_rules import (
    FAULT_TOLERANCE_CLOCKS,
    Channel,
    ClockLength,
    FaultToleranceRules,
    LeadershipLevels,
    MeetingRule,
    Rectification,
    ReformFilingRules,
    ReviewStage,
    Share,
    TalkerRule,
    TalkRules,
    TimedRule,
)

# The general cadre rule the seeds presume for a collective decision when a pack states none:
# 党政领导干部选拔任用工作条例 art. 30 (CSR 30): 三分之二以上成员到会, 应到会成员超过半数同意.
DEFAULT_MEETING_RULE = MeetingRule(
    quorum=Share(Fraction(2, 3), "以上", ">="),
    majority=Share(Fraction(1, 2), "超过", ">"),
    citation="CSR 30",
    source=("党政领导干部选拔任用工作条例 第三十条：必须有三分之二以上成员到会；"
            "以应到会成员超过半数同意形成决定"),
)
_CLOCK_UNITS = frozenset({"working_days", "days", "months", "years"})
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


def read_citation(node: Node, key: str = "citation") -> str:
    text = node.text(key)
    if not is_citation(text):
        node.fail(key, f"{text!r} is not a citation in the shared form, e.g. 'IM 20' or 'WY-FT 8(2)'")
    return text


def _key(node: Node, key: str) -> str:
    value = node.text(key)
    if not set(value) <= _NAME_CHARS or not value[0].isalpha():
        node.fail(key, "must be a snake_case key")
    return value


def read_clock_length(node: Node) -> ClockLength:
    """{"working_days": n} or {"days": n} or {"months": n} or {"years": n}: one unit, n >= 1."""
    node.only(_CLOCK_UNITS)
    if len(node.keys()) != 1:
        node.fail("<length>", "give exactly one of working_days, days, months, years")
    (unit,) = node.keys()
    return ClockLength(**{unit: node.integer(unit, minimum=1)})


def read_timed(node: Node, name: str, length_key: str = "length") -> TimedRule:
    node.only(frozenset({length_key, "citation", "note"}))
    node.text("note", default="-")
    return TimedRule(name=name, length=read_clock_length(node.obj(length_key)), citation=read_citation(node))


def _share(node: Node) -> Share:
    node.only(frozenset({"share", "word", "comparator"}))
    word = node.one_of("word", tuple(sorted(COUNTING_WORDS)))
    comparator = node.text("comparator")
    if COUNTING_WORDS[word] != comparator:
        node.fail("comparator", f"{word} means {COUNTING_WORDS[word]}, not {comparator}")
    fraction = node.fraction("share")
    if not 0 < fraction <= 1:
        node.fail("share", "must be a share between 0 and 1")
    return Share(fraction, word, comparator)


def read_meeting(root: Node) -> MeetingRule:
    if not root.has("decision"):
        return DEFAULT_MEETING_RULE
    node = root.obj("decision")
    node.only(frozenset({"quorum", "majority", "citation", "source"}))
    return MeetingRule(quorum=_share(node.obj("quorum")), majority=_share(node.obj("majority")),
                       citation=read_citation(node), source=node.text("source"))


def read_talk(node: Node) -> TalkRules:
    node.only(frozenset({"citation", "positions", "by_role", "otherwise"}))
    positions_node = node.obj("positions")
    positions = {key: positions_node.text(key) for key in sorted(positions_node.keys())}
    roles_node = node.obj("by_role")
    by_role: dict[str, TalkerRule] = {}
    for role in sorted(roles_node.keys()):
        row = roles_node.obj(role)
        row.only(frozenset({"talkers", "rule_zh", "rule_en"}))
        talkers = row.texts("talkers")
        for talker in talkers:
            if talker not in positions:
                row.fail("talkers", f"{talker!r} is not one of the pack's talk positions")
        by_role[role] = TalkerRule(role, frozenset(talkers), row.text("rule_zh"), row.text("rule_en"))
    otherwise = node.text("otherwise")
    if otherwise not in by_role:
        node.fail("otherwise", f"{otherwise!r} is not a role of by_role")
    return TalkRules(citation=read_citation(node), positions=MappingProxyType(positions),
                     by_role=MappingProxyType(by_role), otherwise=otherwise)


def read_levels(node: Node) -> LeadershipLevels:
    node.only(frozenset({"levels", "citation"}))
    levels = node.texts("levels")
    if len(levels) < 2:
        node.fail("levels", "list the levels from lowest to highest")
    return LeadershipLevels(levels, read_citation(node))


def read_fault_tolerance(root: Node) -> FaultToleranceRules | None:
    if not root.has("fault_tolerance"):
        return None
    node = root.obj("fault_tolerance")
    node.only(frozenset({"citation", "clocks", "correction", "source"}))
    node.text("source", default="-")
    clocks_node = node.obj("clocks")
    clocks = {}
    for name in sorted(clocks_node.keys()):
        if name not in FAULT_TOLERANCE_CLOCKS:
            clocks_node.fail(name, f"is not a fault-tolerance clock ({', '.join(FAULT_TOLERANCE_CLOCKS)})")
        clocks[name] = read_timed(clocks_node.obj(name), name)
    notice, rectification = None, None
    if node.has("correction"):
        correction = node.obj("correction")
        correction.only(frozenset({"notice", "rectification"}))
        notice = read_timed(correction.obj("notice"), "correction_notice")
        rect = correction.obj("rectification")
        rect.only(frozenset({"usual_months", "max_months", "citation"}))
        usual, longest = rect.integer("usual_months", 1), rect.integer("max_months", 1)
        if usual > longest:
            rect.fail("usual_months", "cannot exceed max_months")
        rectification = Rectification(usual, longest, read_citation(rect))
    return FaultToleranceRules(citation=read_citation(node), clocks=MappingProxyType(clocks),
                               correction_notice=notice, rectification=rectification)


def read_reform_filing(root: Node) -> ReformFilingRules | None:
    if not root.has("reform_filing"):
        return None
    node = root.obj("reform_filing")
    node.only(frozenset({"citation", "review_chain"}))
    stages = []
    for stage in node.objects("review_chain"):
        stage.only(frozenset({"key", "name_zh", "citation"}))
        stages.append(ReviewStage(_key(stage, "key"), stage.text("name_zh"), read_citation(stage)))
    if not stages or len({s.key for s in stages}) != len(stages):
        node.fail("review_chain", "list at least one stage, each key once")
    return ReformFilingRules(citation=read_citation(node), review_chain=tuple(stages))


def read_channels(root: Node, channel_keys: frozenset[str]) -> tuple[Channel, ...]:
    channels = []
    for entry in root.objects("channels"):
        entry.only(frozenset({"key", "name_zh", "citation", "producers"}))
        channels.append(Channel(key=entry.one_of("key", tuple(sorted(channel_keys))),
                                name_zh=entry.text("name_zh"), citation=read_citation(entry),
                                producers=entry.texts("producers", default=())))
    if len({c.key for c in channels}) != len(channels):
        root.fail("channels", "each channel once")
    return tuple(channels)
