"""The claims stage's language pack: English lives in ``claims/lang/en``, not in the code.

The claims modules name no English word and no parser label: the first test reads
their source and fails on a string literal that is a lowercase word (or words) or a
label of the English parser, outside the short list of names that are no language
(the contract's measure and qualifier names, the stage's own role and table names).
The others load packs: the bundled one, an unknown code, and a copy under a new code.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

from claimtrail.claims.lang import (
    UnknownLanguageError,
    active,
    available_languages,
    has_role,
    load_language,
    speaking,
)
from claimtrail.claims.quantities import find_quantities
from claimtrail.claims.timex import find_time_mentions, load_time_grammar

CLAIMS = Path(__file__).resolve().parents[2] / "src" / "claimtrail" / "claims"
PACK = CLAIMS / "lang" / "en"

# Lowercase words (possibly several, hyphens, dots, apostrophes): language if in the code.
_WORDS = re.compile(r"[a-z][a-z'’.-]*(?: [a-z][a-z'’.-]*)*")

# Names in the code that are not English but the contract's or the stage's own vocabulary.
ALLOWED = frozenset(
    {
        # The contract's measures and qualifiers (shared/spec/claims.md).
        "deployed",
        "supplied",
        "killed",
        "wounded",
        "casualties",
        "captured",
        "missing",
        "displaced",
        "territory",
        "other",
        "exact",
        "approx",
        "nearly",
        "more_than",
        "at_least",
        "up_to",
        "at_most",
        # The kinds of counted nouns (measure.Counted.kind) and of frames (attribution.Frame.kind).
        "personnel",
        "materiel",
        "area",
        "money",
        "verb",
        "cue",
        "noun",
        # Why filters.rejects drops a figure: messages for people reading the code, not matched text.
        "zero",
        "phone number or code",
        "time, date or ordinal",
        "adjectival compound",
        "ratio",
        "unit",
        "ordinal label",
        "label",
        "date",
        "age",
        "model name",
        "postal code",
        # The alias file format users write (docs/settings.md: claims.alias_files).
        "org",
        "name",
        "country",
        "patterns",
        "countries",
        # Encodings, and the code of the pack read by default (lexicon.DEFAULT_LANGUAGE).
        "utf-8",
        "en",
    }
)


def _table_names(data: dict[str, Any]) -> set[str]:
    """Every table and key name of a parsed toml, nested."""
    names: set[str] = set()
    for key, value in data.items():
        names.add(key)
        if isinstance(value, dict):
            names |= _table_names(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    names |= _table_names(item)
    return names


def _pack_vocabulary() -> tuple[set[str], set[str]]:
    """The pack's role and table names (allowed in code) and its parser labels (not allowed)."""
    names: set[str] = set()
    for path in PACK.glob("*.toml"):
        if path.name in ("aliases.toml", "places.toml"):
            continue  # their keys are organisation and country names, not the stage's own
        names |= _table_names(tomllib.loads(path.read_text("utf-8")))
    parser = tomllib.loads((PACK / "parser.toml").read_text("utf-8"))
    labels = {label for table in parser.values() for values in table.values() for label in values}
    return names, labels


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _regex_group_names(tree: ast.AST) -> set[str]:
    """Names of regular-expression groups (``(?P<name>...)``), which code reads back by name."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            names |= set(re.findall(r"\(\?P<(\w+)>", node.value))
    return names


def english_in(path: Path) -> list[str]:
    """The string literals of ``path`` that are English words or parser labels used as data."""
    names, labels = _pack_vocabulary()
    tree = ast.parse(path.read_text("utf-8"))
    skip = _docstrings(tree)
    allowed = ALLOWED | names | _regex_group_names(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str) or id(node) in skip:
            continue
        text = node.value
        if text in labels:
            found.append(f"{path.name}:{node.lineno}: parser label {text!r}")
        elif _WORDS.fullmatch(text) and text not in allowed and not text.endswith(".toml"):
            found.append(f"{path.name}:{node.lineno}: word {text!r}")
    return found


# The modules whose English is not yet in the pack: none (timex.py's grammar reads timex.toml).
NOT_YET_IN_PACK: frozenset[str] = frozenset()


@pytest.mark.parametrize(
    "module", sorted(p.name for p in CLAIMS.glob("*.py") if p.name not in NOT_YET_IN_PACK)
)
def test_no_english_in_claims_code(module: str) -> None:
    found = english_in(CLAIMS / module)
    assert not found, "English in the code; move it to claims/lang/en:\n" + "\n".join(found)


def test_the_scan_finds_words_and_labels(tmp_path: Path) -> None:
    """The scan itself: a word list and a label test are found, a docstring and a measure are not."""
    module = tmp_path / "sample.py"
    module.write_text(
        '"""A docstring says "the troops"."""\n'
        'BLOCKING = frozenset({"for", "from"})\n'
        'def f(t):\n    return t.dep_ == "nsubj" and t.measure == "killed"\n',
        "utf-8",
    )
    found = english_in(module)
    assert any("'for'" in f for f in found) and any("'from'" in f for f in found)
    assert any("parser label 'nsubj'" in f for f in found)
    assert not any("killed" in f or "troops" in f for f in found)


def test_english_pack_loads() -> None:
    english = load_language("en")
    assert english is load_language("en")  # read once
    assert "say" in english.lexicon.reporting
    assert "minister" in english.roles.titles and "mr" in english.roles.role_titles
    assert english.parser.labels(("subject", "passive_subject")) == {"nsubj", "nsubjpass"}
    assert english.parser.labels(("person",), "entities") == {"PERSON"}
    assert "for" in english.words.blocking_prepositions
    assert "en" in available_languages()
    assert active().code == "en"  # the default outside any article


def test_unknown_language_names_the_packs_there_are() -> None:
    with pytest.raises(UnknownLanguageError, match=r"'xx'.*packs there are: .*\ben\b"):
        load_language("xx")
    with pytest.raises(UnknownLanguageError):
        load_language("../en")


def test_unknown_role_is_an_error() -> None:
    with pytest.raises(KeyError, match="no dependencies role"):
        load_language("en").parser.labels(("subjekt",))


def test_a_copied_pack_loads_under_its_new_code(tmp_path: Path) -> None:
    """A new language is a new folder: a copy of the English pack, with its parser's labels."""
    shutil.copytree(PACK, tmp_path / "xx")
    parser = tmp_path / "xx" / "parser.toml"
    parser.write_text(parser.read_text("utf-8").replace('subject = ["nsubj"]', 'subject = ["sbj"]'), "utf-8")
    root = str(tmp_path)
    assert available_languages(root) == ["xx"]
    copy = load_language("xx", root)
    assert copy.code == "xx"
    assert copy.lexicon == load_language("en").lexicon
    assert copy.parser.labels(("subject",)) == {"sbj"}

    class Token:
        dep_ = "sbj"

    with speaking(copy):
        assert active() is copy and has_role(Token(), "subject")
    assert active().code == "en" and not has_role(Token(), "subject")
    with pytest.raises(UnknownLanguageError, match="packs there are: xx"):
        load_language("en", root)


