"""The annual filing (IM 32): due by 31 January, every adjustment with the five fields, submission,
acknowledgement and the overdue flag; and the statistics supervisors publish."""

from __future__ import annotations

from datetime import date

import pytest

from services.audit.adapters.filing_html import render_filing
from services.audit.domain.dossier import case_state
from services.audit.domain.errors import FilingStateError
from services.audit.domain.filing import AnnualFiling, filing_due_on
from services.audit.domain.filing_report import FIELDS, filing_report
from services.audit.domain.statistics import adjustment_statistics
from tests.audit.case_events import case_ids, entries_of, whole_case

DEPT = "org:baotou-municipal"


def states() -> list:
    cases = [whole_case(cadre_id=f"c{n}", name=f"{n}", with_appeal=n == 0)
             for n in range(3)]
    cases.append(whole_case(cadre_id="c9", name="9", year=2025,
                            with_appeal=False))
    cases.append(whole_case(cadre_id="c8", name="8", managing_unit="org:other",
                            with_appeal=False))
    return [case_state(c[4].envelope.data["case_id"], c[0].envelope.cadre_id, entries_of(c)) for c in cases]


@pytest.mark.parametrize(("year", "due"), [(2025, date(2026, 1, 31)), (2027, date(2028, 1, 31))])
def test_the_filing_is_due_at_the_end_of_january_of_the_next_year(year: int, due: date) -> None:
    assert filing_due_on(year) == due


def test_the_report_lists_every_adjustment_of_the_department_and_year_with_five_fields() -> None:
    report = filing_report(DEPT, 2026, states())
    assert report["adjustments"] == 3 and [i["case_id"] for i in report["items"]] == sorted(
        case_ids(str(n)).case_id for n in range(3))
    for item in report["items"]:
        assert item["missing_fields"] == []
        assert all(item[f] for f in FIELDS)
    assert report["items"][0]["corrections"][0]["outcome"] == "modified"
    assert len(report["digest"]) == 64


def test_the_printable_page_is_in_chinese_with_the_five_headings() -> None:
    html = render_filing(filing_report(DEPT, 2026, states()), {"state": "open"})
    for heading in ("调整原因", "调整依据", "调整程序", "安排方式", "后续管理", "2026年度"):
        assert heading in html
    assert html.count("<table class='case'>") == 3 and "免职" in html


def test_submission_acknowledgement_and_the_overdue_flag() -> None:
    filing = AnnualFiling(org_dept=DEPT, year=2026)
    assert not filing.flag_if_overdue(date(2027, 1, 31))  # the last day is still in time
    assert filing.flag_if_overdue(date(2027, 2, 1))
    assert not filing.flag_if_overdue(date(2027, 2, 2))  # flagged once
    assert filing.status(date(2027, 2, 2))["state"] == "overdue"
    with pytest.raises(FilingStateError):
        filing.acknowledge("自治区党委组织部", date(2027, 2, 3))
    filing.submit("市委组织部", date(2027, 2, 3), 3, "d" * 64)
    assert filing.submission is not None and filing.submission["late"] is True
    filing.acknowledge("自治区党委组织部", date(2027, 2, 5))
    assert filing.status(date(2027, 2, 5))["state"] == "acknowledged"
    with pytest.raises(FilingStateError):
        filing.submit("市委组织部", date(2027, 2, 6), 3, "d" * 64)


def test_a_filing_in_time_is_not_late_and_cannot_precede_the_year_end() -> None:
    filing = AnnualFiling(org_dept=DEPT, year=2026)
    with pytest.raises(FilingStateError):
        filing.submit("市委组织部", date(2026, 12, 31), 0, "d" * 64)
    filing.submit("市委组织部", date(2027, 1, 31), 0, "d" * 64)
    assert filing.submission is not None and filing.submission["late"] is False


def test_statistics_by_jurisdiction_year_circumstance_channel_and_method() -> None:
    stats = adjustment_statistics(states())
    assert stats["adjusted"] == 5
    assert stats["by"]["jurisdiction"] == {DEPT: 4, "org:other": 1}
    assert stats["by"]["year"] == {"2025": 1, "2026": 4}
    assert stats["by"]["method"] == {"removal": 5}
    assert stats["by"]["circumstance"] == {"IM-2022 art. 6(8)": 5}
    assert stats["by"]["channel"] == {"supervision_results": 5}
    assert stats["appeal_outcomes"] == {"modified": 1}
