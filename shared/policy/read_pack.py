"""Reading one pack file into a PolicyPack, validating all the engine and services rely on."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import get_args

from shared.contract.events import Channel
from shared.policy.catalogue import (
    FEED_KINDS,
    KINDS,
    NATURES,
    PERIOD_UNITS,
    SUBJECT_KINDS,
    Circumstance,
    Feed,
    Incentive,
)
from shared.policy.citation import PREFIX, article_citation
from shared.policy.errors import PackFormatError
from shared.policy.json_fields import Node
from shared.policy.pack import PolicyPack, Source
from shared.policy.read_measures import read_adjustment, read_early_signs, read_followup
from shared.policy.read_procedure import (
    read_channels,
    read_fault_tolerance,
    read_levels,
    read_meeting,
    read_reform_filing,
    read_talk,
    read_timed,
)
from shared.policy.read_triggers import read_trigger

_TOP_KEYS = frozenset(
    {
        "schema_version",
        "pack_id",
        "version",
        "title_zh",
        "title_en",
        "source",
        "feeds",
        "circumstances",
        "incentives",
        "adjustment",
        "followup",
        "early_sign_measures",
        "notes",
        "citation_prefix",
        "effective_from",
        "decision",
        "talk",
        "formalities",
        "quota",
        "leadership_levels",
        "fault_tolerance",
        "reform_filing",
        "channels",
    }
)
_ITEM_KEYS = frozenset(
    {"code", "article", "summary_zh", "name_en", "kind", "nature", "applies_to", "trigger", "note",
     "citation", "equivalent_to"}
)
_PACK_ID = re.compile(r"[A-Z][A-Z0-9]*-\d{4}")
_CODE = re.compile(r"[A-Z][A-Z0-9]*-\d{4}/\S+")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_NAME = re.compile(r"[a-z][a-z0-9_]*")
SCHEMA_VERSION = 2
_CHANNELS = frozenset(get_args(Channel))


def read_pack(file: Path) -> PolicyPack:
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackFormatError(file, "<file>", f"cannot read JSON: {exc}") from exc
    return read_pack_text(text, str(file))


def read_pack_text(text: str, name: str) -> PolicyPack:
    """A pack from its JSON text; `name` is the file (or upload) it comes from, whose file name
    must be `<pack_id>.v<version>.json`."""
    file = Path(name)
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PackFormatError(file, "<file>", f"cannot read JSON: {exc}") from exc
    root = Node(raw, "", file)
    root.only(_TOP_KEYS)
    if root.integer("schema_version", minimum=1) != SCHEMA_VERSION:
        root.fail("schema_version", f"this loader reads schema_version {SCHEMA_VERSION}")
    pack_id = root.text("pack_id")
    if not _PACK_ID.fullmatch(pack_id):
        root.fail("pack_id", "must look like IM-2022 (jurisdiction code, dash, year)")
    version = root.integer("version", minimum=1)
    # The file name is the pack's address for operators; a mismatch means a copied file whose
    # id or version was not updated, which would shadow another pack.
    if file.name != f"{pack_id}.v{version}.json":
        root.fail("pack_id", f"file must be named {pack_id}.v{version}.json")
    root.texts("notes", default=())  # free-text provenance notes for readers; validated only
    prefix = root.text("citation_prefix")
    if not PREFIX.fullmatch(prefix):
        root.fail("citation_prefix", "must be the document's short form, e.g. IM or WY")
    effective_from = root.text("effective_from", default="-")
    if effective_from != "-" and not _ISO.fullmatch(effective_from):
        root.fail("effective_from", "must be an ISO date, e.g. 2027-01-01")
    feeds = _read_feeds(root.obj("feeds"))
    circumstances = tuple(_read_item(n, pack_id, prefix, feeds) for n in root.objects("circumstances"))
    incentives = tuple(_read_incentive(n, pack_id, prefix, feeds) for n in root.objects("incentives"))
    codes = [c.code for c in circumstances] + [i.code for i in incentives]
    if len(set(codes)) != len(codes):
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        root.fail("circumstances", f"codes must be unique; repeated: {dupes}")
    adjustment = read_adjustment(root.obj("adjustment"), circumstances)
    methods = frozenset(m.key for m in adjustment.methods)
    source = _read_source(root.obj("source"))
    return PolicyPack(
        pack_id=pack_id,
        version=version,
        title_zh=root.text("title_zh"),
        title_en=root.text("title_en"),
        source=source,
        feeds=feeds,
        circumstances=circumstances,
        incentives=incentives,
        adjustment=adjustment,
        followup=read_followup(root.obj("followup"), methods, feeds),
        early_sign_measures=read_early_signs(root, "early_sign_measures"),
        citation_prefix=prefix,
        meeting=read_meeting(root),
        talk=read_talk(root.obj("talk")),
        salary_formalities=read_timed(root.obj("formalities"), "salary_formalities", "salary_within"),
        quota_absorption=read_timed(root.obj("quota"), "quota_absorption", "absorb_within"),
        leadership_levels=read_levels(root.obj("leadership_levels")),
        fault_tolerance=read_fault_tolerance(root),
        reform_filing=read_reform_filing(root),
        channels=read_channels(root, _CHANNELS) if root.has("channels") else (),
        effective_from=source.date if effective_from == "-" else effective_from,
    )


def _read_source(node: Node) -> Source:
    node.only(frozenset({"document_zh", "issuer_zh", "number", "date"}))
    date = node.text("date")
    if not _ISO.fullmatch(date):
        node.fail("date", "must be an ISO date, e.g. 2022-12-23")
    return Source(
        document_zh=node.text("document_zh"),
        issuer_zh=node.text("issuer_zh"),
        number=node.text("number", default="-"),
        date=date,
    )


def _read_feeds(node: Node) -> Mapping[str, Feed]:
    feeds: dict[str, Feed] = {}
    for name in sorted(node.keys()):
        if not _NAME.fullmatch(name):
            node.fail(name, "feed names are snake_case")
        entry = node.obj(name)
        entry.only(frozenset({"kind", "subject", "name_zh", "name_en", "values", "period_unit"}))
        kind = entry.one_of("kind", tuple(sorted(FEED_KINDS)))
        values = entry.texts("values", default=())
        if kind in {"grade", "ballot", "incident"} and not values:
            entry.fail("values", f"a {kind} feed must list its vocabulary")
        feeds[name] = Feed(
            name=name,
            kind=kind,
            subject=entry.one_of("subject", tuple(sorted(SUBJECT_KINDS))),
            name_zh=entry.text("name_zh"),
            name_en=entry.text("name_en"),
            values=values,
            period_unit=entry.one_of("period_unit", tuple(sorted(PERIOD_UNITS))),
        )
    return MappingProxyType(feeds)


def _read_citation(node: Node, prefix: str) -> str:
    """The item's citation, which must be its article in the shared form (`IM 6(14)`)."""
    wanted = article_citation(prefix, node.text("article"))
    if node.text("citation") != wanted:
        node.fail("citation", f"must be {wanted!r}, the article in the shared citation form")
    return wanted


