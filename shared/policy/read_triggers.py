"""Reading and validating trigger trees (the DSL is described in `shared.policy.triggers`)."""

from __future__ import annotations

from collections.abc import Mapping

from shared.policy.catalogue import Feed
from shared.policy.counting_words import COMPARATORS, COUNTING_WORDS
from shared.policy.errors import PackFormatError
from shared.policy.json_fields import Node
from shared.policy.triggers import COMBINATORS, COMMON_KEYS, LEAF_TYPES, Length, Trigger

# The JSON names a leaf's value list after what it holds.
_VALUE_KEYS: dict[str, str] = {
    "grade_in": "grades",
    "ballot_share": "options",
    "incident_count": "severities",
}
_LENGTH_UNITS = frozenset({"years", "months", "days"})


def read_length(node: Node) -> Length:
    """{"years": n} or {"months": n} or {"days": n}: exactly one unit, n >= 1."""
    node.only(_LENGTH_UNITS)
    if len(node.keys()) != 1:
        raise PackFormatError(node.file, node.path, "give exactly one of years, months, days")
    (unit,) = node.keys()
    amount = node.integer(unit, minimum=1)
    return Length(**{unit: amount})


def read_trigger(
    node: Node,
    feeds: Mapping[str, Feed],
    applies_to: tuple[str, ...],
    default_roles: tuple[str, ...],
) -> Trigger:
    """One trigger node; `applies_to` is the item's, `default_roles` what the parent names."""
    node_type = node.one_of("type", tuple(LEAF_TYPES) + tuple(COMBINATORS))
    roles = node.texts("roles", default=default_roles)
    for role in roles:
        if role not in applies_to:
            node.fail("roles", f"{role!r} is not in the item's applies_to {list(applies_to)}")
    label = node.text("label", default=node_type)
    note = node.text("note", default="")
    if node_type in COMBINATORS:
        return _read_combinator(node, node_type, label, roles, note, feeds, applies_to)
    feed_kind, required, optional = LEAF_TYPES[node_type]
    value_key = _VALUE_KEYS.get(node_type, "")
    allowed = COMMON_KEYS | required | optional
    if value_key:
        allowed |= {value_key}
    node.only(allowed)
    feed = _feed(node, feeds, feed_kind)
    values: tuple[str, ...] = ()
    if value_key:
        values = node.texts(value_key)
        for value in values:
            if value not in feed.values:
                node.fail(value_key, f"{value!r} is not in feed {feed.name!r} {list(feed.values)}")
    comparator, word = _comparison(node) if "comparator" in required else ("", "")
    holder_role = node.text("holder_role", default="")
    if holder_role and feed.subject != "cadre":
        node.fail("holder_role", "only a feed about cadres can require a post held")
    return Trigger(
        type=node_type,
        label=label,
        roles=roles,
        subject=feed.subject,
        feed=feed.name,
        values=values,
        comparator=comparator,
        word=word,
        threshold=node.fraction("threshold") if "threshold" in required else None,
        periods=node.integer("periods", minimum=1, default=1),
        places=node.integer("places", minimum=1) if "places" in required else 0,
        length=read_length(node.obj("length")) if "length" in required else None,
        holder_role=holder_role,
        note=note,
    )


def _read_combinator(
    node: Node,
    node_type: str,
    label: str,
    roles: tuple[str, ...],
    note: str,
    feeds: Mapping[str, Feed],
    applies_to: tuple[str, ...],
) -> Trigger:
    node.only(COMMON_KEYS | {"branches"})
    branch_nodes = node.objects("branches")
    if len(branch_nodes) < 2:
        node.fail("branches", f"{node_type} needs at least two branches")
    branches = tuple(read_trigger(b, feeds, applies_to, roles) for b in branch_nodes)
    labels = [branch.label for branch in branches]
    if len(set(labels)) != len(labels):
        node.fail("branches", f"labels must be unique (hits and outcomes cite them): {labels}")
    subject = ""
    if node_type == "all_of":
        subjects = {branch.subject for branch in branches}
        if len(subjects) != 1 or "" in subjects:
            node.fail("branches", "all_of branches must be leaves about the same kind of subject")
        (subject,) = subjects
    return Trigger(
        type=node_type, label=label, roles=roles, subject=subject, branches=branches, note=note
    )


def _feed(node: Node, feeds: Mapping[str, Feed], kind: str) -> Feed:
    name = node.text("feed")
    feed = feeds.get(name)
    if feed is None:
        node.fail("feed", f"{name!r} is not declared in the pack's feeds")
    if feed.kind != kind:
        node.fail("feed", f"{name!r} is a {feed.kind} feed; this trigger reads a {kind} feed")
    return feed


def _comparison(node: Node) -> tuple[str, str]:
    """The comparator, checked against the counting word when the document uses one (SPEC §3)."""
    comparator = node.one_of("comparator", tuple(sorted(COMPARATORS)))
    word = node.text("word", default="")
    if word:
        if word not in COUNTING_WORDS:
            node.fail("word", f"unknown counting word {word!r}; known: {sorted(COUNTING_WORDS)}")
        if COUNTING_WORDS[word] != comparator:
            node.fail(
                "comparator",
                f"{comparator!r} contradicts the counting word {word!r}, "
                f"which means {COUNTING_WORDS[word]!r}",
            )
    return comparator, word
