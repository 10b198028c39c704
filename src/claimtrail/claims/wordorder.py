"""What a figure counts by word order, for sentences without a parse (or whose parse says nothing).

    >>> read_by_word_order(quantity, "Etwa 600 Soldaten wurden getötet.")
    ByWordOrder(counted='Soldaten', measure='killed', kind='personnel')

A language without a spaCy parser on the registry is only tokenized (nlp: the blank
pipeline), so the parse-based steps of ``measure`` find no counted noun and no measure.
This module reads the pack's ``wordorder.toml`` instead: the counted noun is the words
right after the figure up to a stop word, a measure word or punctuation; the measure is
that of the measure word nearest the figure within its clause (word stems, so that one
entry covers a word's inflections); the hedge is a hedge word of the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .lang import Language, active, read_table
from .quantities import Quantity

# Words of the counted noun after a figure: "600 nordkoreanische Soldaten" is two; a
# third is mostly the next phrase ("4.000 Soldaten Nordkoreas").
MAX_COUNTED_WORDS = 2
# How far from the figure (characters, within its clause) a measure word still tells
# its measure: a clause of a news sentence runs some 80-150 characters.
MEASURE_REACH_CHARS = 120

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# The measures that, joined ("killed or wounded"), make casualties: the stage's own names.
_CASUALTIES = "casualties"
_PAIRED = frozenset({"killed", "wounded"})
# Where a clause ends, for the measure's search: punctuation that closes a phrase.
_CLAUSE_END = re.compile(r"[;:()«»\"“”]|,\s|\s[–—-]\s")
# A figure labelled by the word before a dash ("полонені — 711 осіб"), read up to the figure.
_LABEL_DASH = re.compile(r"([^\W\d_][\w'’-]*)\s[–—-]\s*$")


@dataclass(frozen=True)
class ByWordOrder:
    counted: str | None
    measure: str
    kind: str


@dataclass(frozen=True)
class _Tables:
    measures: tuple[tuple[str, str], ...]  # (stem, measure), longest stem first
    personnel: tuple[str, ...]
    materiel: tuple[str, ...]
    stop_words: frozenset[str]
    hedges: tuple[str, ...]
    either: frozenset[str]  # "tués ou blessés": the words that join killed and wounded into casualties
    # Modal verbs that hedge a figure after them in their clause ("можуть привезти ще 30-40
    # тисяч"), not one before them ("10 тисяч контейнерів, які могли містити зброю").
    modals: frozenset[str]
    # Words that join two clauses ("погибли и еще тысячи получили ранения"): a figure after
    # one, with no measure word between, takes its measure from its own clause.
    breaks: frozenset[str]
    # Verbs of crossing a threshold right before a figure ("втрати перевищили 3 тисячі"):
    # the figure is a lower bound.
    crossing: tuple[str, ...]
    # A measure read otherwise for materiel ("отправили 10 тысяч контейнеров" is supplied).
    materiel_measures: dict[str, str]


def has_tables(language: Language | None = None) -> bool:
    """Whether the pack reads figures by word order (it has a ``wordorder.toml``)."""
    pack = language if language is not None else active()
    return _tables(pack.code, pack.root) is not None


@lru_cache(maxsize=8)
def _tables(code: str, root: str | None) -> _Tables | None:
    try:
        data: dict[str, Any] = read_table(code, "wordorder.toml", root)
    except FileNotFoundError:
        return None
    measures = [(stem.lower(), m) for m, stems in data["measure_words"].items() for stem in stems]
    return _Tables(
        measures=tuple(sorted(measures, key=lambda p: len(p[0]), reverse=True)),
        personnel=tuple(s.lower() for s in data["nouns"]["personnel"]),
        materiel=tuple(s.lower() for s in data["nouns"]["materiel"]),
        stop_words=frozenset(w.lower() for w in data["stop_words"]["words"]),
        hedges=tuple(h.lower() for h in data["hedges"]["words"]),
        either=frozenset(w.lower() for w in data.get("casualties", {}).get("words", [])),
        modals=frozenset(w.lower() for w in data["hedges"].get("modal_words", [])),
        breaks=frozenset(w.lower() for w in data.get("clause_breaks", {}).get("words", [])),
        materiel_measures=dict(data.get("materiel_measures", {})),
        crossing=tuple(s.lower() for s in data.get("thresholds", {}).get("crossing", [])),
    )


def _measure_of(word: str, t: _Tables) -> str | None:
    low = word.lower()
    return next((m for stem, m in t.measures if low.startswith(stem)), None)


def _kind(word: str, t: _Tables) -> str:
    low = word.lower()
    if low.startswith(t.personnel):
        return "personnel"
    if low.startswith(t.materiel):
        return "materiel"
    return "other"


def read_by_word_order(q: Quantity, sentence: str, language: Language | None = None) -> ByWordOrder | None:
    """The counted noun, measure and kind of the figure ``q`` of ``sentence``; None without tables."""
    pack = language if language is not None else active()
    t = _tables(pack.code, pack.root)
    if t is None:
        return None
    counted: list[str] = []
    kind, counted_end = "other", q.end
    following = list(_WORD.finditer(sentence, q.end))
    for i, m in enumerate(following):
        gap = sentence[counted_end : m.start()]
        word = m.group()
        abbreviated = not counted and gap.strip() == "." and q.text[-1:].isalpha()  # "10 тис. контейнерів"
        if gap.strip() and not abbreviated:
            break
        if len(counted) == MAX_COUNTED_WORDS:
            # the noun after two adjectives still tells the kind ("256 бойових броньованих машин")
            kind = _kind(word, t) if kind == "other" else kind
            break
        noun_kind = _kind(word, t)
        low = word.lower()
        # "2000 раненых солдат": a measure word before a noun of people is its adjective
        adjective = i + 1 < len(following) and _kind(following[i + 1].group(), t) == "personnel"
        if (
            low in t.stop_words
            or low in t.hedges
            or (noun_kind == "other" and _measure_of(word, t) and not adjective)
        ):
            break
        counted.append(word)
        counted_end = m.end()
        kind = noun_kind if kind == "other" else kind
    measure = _nearest_measure(q, sentence, t) or "other"
    if kind == "materiel":
        measure = t.materiel_measures.get(measure, measure)
    return ByWordOrder(" ".join(counted) or None, measure, kind)


def crosses_by_word_order(q: Quantity, sentence: str, language: Language | None = None) -> bool:
    """Whether the word right before the figure ``q`` is a verb of crossing ("перевищили 3 тисячі")."""
    pack = language if language is not None else active()
    t = _tables(pack.code, pack.root)
    if t is None or not t.crossing:
        return False
    before = list(_WORD.finditer(sentence, 0, q.start))
    return (
        bool(before)
        and not sentence[before[-1].end() : q.start].strip()
        and before[-1].group().lower().startswith(t.crossing)
    )


def kind_of(counted: str | None, language: Language | None = None) -> str:
    """The kind of thing a counted noun read by word order names ("personnel", "materiel", "other")."""
    pack = language if language is not None else active()
    t = _tables(pack.code, pack.root)
    if t is None or not counted:
        return "other"
    kinds = [_kind(w, t) for w in counted.split()]
    return next((k for k in kinds if k != "other"), "other")


def _nearest_measure(q: Quantity, sentence: str, t: _Tables) -> str | None:
    """The measure of the measure word nearest the figure in its clause (a counted noun such as
    "morts" tells its own measure)."""
    label = _LABEL_DASH.search(sentence, 0, q.start)
    if label and _measure_of(label.group(1), t):
        return _measure_of(label.group(1), t)  # "санітарні — 10 446 осіб": the word before the dash
    ends = [m.start() for m in _CLAUSE_END.finditer(sentence)]
    start = max([e for e in ends if e < q.start], default=-1) + 1
    end = min([e for e in ends if e >= q.end], default=len(sentence))
    start, end = max(start, q.start - MEASURE_REACH_CHARS), min(end, q.end + MEASURE_REACH_CHARS)
    for m in reversed(list(_WORD.finditer(sentence, start, q.start))):
        if _measure_of(m.group(), t):
            break  # a measure word between the join and the figure: "убито и ранено 3800"
        if m.group().lower() in t.breaks:
            start = m.end()  # "погибли и еще тысячи получили ранения"
            break
    found: list[tuple[int, str]] = []
    words = [m for m in _WORD.finditer(sentence, start, end) if not q.start <= m.start() < q.end]
    for i, m in enumerate(words):
        measure = _measure_of(m.group(), t)
        if measure:
            distance = q.start - m.end() if m.end() <= q.start else m.start() - q.end
            found.append((distance, _CASUALTIES if _either_pair(words, i, measure, t) else measure))
    return min(found)[1] if found else None


def _either_pair(words: list[re.Match[str]], i: int, measure: str, t: _Tables) -> bool:
    """Whether the measure word ``words[i]`` and the word two before or after it are killed and
    wounded joined by an "either" word ("tués ou blessés", "убито або поранено")."""
    if measure not in _PAIRED:
        return False
    for joint, other in ((i + 1, i + 2), (i - 1, i - 2)):
        joined = 0 <= other < len(words) and words[joint].group().lower() in t.either
        if joined and {measure, _measure_of(words[other].group(), t)} == _PAIRED:
            return True
    return False


def hedged_by_word_order(sentence: str, language: Language | None = None, figure: int | None = None) -> bool:
    """Whether a hedge word of the pack's ``wordorder.toml`` stands in ``sentence``, or a
    modal verb before the figure starting at ``figure`` in its clause."""
    pack = language if language is not None else active()
    t = _tables(pack.code, pack.root)
    if t is None:
        return False
    low = sentence.lower()
    if any(re.search(rf"(?<!\w){re.escape(h)}", low) for h in t.hedges):
        return True
    if figure is None or not t.modals:
        return False
    ends = [m.end() for m in _CLAUSE_END.finditer(sentence, 0, figure)]
    clause = sentence[max(ends, default=0) : figure]
    return any(m.group().lower() in t.modals for m in _WORD.finditer(clause))
