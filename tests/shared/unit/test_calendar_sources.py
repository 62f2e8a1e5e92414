"""Operator calendar files: a year beyond the package is added by data, validated at load."""

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

import shared.calendar
from shared.calendar.sources import CalendarDataError, load_calendar
from shared.calendar.working_days import CalendarNotCoveredError

EXAMPLE = Path(shared.calendar.__file__).parent / "examples" / "2027.example.json"


def _write(directory: Path, name: str, content: object) -> Path:
    path = directory / name
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return path


def _valid_2027(**changes: object) -> dict[str, object]:
    content: dict[str, object] = {
        "year": 2027,
        "holidays": ["2027-01-01"],
        "workdays": ["2027-01-02"],
        "source": "test data",
    }
    content.update(changes)
    return content


def test_2027_without_an_operator_file_raises_and_says_how_to_add_it(tmp_path: Path) -> None:
    with pytest.raises(CalendarNotCoveredError, match="2027") as caught:
        load_calendar(tmp_path).is_working_day(date(2027, 3, 1))
    # Chinese and English, naming the missing year and what an operator can actually do.
    assert "尚无 2027 年的官方工作日安排" in caught.value.message_zh
    assert "No official working-day calendar for 2027" in caught.value.message_en
    assert "cadre calendar upload" in caught.value.message_en
    assert "POST /reference/calendars" in caught.value.message_zh


def test_the_shipped_example_loads_from_an_operator_directory(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "2027.json")
    calendar = load_calendar(tmp_path)

    assert calendar.covered_years == tuple(range(2004, 2028))
    assert calendar.schedule_for(2027).source.startswith("EXAMPLE ONLY")
    assert calendar.is_working_day(date(2027, 1, 31))  # a Sunday the example makes working
    assert not calendar.is_working_day(date(2027, 2, 8))  # a Monday the example makes a holiday
    # Counting now crosses from the package's 2026 into the operator's 2027.
    assert calendar.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)


def test_the_example_is_not_loaded_by_default() -> None:
    with pytest.raises(CalendarNotCoveredError):
        load_calendar().is_working_day(date(2027, 1, 4))


def test_an_operator_file_overrides_the_package_for_its_year(tmp_path: Path) -> None:
    _write(tmp_path, "2025.json", {
        "year": 2025, "holidays": [], "workdays": [], "source": "operator correction",
    })  # fmt: skip
    calendar = load_calendar(tmp_path)
    assert calendar.is_working_day(date(2025, 1, 28))
    assert not calendar.is_working_day(date(2025, 1, 26))
    assert calendar.schedule_for(2025).source == "operator correction"
    assert not calendar.is_working_day(date(2026, 2, 16))  # other years still from the package


def test_files_other_than_json_are_ignored(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("notes", encoding="utf-8")
    assert load_calendar(tmp_path).covered_years == tuple(range(2004, 2027))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (["2027-01-01"], "must be a JSON object"),
        (_valid_2027(holiday=["2027-01-01"]), "unknown field 'holiday'"),
        ({"year": 2027, "holidays": [], "source": "x"}, "missing field 'workdays'"),
        (_valid_2027(year="2027"), "year: must be an integer"),
        (_valid_2027(year=True), "year: must be an integer"),
        (_valid_2027(holidays="2027-01-01"), "holidays: must be a list"),
        (_valid_2027(holidays=["2027/01/01"]), "holidays: '2027/01/01' is not a YYYY-MM-DD"),
        (_valid_2027(holidays=["20270101"]), "holidays: '20270101' is not a YYYY-MM-DD"),
        (_valid_2027(holidays=[20270101]), "holidays: 20270101 is not a YYYY-MM-DD"),
        (_valid_2027(holidays=["2027-02-30"]), "holidays: '2027-02-30' is not a real date"),
        (
            _valid_2027(holidays=["2027-01-01", "2027-01-01"]),
            "holidays: 2027-01-01 is listed twice",
        ),
        (_valid_2027(holidays=["2026-12-31"]), "holidays: 2026-12-31 is not in 2027"),
        (_valid_2027(workdays=["2027-01-04"]), "workdays: 2027-01-04 is a weekday"),
        (_valid_2027(holidays=["2027-01-02"]), "both list 2027-01-02"),
        (_valid_2027(source=""), "source: must name"),
        (_valid_2027(source=None), "source: must be a string"),
    ],
)
def test_invalid_files_are_refused_naming_file_and_field(
    tmp_path: Path, content: object, message: str
) -> None:
    path = _write(tmp_path, "2027.json", content)
    with pytest.raises(CalendarDataError) as caught:
        load_calendar(tmp_path)
    assert str(path) in str(caught.value)
    assert message in str(caught.value)


def test_malformed_json_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "2027.json"
    path.write_text('{"year": 2027,', encoding="utf-8")
    with pytest.raises(CalendarDataError, match="cannot read JSON") as caught:
        load_calendar(tmp_path)
    assert str(path) in str(caught.value)


def test_two_files_for_one_year_are_refused(tmp_path: Path) -> None:
    _write(tmp_path, "2027-a.json", _valid_2027())
    _write(tmp_path, "2027-b.json", _valid_2027())
    with pytest.raises(CalendarDataError, match="year 2027 is also given by .*2027-a.json"):
        load_calendar(tmp_path)


def test_a_missing_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CalendarDataError, match="does not exist"):
        load_calendar(tmp_path / "absent")
