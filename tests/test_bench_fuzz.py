"""``bench/fuzz.py``'s own checks: what it counts as a contract violation, a crash or a lost document.

The fuzzer is only as good as these: each test gives it a bad result it must catch
and a good one it must pass. Its generators must be deterministic for a seed, so that
a reported input can be made again.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

FUZZ_PATH = Path(__file__).resolve().parent.parent / "bench" / "fuzz.py"


@pytest.fixture(scope="module")
def fuzz() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_fuzz", FUZZ_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_fuzz"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


TEXT = "Floods killed 27 people, officials said."


def line(claims: list[dict[str, object]], doc: str = "a.txt") -> str:
    return json.dumps({"doc": doc, "claims": claims}, ensure_ascii=False)


def test_a_good_output_line_passes(fuzz: ModuleType) -> None:
    good = line([{"span": [14, 23], "text": "27 people", "value": {"low": 27, "high": 27}}])
    assert fuzz.check_output_line(good, {"a.txt": [TEXT]}) == ("a.txt", [])


@pytest.mark.parametrize(
    ("output", "problem"),
    [
        (line([{"span": [13, 22], "text": "27 people", "value": {"low": 27, "high": 27}}]), "span [13, 22]"),
        (
            line([{"span": [14, 23], "text": "27 people", "value": {"low": 30, "high": 27}}]),
            "low 30 > high 27",
        ),
        ('{"doc": "a.txt", "claims": [{"value": {"low": Infinity}}]}', "invalid JSON"),
        ('{"doc": "a.txt", "claims": [{"value": {"low": NaN}}]}', "invalid JSON"),
        ('{"doc": "a.txt", "title": "A\u2028B", "claims": []}', "raw U+2028"),
        ('{"doc": "a.txt", "claims": [', "invalid JSON"),
    ],
)
def test_a_broken_output_line_is_a_contract_violation(fuzz: ModuleType, output: str, problem: str) -> None:
    _, violations = fuzz.check_output_line(output, {"a.txt": [TEXT]})
    assert any(problem in v for v in violations), violations


def test_a_logged_traceback_is_contained_and_a_bare_one_aborts(fuzz: ModuleType) -> None:
    stderr = (
        "ERROR claimtrail.pipeline: extracting a.txt failed\n"
        "Traceback (most recent call last):\n"
        '  File "/x/src/claimtrail/claims/extract.py", line 9, in find\n'
        "    boom()\n"
        "ValueError: bad\n"
        "claimtrail: a.txt: internal error while extracting: ValueError('bad')\n"
        "Traceback (most recent call last):\n"
        '  File "/x/src/claimtrail/nlp/__init__.py", line 75, in annotate\n'
        "    text.encode()\n"
        "UnicodeEncodeError: 'utf-8' codec can't encode\n"
        "\nDuring handling of the above exception, another exception occurred:\n\n"
        "Traceback (most recent call last):\n"
        '  File "/x/src/claimtrail/cli/__init__.py", line 70, in main\n'
        "    run()\n"
        "RuntimeError: again\n"
    )
    found = fuzz.tracebacks(stderr)
    assert [contained for _, contained in found] == [True, False]
    assert fuzz.crash_key(found[0][0]) == "ValueError|claims/extract.py:9 find|bad"
    assert fuzz.crash_key(found[1][0]).startswith("RuntimeError|cli/__init__.py:70 main")


def test_a_document_is_lost_unless_a_failure_line_names_it(fuzz: ModuleType) -> None:
    lines = ["claimtrail: /b/in/x.jsonl line 3: invalid JSON", "claimtrail: /b/in/y.txt: empty"]
    assert fuzz.named_in(lines, "/b/in/x.jsonl:3", "/b/in/x.jsonl line 3")
    assert fuzz.named_in(lines, "/b/in/y.txt", None)
    assert not fuzz.named_in(lines, "/b/in/x.jsonl:30", "/b/in/x.jsonl line 30")
    assert not fuzz.named_in(lines, "/b/in/z.txt", None)


def test_the_inputs_are_the_same_for_a_seed_and_cover_every_family(fuzz: ModuleType) -> None:
    count = len(fuzz.FAMILIES) + 5
    first = [(c.family, c.files) for c in fuzz.generate(count, seed=3)]
    again = [(c.family, c.files) for c in fuzz.generate(count, seed=3)]
    assert first == again
    expected = set(fuzz.FAMILIES) if fuzz.warc_available() else set(fuzz.FAMILIES) - {"warc"}
    assert {family for family, _ in first} == expected


def test_output_lines_split_on_newlines_only(fuzz: ModuleType, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"doc": "a\u2028b", "claims": []}\n{"doc": "c\u0085", "claims": []}\n', "utf-8")
    lines = fuzz.jsonl_lines(out)
    assert len(lines) == 2
    assert [v for line in lines for v in fuzz.check_output_line(line, {})[1]] == [
        "raw U+2028 in an output line",
        "raw U+0085 in an output line",
    ]


def test_problems_are_counted_by_kind(fuzz: ModuleType) -> None:
    assert fuzz.violation_kind("extract: r0: raw U+2028 in an output line") == "raw U+2028 in an output line"
    assert fuzz.violation_kind("extract: a.txt: low 5 > high 3 for '5 to 3'") == "low # > high # for #"


def test_a_document_name_in_two_files_is_checked_against_both_texts(fuzz: ModuleType) -> None:
    expected = [
        fuzz.Expected("a.jsonl", "r0", "a.jsonl:1", "Police said 12 people died."),
        fuzz.Expected("b.jsonl", "r0", "b.jsonl:1", TEXT),
    ]
    texts = fuzz.texts_by_doc(expected)
    good = line([{"span": [14, 23], "text": "27 people", "value": {"low": 27, "high": 27}}], doc="r0")
    assert fuzz.check_output_line(good, texts) == ("r0", [])