def _read_common(node: Node, pack_id: str) -> tuple[str, tuple[str, ...]]:
    code = node.text("code")
    if not code.startswith(f"{pack_id}/"):
        node.fail("code", f"must start with {pack_id}/")
    applies_to = node.texts("applies_to")
    if not applies_to or not all(_NAME.fullmatch(role) for role in applies_to):
        node.fail("applies_to", "must list at least one snake_case role")
    return code, applies_to


def _read_item(node: Node, pack_id: str, prefix: str, feeds: Mapping[str, Feed]) -> Circumstance:
    node.only(_ITEM_KEYS)
    equivalents = node.texts("equivalent_to", default=())
    for other in equivalents:
        if not _CODE.fullmatch(other) or other.startswith(f"{pack_id}/"):
            node.fail("equivalent_to", f"{other!r} is not an item code of another pack")
    code, applies_to = _read_common(node, pack_id)
    kind = node.one_of("kind", tuple(sorted(KINDS)))
    # Quantitative means "the system evaluates it from feeds", so it must have a trigger, and a
    # qualitative item (reported by a person) must not pretend to have one.
    if (kind == "quantitative") != node.has("trigger"):
        node.fail("trigger", "a quantitative item needs a trigger; a qualitative one has none")
    trigger = (
        read_trigger(node.obj("trigger"), feeds, applies_to, applies_to)
        if node.has("trigger")
        else None
    )
    return Circumstance(
        code=code,
        article=node.text("article"),
        summary_zh=node.text("summary_zh"),
        name_en=node.text("name_en"),
        kind=kind,
        nature=node.one_of("nature", tuple(sorted(NATURES))),
        applies_to=applies_to,
        trigger=trigger,
        note=node.text("note", default=""),
        citation=_read_citation(node, prefix),
        equivalent_to=equivalents,
    )


def _read_incentive(node: Node, pack_id: str, prefix: str, feeds: Mapping[str, Feed]) -> Incentive:
    node.only(_ITEM_KEYS - {"kind", "nature", "equivalent_to"})
    code, applies_to = _read_common(node, pack_id)
    return Incentive(
        code=code,
        article=node.text("article"),
        summary_zh=node.text("summary_zh"),
        name_en=node.text("name_en"),
        applies_to=applies_to,
        trigger=read_trigger(node.obj("trigger"), feeds, applies_to, applies_to),
        note=node.text("note", default=""),
        citation=_read_citation(node, prefix),
    )
