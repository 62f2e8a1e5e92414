"""Supervisors read everything beneath them and nothing else (SPEC §8)."""

from __future__ import annotations

import pytest

from services.audit.domain.access import record_units
from shared.access.org_tree import OrgTree, load_org_tree
from tests.audit.case_events import entries_of, whole_case

TREE = OrgTree(parents={"region": "central", "city-a": "region", "city-b": "region", "bureau-a": "city-a"},
               scopes={"team-3": ("city-b",)})


@pytest.mark.parametrize(("reader", "unit", "allowed"), [
    ("central", "bureau-a", True),
    ("region", "bureau-a", True),
    ("city-a", "bureau-a", True),
    ("city-a", "city-a", True),
    ("bureau-a", "city-a", False),   # never upwards
    ("city-b", "bureau-a", False),   # never sideways
    ("team-3", "city-b", True),      # an inspection team reads where it was sent
    ("team-3", "bureau-a", False),
    ("region", "unknown-unit", False),
])
def test_reading_is_allowed_only_beneath_the_reader(reader: str, unit: str, allowed: bool) -> None:
    assert TREE.may_read(reader, [unit]) is allowed


def test_the_units_of_a_record_and_the_bundled_tree() -> None:
    units = record_units(entries_of(whole_case()))
    assert units == {"org:baotou-municipal", "unit:bt-housing-bureau"}
    tree = load_org_tree()
    assert tree.may_read("org:inner-mongolia-region", units)
    assert not tree.may_read("org:hohhot-municipal", units)
    assert tree.may_read("inspection:region-team-3", units)


def test_a_cycle_in_the_tree_does_not_loop() -> None:
    assert not OrgTree(parents={"a": "b", "b": "a"}).may_read("c", ["a"])
