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
from .quantities import Quantity, find_quantities, load_grammar

# Words of the counted noun after a figure: "600 nordkoreanische Soldaten" is two; a
# third is mostly the next phrase ("4.000 Soldaten Nordkoreas").
MAX_COUNTED_WORDS = 2
# How far from the figure (characters, within its clause) a measure word still tells
# its measure: a clause of a news sentence runs some 80-150 characters.
MEASURE_REACH_CHARS = 120
# Words from a verb of reaching to its figure ("ha ascendido a 218", "s'élève désormais à 40"):
# the verb, an adverb and the preposition.
REACHING_WORDS_BEFORE = 3

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# The measures that, joined ("killed or wounded"), make casualties: the stage's own names.
_CASUALTIES = "casualties"
_PAIRED = frozenset({"killed", "wounded"})
# The measures of sending, whose participle after a counted noun describes it ("soldados enviados").
_SENDING = frozenset({"deployed", "supplied"})
# Words between "or" and the second of killed and wounded ("han muerto o han resultado heridos"):
# an auxiliary and a verb of becoming.
MAX_EITHER_GAP = 2
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
# Where a modal's clause ends: as above, but a quotation stays in it ("pourrait atteindre
# "quelques milliers de morts"").
_QUOTES = set('«»"“”')
_MODAL_CLAUSE_END = re.compile(r"[;:()]|,\s|\s[–—-]\s")
# A figure labelled by the word before a dash ("полонені — 711 осіб"), read up to the figure.
_LABEL_DASH = re.compile(r"([^\W\d_][\w'’-]*)\s[–—-]\s*$")


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
    # Word endings of verb forms that end a counted noun ("otros 26 procedían").
    verb_endings: tuple[str, ...]
    hedges: tuple[str, ...]
    # Whether a measure word after the figure, before the next figure, tells its measure
    # before a nearer one ahead of it: in a verb-final clause the participle follows its
    # figure ("18 Russen getötet und 33 weitere verwundet").
    measure_follows: bool
    # Whether a time phrase in the figure's stretch of its sentence (no comma between) dates the
    # figure, read without a parse ("Am Dienstag starben 7 Menschen"); off where a relative
    # clause often stands without commas between them.
    dates_by_stretch: bool
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
    # Modal and conditional forms, which hedge only the figures of their own clause: "podría
    # quedar destruido, mientras Kiev ocupa unos 470 km²" leaves the area plain.
    modals: tuple[str, ...]
    either: frozenset[str]  # "tués ou blessés": the words that join killed and wounded into casualties
    # Verbs (stems) whose figure is the count of their subject, wherever it stands in the
    # sentence ("el número de fallecidos ... ha ascendido a 218").
    reaching: tuple[str, ...]
    # Verbs (stems) of nearing a figure: "approcher le millier", "roza los 200" are "nearly".
    nearing: tuple[str, ...]
    # Auxiliaries of a finite verb ("han muerto"): a measure after one is the clause's predicate.
    auxiliaries: frozenset[str]
    # Modal verbs (whole words) that hedge a figure after them in their clause ("можуть привезти
    # ще 30-40 тисяч"), not one before them ("10 тисяч контейнерів, які могли містити зброю");
    # pack key [hedges] modal_words, apart from the modal forms above ([hedges] modals).
    modal_verbs: frozenset[str]
    # Words that join two clauses ("погибли и еще тысячи получили ранения"): a figure after
    # one, with no measure word between, takes its measure from its own clause.
    breaks: frozenset[str]
    # Verbs of crossing a threshold right before a figure ("втрати перевищили 3 тисячі"):
    # the figure is a lower bound.
    crossing: tuple[str, ...]
    # Words right before a figure that make it a part of the sentence's figure before it
    # ("darunter 150 Feuerwehrleute"), which gives it its measure.
    part_of: frozenset[str]
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
        troops=tuple(s.lower() for s in data["nouns"].get("deployed_people", [])),
        not_counted=tuple(w.lower() for w in data.get("not_counted", {}).get("words", [])),
        blocking=frozenset(w.lower() for w in data.get("purpose_prepositions", {}).get("words", [])),
        compound_endings=frozenset(data.get("compound_heads", {}).get("inflection_endings", [])),
        capitalised_nouns=bool(data.get("word_order", {}).get("capitalised_nouns", False)),
        dates_by_stretch=bool(data.get("word_order", {}).get("dates_by_stretch", False)),
        measure_follows=bool(data.get("word_order", {}).get("measure_follows", False)),
        clause_verbs=frozenset(w.lower() for w in data["hedges"].get("clause_verbs", [])),
        stop_words=frozenset(w.lower() for w in data["stop_words"]["words"]),
        verb_endings=tuple(e.lower() for e in data["stop_words"].get("verbs", [])),
        hedges=tuple(h.lower() for h in data["hedges"]["words"]),
        modals=tuple(h.lower() for h in data["hedges"].get("modals", [])),
        either=frozenset(w.lower() for w in data.get("casualties", {}).get("words", [])),
        reaching=tuple(w.lower() for w in data.get("thresholds", {}).get("reaching", [])),
        nearing=tuple(w.lower() for w in data.get("thresholds", {}).get("nearly", [])),
        auxiliaries=frozenset(w.lower() for w in data.get("verbs", {}).get("auxiliary", [])),
        modal_verbs=frozenset(w.lower() for w in data["hedges"].get("modal_words", [])),
        breaks=frozenset(w.lower() for w in data.get("clause_breaks", {}).get("words", [])),
        crossing=tuple(s.lower() for s in data.get("thresholds", {}).get("crossing", [])),
        materiel_measures=dict(data.get("materiel_measures", {})),
        part_of=frozenset(w.lower() for w in data.get("word_order", {}).get("part_of", [])),
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
        if len(counted) >= MAX_COUNTED_WORDS:
            # the noun after two adjectives still tells the kind ("256 бойових броньованих машин")
            kind = _kind(word, t) if kind == "other" else kind
            break
        noun_kind = _kind(word, t)
        low = word.lower()
        verb = bool(t.verb_endings) and low.endswith(t.verb_endings)
        # "2000 раненых солдат": a measure word before a noun of people is its adjective
        adjective = i + 1 < len(following) and _kind(following[i + 1].group(), t) == "personnel"
        if (
            low in t.stop_words
            or low in t.hedges
            or verb
            or (noun_kind == "other" and _measure_of(word, t) and not adjective)
        ):
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
    measure = _nearest_measure(q, sentence, t, load_grammar(pack), counted_end)
    if measure is None:
        measure = _whole_measure(q, sentence, pack, t)
    if measure is None and _after_reaching(q, sentence, t):
        measure = _first_measure(sentence[: q.start], t)
    if measure is None and counted and t.troops and _is_troops(counted[-1], t):
        measure = "deployed"
    measure = measure or "other"
    if kind == "materiel":
        measure = t.materiel_measures.get(measure, measure)
    own_noun = t.capitalised_nouns and bool(counted) and counted[-1][:1].isupper()
    return ByWordOrder(" ".join(counted) or None, measure, kind, own_noun)