def _copy_with(tmp_path: Path, table: str, old: str, new: str) -> str:
    """A copy of the English pack as ``xx`` under ``tmp_path`` with one word of ``table`` changed."""
    shutil.copytree(PACK, tmp_path / "xx")
    path = tmp_path / "xx" / table
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    return str(tmp_path)


def test_a_copied_pack_with_a_changed_month_name_reads_its_dates(tmp_path: Path) -> None:
    """The time rules are compiled per pack: a copy that renames October reads "Oktober", English does not."""
    copy = load_language("xx", _copy_with(tmp_path, "timex.toml", '"October"', '"Oktober"'))
    anchor = dt.date(2025, 6, 26)
    text = "sent in Oktober last year and 3 Oktober 2023"

    def periods(mentions: list[Any]) -> list[tuple[dt.date, dt.date]]:
        return [(m.period.start, m.period.end) for m in mentions if m.period is not None]

    october_2024 = (dt.date(2024, 10, 1), dt.date(2024, 10, 31))
    october_3 = (dt.date(2023, 10, 3), dt.date(2023, 10, 3))
    assert periods(find_time_mentions(text, anchor, copy)) == [october_2024, october_3]
    with speaking(copy):  # the active pack, as find_claims sets it
        assert periods(find_time_mentions(text, anchor)) == [october_2024, october_3]
        assert [m.text for m in find_time_mentions("in October last year", anchor)] == ["last year"]
    # English again outside the block: "last year" alone, and "3 ... 2023" no day
    assert [m.text for m in find_time_mentions(text, anchor)] == ["last year", "2023"]
    assert [m.text for m in find_time_mentions("in October last year", anchor)] == ["in October last year"]
    assert load_time_grammar(copy) is load_time_grammar(copy)  # compiled once per pack
    assert load_time_grammar(copy) is not load_time_grammar(load_language("en"))


def test_a_copied_pack_with_a_changed_time_word_resolves_by_it(tmp_path: Path) -> None:
    """Relative words come from the pack too: "yesterday" renamed reads as the day before."""
    copy = load_language("xx", _copy_with(tmp_path, "timex.toml", '["yesterday"]', '["gestern"]'))
    anchor = dt.date(2025, 6, 26)
    (mention,) = find_time_mentions("said gestern", anchor, copy)
    assert mention.period is not None and mention.period.start == dt.date(2025, 6, 25)
    assert find_time_mentions("said yesterday", anchor, copy) == []


def test_a_copied_pack_reads_its_own_number_words(tmp_path: Path) -> None:
    """quantities.toml is compiled per pack as well, from the pack's own folder."""
    copy = load_language("xx", _copy_with(tmp_path, "quantities.toml", "twelve = 12", "zwoelf = 12"))
    assert [q.value.low for q in find_quantities("zwoelf soldiers", copy)] == [12]
    assert find_quantities("zwoelf soldiers") == []


def test_a_time_table_the_rules_cannot_read_is_named(tmp_path: Path) -> None:
    copy = load_language(
        "xx", _copy_with(tmp_path, "timex.toml", 'words = ["early", "mid", "late"]', 'words = ["soon"]')
    )
    with pytest.raises(ValueError, match=r"timex.toml of 'xx'.*\['soon'\]"):
        load_time_grammar(copy)
