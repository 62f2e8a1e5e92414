"""The people and systems the scenario acts as, each holding only the role SPEC §8 gives them.

The demo and the end-to-end tests sign every request as the principal who would really make it,
so the services' access rules are exercised as they are in use, not bypassed.
"""

from __future__ import annotations

from shared.access.principal import Principal
from shared.contract import events as contract

MANAGING_UNIT = "org:baotou-municipal"  # the municipal committee managing the scenario's cadres
SUPERVISING_UNIT = "org:inner-mongolia-region"  # the upper level above it
SUPERVISION_PURPOSE = "年度干部监督检查"  # a supervisor's stated reason (X-Cadre-Reason)


def case_officer(unit: str = MANAGING_UNIT) -> Principal:
    return Principal(subject="li.min", role="case_officer", unit=unit, name="李敏")


def committee_secretary(unit: str = MANAGING_UNIT) -> Principal:
    return Principal(subject="zhang.hua", role="committee_secretary", unit=unit, name="张华")


def administrator(unit: str = MANAGING_UNIT) -> Principal:
    return Principal(subject="ops.admin", role="administrator", unit=unit, name="系统管理员")


def supervisor(unit: str = SUPERVISING_UNIT) -> Principal:
    return Principal(subject="zhao.qiang", role="supervisor", unit=unit, name="赵强")


def cadre_self(cadre: contract.CadreRef) -> Principal:
    """The cadre concerned: their token names their own cadre id."""
    return Principal(subject=cadre.cadre_id, role="cadre", unit=cadre.unit_id, name=cadre.name)