def _whole_measure(q: Quantity, sentence: str, pack: Language, t: _Tables) -> str | None:
    """The measure of the figure before ``q`` in ``sentence`` where a word of the pack's
    ``part_of`` stands right before ``q`` ("3.000 Helfer sind im Einsatz, darunter 150
    Feuerwehrleute": the 150 are deployed); None otherwise."""
    before = list(_WORD.finditer(sentence, 0, q.start))
    if not t.part_of or not before or before[-1].group().lower() not in t.part_of:
        return None
    if sentence[before[-1].end() : q.start].strip():
        return None
    wholes = [w for w in find_quantities(sentence, pack) if w.end <= before[-1].start()]
    whole = read_by_word_order(wholes[-1], sentence[: before[-1].start()], pack) if wholes else None
    return whole.measure if whole is not None and whole.measure != "other" else None


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


def _clause(
    q: Quantity, sentence: str, clause_end: re.Pattern[str] = _CLAUSE_END, partitive: str = ""
) -> tuple[int, int]:
    """Where the clause of the figure ``q`` starts and ends in ``sentence``; a quote closing on
    the pack's ``partitive`` goes on ('"plusieurs centaines" de morts')."""
    names = [(n.start(), n.end()) for n in _QUOTED_NAME.finditer(sentence)]
    ends = [
        m.start()
        for m in clause_end.finditer(sentence)
        if not (partitive and m.group() in _QUOTES and _opens_with(sentence[m.end() :], partitive))
        and not any(a <= m.start() < b for a, b in names)
    ]
    start = max([e for e in ends if e < q.start], default=-1) + 1
    return start, min([e for e in ends if e >= q.end], default=len(sentence))


def _opens_with(text: str, word: str) -> bool:
    return text.lstrip().lower().startswith(word + " ")


