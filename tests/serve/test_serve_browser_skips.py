"""The browser tests on a machine without Chromium, run in a child pytest.

They are skipped with one line naming the package (or fail under
CLAIMTRAIL_REQUIRE_SYSTEM=1), and the run claims no screenshots it did not write.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO_ROOT = Path(__file__).resolve().parents[2]
BROWSER_TESTS = REPO_ROOT / "tests" / "serve" / "test_serve_browser.py"
# The one browser test that needs neither the spaCy model nor the seeds: a child run of it stays short.
ONE_TEST = "test_first_paint_of_a_10000_estimate_timeline"


def run_without_chromium(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, require: str, *selection: str
) -> pytest.RunResult:
    pytest.importorskip("playwright.sync_api")
    empty_bin = pytester.mkdir("bin-without-chromium")
    monkeypatch.setenv("PATH", str(empty_bin))
    monkeypatch.delenv("CLAIMTRAIL_CHROMIUM", raising=False)
    monkeypatch.setenv("CLAIMTRAIL_SCREENSHOTS", str(pytester.path / "shots"))
    monkeypatch.setenv("CLAIMTRAIL_REQUIRE_SYSTEM", require)
    return pytester.runpytest_subprocess(
        str(BROWSER_TESTS), *selection, "-p", "no:cacheprovider",
        f"--rootdir={REPO_ROOT}", "-c", str(REPO_ROOT / "pyproject.toml"),
    )  # fmt: skip


def test_without_chromium_the_browser_tests_skip_naming_the_package_and_claim_no_screenshots(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run_without_chromium(pytester, monkeypatch, "")
    skipped = result.parseoutcomes().get("skipped", 0)
    assert skipped > 1 and result.ret == pytest.ExitCode.OK, result.outlines  # every browser test
    expected = "skipped the tests that need it: Chromium (or set CLAIMTRAIL_CHROMIUM) is not installed"
    package_lines = [line for line in result.outlines if "apt-get install chromium" in line]
    assert package_lines == [f"{expected}: apt-get install chromium"], result.outlines
    assert not any("screenshot" in line for line in result.outlines), result.outlines
    assert list((pytester.path / "shots").glob("*.png")) == []


def test_without_chromium_the_browser_tests_fail_when_system_programs_are_required(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run_without_chromium(pytester, monkeypatch, "1", "-k", ONE_TEST)
    result.assert_outcomes(errors=1)
    assert "apt-get install chromium" in result.stdout.str()
    assert not any("screenshot" in line for line in result.outlines), result.outlines
