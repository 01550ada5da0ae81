"""The run's moment: SOURCE_DATE_EPOCH (validated, UTC) or now."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline import dates
from pipeline.errors import PipelineError
from tests.conftest import load, run


def test_source_date_epoch_is_read_in_utc():
    moment = dates.build_moment({"SOURCE_DATE_EPOCH": "1795990000"})  # 22:06 UTC on 29 November
    assert moment == datetime(2026, 11, 29, 22, 6, 40, tzinfo=UTC)


def test_without_source_date_epoch_the_moment_is_now_in_utc():
    before = datetime.now(UTC)
    moment = dates.build_moment({"SOURCE_DATE_EPOCH": ""})
    assert moment.tzinfo is UTC and before <= moment <= datetime.now(UTC)


@pytest.mark.parametrize("value", ["1.5", "-1", " 17", "1e9", "nan", "٣", "17\n", "9" * 20])
def test_a_source_date_epoch_that_is_no_integer_is_refused(value):
    with pytest.raises(PipelineError, match=r"SOURCE_DATE_EPOCH=.* is not a whole number of seconds"):
        dates.build_moment({"SOURCE_DATE_EPOCH": value})


def test_catalog_headers_carry_the_source_date_epoch(project_dir, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert run("extract").exit_code == 0
    assert load(project_dir / "locales/nord.pot").metadata["POT-Creation-Date"] == "2023-11-14 22:13+0000"
    assert load(project_dir / "locales/fr/LC_MESSAGES/nord.po").metadata["PO-Revision-Date"] == "2023-11-14 22:13+0000"


def test_a_bad_source_date_epoch_is_one_line_and_nothing_is_written(project_dir, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = run("extract")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        (
            "Error: SOURCE_DATE_EPOCH='yesterday' is not a whole number of seconds since 1970-01-01 UTC "
            "(e.g. `git log -1 --format=%ct`); set it so, or unset it"
        )
    ]
    assert not (project_dir / "locales/nord.pot").exists()