def _nearest_measure(q: Quantity, sentence: str, t: _Tables, grammar: Any, noun_end: int) -> str | None:
    """The measure of the measure word nearest the figure in its clause (a counted noun such as
    "morts" tells its own measure); one before the figure across a conjunction or comma only
    where none follows it ("20 murieron y otras 50 resultaron heridas": the 50 are wounded).
    A participle of sending right after the counted noun (``noun_end``) describes it and
    yields to a measure after an auxiliary ("3.000 combatientes enviados ... han muerto");
    "300 soldados heridos fueron evacuados" stay wounded. A word before a dash right before
    the figure labels it ("санітарні — 10 446 осіб"); a clause break of the pack's
    ``[clause_breaks]`` with no measure word between it and the figure starts the figure's
    own clause ("погибли и еще тысячи получили ранения")."""
    label = _LABEL_DASH.search(sentence, 0, q.start)
    if label and _measure_of(label.group(1), t):
        return _measure_of(label.group(1), t)
    clause_start, clause_end = _clause(q, sentence, partitive=grammar.partitive)
    start, end = (
        max(clause_start, q.start - MEASURE_REACH_CHARS),
        min(clause_end, q.end + MEASURE_REACH_CHARS),
    )
    for m in reversed(list(_WORD.finditer(sentence, start, q.start))):
        if _measure_of(m.group(), t):
            break  # a measure word between the join and the figure: "убито и ранено 3800"
        if m.group().lower() in t.breaks:
            start = m.end()  # "погибли и еще тысячи получили ранения"
            break
    found: list[tuple[int, str]] = []
    crossed: list[tuple[int, str]] = []
    modifier = False
    # The whole clause: the second of a pair ("o han resultado heridos") may lie past the reach.
    words = [
        m for m in _WORD.finditer(sentence, clause_start, clause_end) if not q.start <= m.start() < q.end
    ]
    following = _DIGITS.search(sentence, q.end, end)
    ahead = following.start() if following else end
    for i, m in enumerate(words):
        measure = (
            (_phrase_measure(words, i, t) or _measure_of(m.group(), t)) if start <= m.start() < end else None
        )
        if measure and not _blocked(words, i, t):
            distance = q.start - m.end() if m.end() <= q.start else m.start() - q.end
            if t.measure_follows and q.end <= m.start() < ahead:
                distance -= MEASURE_REACH_CHARS * 2  # ahead of every word before the figure
            entry = (distance, _CASUALTIES if _either_pair(words, i, measure, t) else measure)
            across = m.end() <= q.start and grammar.clause_break.search(sentence, m.end(), q.start)
            (crossed if across else found).append(entry)
            if m.start() > noun_end and not sentence[noun_end : m.start()].strip():
                modifier = measure in _SENDING  # "combatientes enviados": who they are, not what befell them
            elif modifier and i > 0 and words[i - 1].group().lower() in t.auxiliaries:
                return entry[1]
    return min(found or crossed)[1] if found or crossed else None


def nears_by_word_order(q: Quantity, sentence: str, language: Language | None = None) -> bool:
    """Whether a verb of nearing stands among the REACHING_WORDS_BEFORE words before the figure
    ("peut-être approcherons-nous le millier"): its exact figure is "nearly"."""
    pack = language if language is not None else active()
    t = _tables(pack.code, pack.root)
    if t is None or not t.nearing:
        return False
    before = [m.group().lower() for m in _WORD.finditer(sentence, 0, q.start)][-REACHING_WORDS_BEFORE:]
    return any(w.startswith(t.nearing) for w in before)


def _after_reaching(q: Quantity, sentence: str, t: _Tables) -> bool:
    """Whether a verb of reaching stands among the REACHING_WORDS_BEFORE words before the figure."""
    before = [m.group().lower() for m in _WORD.finditer(sentence, 0, q.start)][-REACHING_WORDS_BEFORE:]
    return bool(t.reaching) and any(w.startswith(t.reaching) for w in before)


def _first_measure(text: str, t: _Tables) -> str | None:
    """The measure of the first measure word of ``text`` (the subject of a verb of reaching)."""
    return next((m for m in (_measure_of(w.group(), t) for w in _WORD.finditer(text)) if m), None)


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
    for step in (1, -1):
        joint = i + step
        if not 0 <= joint < len(words) or words[joint].group().lower() not in t.either:
            continue
        for gap in range(MAX_EITHER_GAP + 1):
            other = joint + step * (gap + 1)
            if 0 <= other < len(words) and {measure, _measure_of(words[other].group(), t)} == _PAIRED:
                return True
    return False


def dates_by_stretch(language: Language | None = None) -> bool:
    """Whether the pack reads a figure's date from the stretch of its sentence ([word_order])."""
    pack = language if language is not None else active()
    t = _tables(pack.code, pack.root)
    return t is not None and t.dates_by_stretch


def hedged_by_word_order(
    sentence: str, language: Language | None = None, figure: Quantity | None = None
) -> bool:
    """Whether a hedge word of the pack's ``wordorder.toml`` stands in ``sentence`` (in the clause
    of ``figure``, where the pack lists ``clause_verbs``), one of its modals in the clause of
    ``figure`` (in the whole sentence without one), or one of its modal verbs before ``figure``
    in its clause."""
    pack = language if language is not None else active()
    t = _tables(pack.code, pack.root)
    if t is None:
        return False
    low = sentence.lower()
    scope = _clause_at(low, figure.start, t) if figure is not None and t.clause_verbs else low
    start, end = _clause(figure, sentence, _MODAL_CLAUSE_END) if figure is not None else (0, len(sentence))
    if any(re.search(rf"(?<!\w){re.escape(h)}", scope) for h in t.hedges) or any(
        re.search(rf"(?<!\w){re.escape(h)}", low[start:end]) for h in t.modals
    ):
        return True
    if figure is None or not t.modal_verbs:
        return False
    ends = [m.end() for m in _CLAUSE_END.finditer(sentence, 0, figure.start)]
    clause = sentence[max(ends, default=0) : figure.start]
    return any(m.group().lower() in t.modal_verbs for m in _WORD.finditer(clause))


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
