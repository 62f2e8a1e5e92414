"""IM 25: placements within quota, over it only with both approvals, absorbed oldest first."""

from __future__ import annotations

from datetime import date

import pytest

from services.adjustment.domain.errors import PlacementStateError, QuotaExceededError
from services.adjustment.domain.quota import PostQuota

ON = date(2026, 3, 31)
# The pack's usual absorption period (IM 25: one year) ends here; the application computes it.
USUAL = date(2027, 3, 31)
APPROVALS = {"org_dept_approval": "组干〔2026〕5号", "staffing_approval": "编办〔2026〕9号",
             "usual_absorb_by": USUAL}


def ledger(quota: int = 1, occupied: int = 1) -> PostQuota:
    return PostQuota(unit_id="u", rank="r", quota=quota, occupied=occupied, set_by="编办", set_on=ON)


def test_a_free_post_is_taken_without_approval() -> None:
    quota = ledger(quota=2)
    quota.place(case_id="c1", cadre_id="k1", placed_on=ON)
    assert quota.occupied == 2 and quota.over_quota == {}


@pytest.mark.parametrize("approvals", [
    {}, {"org_dept_approval": "组干〔2026〕5号"}, {"staffing_approval": "编办〔2026〕9号"},
])
def test_over_quota_without_both_approvals_is_refused(approvals: dict[str, str]) -> None:
    quota = ledger()
    with pytest.raises(QuotaExceededError, match="IM 25"):
        quota.place(case_id="c1", cadre_id="k1", placed_on=ON, usual_absorb_by=USUAL, **approvals)
    assert quota.occupied == 1 and not quota.pending_events[1:]


def test_over_quota_with_approvals_gets_the_usual_deadline_by_default() -> None:
    quota = ledger()
    quota.place(case_id="c1", cadre_id="k1", placed_on=ON, **APPROVALS)
    assert quota.over_quota["c1"]["absorb_by"] == date(2027, 3, 31)
    quota.place(case_id="c2", cadre_id="k2", placed_on=ON, absorb_by=date(2026, 9, 30), **APPROVALS)
    assert quota.over_quota["c2"]["absorb_by"] == date(2026, 9, 30)
    with pytest.raises(QuotaExceededError):
        quota.place(case_id="c3", cadre_id="k3", placed_on=ON, absorb_by=ON, **APPROVALS)


def test_vacancies_and_a_larger_quota_absorb_the_oldest_excess_first() -> None:
    quota = ledger()
    for case_id in ("c2", "c1", "c3"):
        quota.place(case_id=case_id, cadre_id=case_id, placed_on=ON, **APPROVALS)
    quota.release(date(2026, 5, 1), "编办", "退休")
    assert quota.unabsorbed == ["c1", "c3"]
    quota.set_quota(2, "编办", date(2026, 6, 1))  # 3 filled, 2 approved: one still over
    assert quota.unabsorbed == ["c3"] and quota.over_quota["c1"]["absorbed_on"] == date(2026, 6, 1)


def test_a_missed_absorption_is_flagged_once_and_only_after_its_last_day() -> None:
    quota = ledger()
    quota.place(case_id="c1", cadre_id="k1", placed_on=ON, **APPROVALS)
    with pytest.raises(PlacementStateError):
        quota.flag_absorption_overdue("c1", date(2027, 3, 31))
    quota.flag_absorption_overdue("c1", date(2027, 4, 1))
    with pytest.raises(PlacementStateError):
        quota.flag_absorption_overdue("c1", date(2027, 4, 2))
