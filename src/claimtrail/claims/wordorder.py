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
_CLAUSE_END = re.compile(r"[;:()«»\"“”„]|,\s|\s[–—-]\s")
# A name in quotes inside a clause ("mit britischen "Storm Shadow"-Raketen getötet"): up to
# this many words without a clause's punctuation; its quotes end no clause. A longer quoted
# stretch is a quotation.
MAX_QUOTED_NAME_WORDS = 3
_QUOTED_NAME = re.compile(rf"[«„\"“](?:[^\W\d_][\w'’.-]*\s?){{1,{MAX_QUOTED_NAME_WORDS}}}[»\"“”](?=[\w-]|\s)")
_DIGITS = re.compile(r"\d")
_COMMA = re.compile(r",\s")
# Letters of the shortest part of a compound read by its head: "Flut|opfer" has a first part
# of four; with three, names such as "Her|mann" would read as compounds.
MIN_COMPOUND_PART = 4


@dataclass(frozen=True)
class ByWordOrder:
    counted: str | None
    measure: str
    kind: str
    # Whether the counted words end in a noun of their own (a capitalised one, in a pack that
    # capitalises nouns: "40 Rettungskräfte"), so that the figure continues no claim before it.
    own_noun: bool = False


@dataclass(frozen=True)
class _Tables:
    measures: tuple[tuple[str, str], ...]  # (stem, measure), longest stem first
    personnel: tuple[str, ...]
    # Troops: counted with no measure word ("100 Bundeswehrsoldaten waren vor Ort"), they
    # are deployed, as a count of soldiers in a story is a deployment's.
    troops: tuple[str, ...]
    materiel: tuple[str, ...]
    stop_words: frozenset[str]
    hedges: tuple[str, ...]
    # Whether a measure word after the figure, before the next figure, tells its measure
    # before a nearer one ahead of it: in a verb-final clause the participle follows its
    # figure ("18 Russen getötet und 33 weitere verwundet").
    measure_follows: bool
    # Whether the language capitalises its nouns, so that the counted noun ends at the first
    # capitalised word ("200 Feuerwehrleute waren": the noun, then its verb).
    capitalised_nouns: bool
    # Inflection endings after a stem that ends a compound ("Bundeswehr|soldaten": "soldat" +
    # "en"): where the pack lists them, a compound is read by its last part, the head.
    compound_endings: frozenset[str]
    # Prepositions of a purpose ("suchten nach Vermissten"): a measure
    # word right after one (or after one and a stop word) names what is sought, not the figure's measure.
    blocking: frozenset[str]
    # Nouns that make a figure no count ("24 Stunden", "30 Prozent"): stems.
    not_counted: tuple[str, ...]
    # Finite verbs that give a comma's stretch a clause of its own, where a hedge word stops
    # ("soll ... geschickt haben, rund 4.700 Opfer habe es gegeben"); without them a hedge
    # holds over its whole sentence.
    clause_verbs: frozenset[str]
    either: frozenset[str]  # "tués ou blessés": the words that join killed and wounded into casualties


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
        troops=tuple(s.lower() for s in data["nouns"].get("deployed_people", [])),
        stop_words=frozenset(w.lower() for w in data["stop_words"]["words"]),
        hedges=tuple(h.lower() for h in data["hedges"]["words"]),
        not_counted=tuple(w.lower() for w in data.get("not_counted", {}).get("words", [])),
        blocking=frozenset(w.lower() for w in data.get("purpose_prepositions", {}).get("words", [])),
        compound_endings=frozenset(data.get("compound_heads", {}).get("inflection_endings", [])),
        capitalised_nouns=bool(data.get("word_order", {}).get("capitalised_nouns", False)),
        measure_follows=bool(data.get("word_order", {}).get("measure_follows", False)),
        clause_verbs=frozenset(w.lower() for w in data["hedges"].get("clause_verbs", [])),
        either=frozenset(w.lower() for w in data.get("casualties", {}).get("words", [])),
    )


def _measure_of(word: str, t: _Tables) -> str | None:
    low = word.lower()
    found = next((m for stem, m in t.measures if low.startswith(stem)), None)
    if found is None and t.compound_endings:
        head = _compound_head(low, tuple(stem for stem, _ in t.measures), t)
        found = next((m for stem, m in t.measures if head is not None and head.startswith(stem)), None)
    return found


def _kind(word: str, t: _Tables) -> str:
    low = word.lower()
    if t.compound_endings and not low.startswith(t.personnel + t.materiel):
        low = _compound_head(low, t.personnel + t.materiel, t) or low
    if low.startswith(t.personnel):
        return "personnel"
    if low.startswith(t.materiel):
        return "materiel"
    return "other"


def _is_troops(word: str, t: _Tables) -> bool:
    low = word.lower()
    head = _compound_head(low, t.troops, t) if t.compound_endings else None
    return low.startswith(t.troops) or head is not None


def _compound_head(word: str, stems: tuple[str, ...], t: _Tables) -> str | None:
    """The last part of the compound ``word`` (lower case) that is one of ``stems`` with one of the
    pack's endings ("feuerwehrleute" -> "leute"), the longest such part; None if none is."""
    for split in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART + 1):
        tail = word[split:]
        if any(tail.startswith(s) and tail[len(s) :] in t.compound_endings for s in stems):
            return tail
    return None


