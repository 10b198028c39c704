"""tests/conftest.py's ``missing_system_program``: skip by default, fail under CLAIMTRAIL_REQUIRE_SYSTEM=1."""

from __future__ import annotations

from collections.abc import Callable
from typing import NoReturn

import pytest

Missing = Callable[[str, str, Callable[[str], None]], NoReturn]
ENV = "CLAIMTRAIL_REQUIRE_SYSTEM"


@pytest.mark.parametrize("value", [None, "", "0"])
def test_a_missing_program_skips_with_the_package_to_install(
    value: str | None, missing_system_program: Missing, monkeypatch: pytest.MonkeyPatch
) -> None:
    if value is None:
        monkeypatch.delenv(ENV, raising=False)
    else:
        monkeypatch.setenv(ENV, value)
    summary: list[str] = []
    with pytest.raises(pytest.skip.Exception) as skipped:
        missing_system_program("Chromium", "chromium", summary.append)
    assert str(skipped.value) == "Chromium is not installed: apt-get install chromium"
    assert summary == ["skipped the tests that need it: Chromium is not installed: apt-get install chromium"]


def test_a_missing_program_fails_when_the_variable_requires_it(
    missing_system_program: Missing, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, "1")
    summary: list[str] = []
    with pytest.raises(pytest.fail.Exception) as failed:
        missing_system_program("PostgreSQL's server", "postgresql", summary.append)
    assert summary == []  # the failure says it; nothing claims a skip
    message = str(failed.value)
    assert "PostgreSQL's server is not installed: apt-get install postgresql" in message
    assert f"{ENV}=1" in message


def test_a_value_of_the_variable_it_does_not_know_fails_naming_the_valid_ones(
    missing_system_program: Missing, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, "yes")
    with pytest.raises(pytest.fail.Exception) as failed:
        missing_system_program("Chromium", "chromium", [].append)
    assert f"{ENV}='yes' is not understood" in str(failed.value)
    assert "'1'" in str(failed.value)