def read_by_word_order(q: Quantity, sentence: str, language: Language | None = None) -> ByWordOrder | None:
    """The counted noun, measure and kind of the figure ``q`` of ``sentence``; None without tables."""
    pack = language if language is not None else active()
    t = _tables(pack.code, pack.root)
    if t is None:
        return None
    counted: list[str] = []
    kind, counted_end = "other", q.end
    for m in _WORD.finditer(sentence, q.end):
        gap = sentence[counted_end : m.start()]
        word = m.group()
        if gap.strip() or len(counted) >= MAX_COUNTED_WORDS:
            break
        noun_kind = _kind(word, t)
        low = word.lower()
        if low in t.stop_words or low in t.hedges or (noun_kind == "other" and _measure_of(word, t)):
            break
        counted.append(word)
        counted_end = m.end()
        kind = noun_kind if kind == "other" else kind
        if t.capitalised_nouns and word[:1].isupper():
            break
    if t.capitalised_nouns and not any(w[:1].isupper() for w in counted):
        counted = []  # "auf 205 gestiegen": a verb, no noun
    if counted and counted[-1].lower().startswith(t.not_counted):
        return ByWordOrder(" ".join(counted), "other", "other")  # "binnen 24 Stunden": a duration
    measure = _nearest_measure(q, sentence, t)
    if measure is None and counted and t.troops and _is_troops(counted[-1], t):
        measure = "deployed"
    own_noun = t.capitalised_nouns and bool(counted) and counted[-1][:1].isupper()
    return ByWordOrder(" ".join(counted) or None, measure or "other", kind, own_noun)


def _nearest_measure(q: Quantity, sentence: str, t: _Tables) -> str | None:
    """The measure of the measure word nearest the figure in its clause (a counted noun such as
    "morts" tells its own measure)."""
    names = [(m.start(), m.end()) for m in _QUOTED_NAME.finditer(sentence)]
    ends = [
        m.start() for m in _CLAUSE_END.finditer(sentence) if not any(a <= m.start() < b for a, b in names)
    ]
    start = max([e for e in ends if e < q.start], default=-1) + 1
    end = min([e for e in ends if e >= q.end], default=len(sentence))
    start, end = max(start, q.start - MEASURE_REACH_CHARS), min(end, q.end + MEASURE_REACH_CHARS)
    found: list[tuple[int, str]] = []
    words = [m for m in _WORD.finditer(sentence, start, end) if not q.start <= m.start() < q.end]
    following = _DIGITS.search(sentence, q.end, end)
    ahead = following.start() if following else end
    for i, m in enumerate(words):
        measure = _phrase_measure(words, i, t) or _measure_of(m.group(), t)
        if measure and not _blocked(words, i, t):
            distance = q.start - m.end() if m.end() <= q.start else m.start() - q.end
            if t.measure_follows and q.end <= m.start() < ahead:
                distance -= MEASURE_REACH_CHARS * 2  # ahead of every word before the figure
            found.append((distance, _CASUALTIES if _either_pair(words, i, measure, t) else measure))
    return min(found)[1] if found else None


def _phrase_measure(words: list[re.Match[str]], i: int, t: _Tables) -> str | None:
    """The measure of a measure phrase of several words starting at ``words[i]`` ("ums Leben",
    "im Einsatz"), each word read as a stem."""
    for stem, measure in t.measures:
        parts = stem.split()
        here = words[i : i + len(parts)]
        whole = len(parts) > 1 and len(here) == len(parts)
        if whole and all(w.group().lower().startswith(p) for w, p in zip(here, parts, strict=True)):
            return measure
    return None


def _blocked(words: list[re.Match[str]], i: int, t: _Tables) -> bool:
    """Whether the measure word ``words[i]`` follows a preposition of purpose, right before it or
    with one stop word between ("nach Vermissten", "nach den Vermissten")."""
    run = [words[i]]  # the words right before it, with nothing but spaces between (no figure)
    while len(run) < 3 and i - len(run) >= 0:
        previous = words[i - len(run)]
        if previous.string[previous.end() : run[0].start()].strip():
            break
        run.insert(0, previous)
    before = [w.group().lower() for w in run[:-1]]
    if before and before[-1] in t.blocking:
        return True
    return len(before) == 2 and before[1] in t.stop_words and before[0] in t.blocking


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


def hedged_by_word_order(sentence: str, language: Language | None = None, at: int | None = None) -> bool:
    """Whether a hedge word of the pack's ``wordorder.toml`` stands in ``sentence`` (in the clause
    of the figure at offset ``at``, where the pack lists ``clause_verbs``)."""
    pack = language if language is not None else active()
    t = _tables(pack.code, pack.root)
    if t is None:
        return False
    low = sentence.lower()
    if at is not None and t.clause_verbs:
        low = _clause_at(low, at, t)
    return any(re.search(rf"(?<!\w){re.escape(h)}", low) for h in t.hedges)


def _clause_at(sentence: str, at: int, t: _Tables) -> str:
    """The stretch of ``sentence`` between commas around offset ``at``, with the stretches after
    it that have no finite verb of their own ("..., davon 600 Tote") and joined to those before
    it while it has none."""
    starts = [0] + [m.end() for m in _COMMA.finditer(sentence)]
    pieces = _COMMA.split(sentence)
    own = [i == 0 or any(w in t.clause_verbs for w in _WORD.findall(p)) for i, p in enumerate(pieces)]
    index = max(i for i, a in enumerate(starts) if a <= at)
    first = max(i for i in range(index + 1) if own[i])
    last = next((i for i in range(index + 1, len(pieces)) if own[i]), len(pieces))
    return " ".join(pieces[first:last])
