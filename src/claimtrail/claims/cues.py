"""Who states a figure, by word order: attribution cues for packs read without a parse.

    >>> speakers_in("Laut dem Ministerium starben 40 Menschen.")
    [Cue(start=0, phrase='Ministerium', back=False)]

The English pack finds speakers in the parse (subjects of reporting verbs, "according
to" phrases). A language without a parser on the registry is only tokenized, so this
module reads the pack's ``cues.toml`` instead: an opener ("laut", "selon", "según", "за
даними") is followed by the speaker; a closer ("zufolge") follows it; a reporting verb
("sagte", "заявив") has its speaker after it ("..., sagte der Minister", "заявив
президент") or, as a capitalised subject, right before it ("Зеленський заявив"). A cue
opening its sentence with a back word ("Про це заявив ...", "Об этом сообщил ...") states
the figures of the sentence before. The phrase found is named by the alias tables when a
stretch of it is an alias ("президент України Володимир Зеленський" -> "Volodymyr
Zelensky"), else as written without its leading determiners.

Figures with no cue of their own go on with the document's last speaker: a news excerpt
names its source once and reports it throughout (``extract.attribute_by_word_order``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import Any

from ..models import Claim
from .lang import Language, active, read_table
from .lexicon import Gazetteer
from .speakers import canonical_org

# Words of a speaker phrase after its cue: "президент України Володимир Зеленський" is
# four; a sixth word is mostly the clause going on.
MAX_PHRASE_WORDS = 5
# Words of a capitalised subject right before its verb ("Oleksandr Syrskyi erklärte"):
# a person's name is one to three words.
MAX_SUBJECT_WORDS = 3
# ... and one name alone is as often a body ("Нацполіція") as a surname: the two capitalised
# words a phrase ends on (a first name and a surname) are read as a person's name to write
# in the Latin alphabet.
MIN_NAME_WORDS = 2
# Lower-case words between a determiner and a capitalised subject, in a pack that
# capitalises nouns ("der südkoreanische Geheimdienst"): adjectives, one or two in news.
MAX_SUBJECT_ADJECTIVES = 2

# A speaker phrase no alias names ("представители разведки") is the body the document names
# in full elsewhere ("южнокорейская разведка") when they share a word: words compare by
# their first letters, which a case ending leaves alone ("разведки", "разведка"); shorter
# words (prepositions, abbreviations) tell nothing.
STEM_CHARS = 5
MIN_STEM_WORD = 4

_WORD = re.compile(r"[^\W\d_][\w'’-]*|\S")
# What parts the clause of a statement's day from the clause of a figure.
_CLAUSE_BREAK = re.compile(r"[,;:]")
# Punctuation that closes a speaker phrase.
_PHRASE_END = set(',.;:!?()«»"“”„—–')
# Quotes a speaker's name may open with ("сообщают «Вести»").
_OPENING_QUOTES = set('«„"“')


@dataclass(frozen=True)
class Cue:
    """A speaker phrase found by a cue: where the cue stands in the sentence, the phrase,
    and whether it states the figures of the sentence before ("Про це заявив ...")."""

    start: int
    phrase: str
    back: bool
    # Named as the speaker's source ("со ссылкой на ...", "unter Berufung auf ..."), not the speaker.
    cited: bool = False
    # Names the last speaker by a pronoun ("за його словами").
    pronoun: bool = False
    # A reporting verb after another in its sentence: the outlet relaying the statement
    # ("Об этом заявил X, сообщает РБК"), not its speaker.
    relay: bool = False
    # The phrase follows an opener that takes the genitive ("за словами Сергія Лисака"):
    # a person's name in it is written back in the nominative.
    genitive: bool = False
    # A name before a colon opening a headline ("Сеул: ... убиты 600"): a speaker only if
    # the alias tables know it ("Фото: ..." is no one).
    known_only: bool = False


@dataclass(frozen=True)
class _Tables:
    """The pack's ``cues.toml``, one field per key of its ``[cues]`` table, read as its type says:
    a flag, word sequences (a tuple of tuples), stems (a tuple, longest first) or a word set."""

    # An opener is followed by the speaker ("laut dem Ministerium"): word sequences.
    openers: tuple[tuple[str, ...], ...]
    # Openers of a cited source, not the speaker ("со ссылкой на ...").
    citing: tuple[tuple[str, ...], ...]
    # Cues that name the last speaker by a pronoun ("за його словами").
    pronoun_cues: tuple[tuple[str, ...], ...]
    # A closer follows its speaker ("dem Ministerium zufolge").
    closers: frozenset[str]
    # Reporting verbs, as stems: an entry covers every word that begins with it.
    verbs: tuple[str, ...]
    # A statement opening with one of these states the figures of the sentence before.
    back: frozenset[str]
    pronouns: frozenset[str]
    determiners: frozenset[str]
    stops: frozenset[str]
    # Whether a lower-case word after a capitalised one ends the phrase (German capitalises
    # nouns, so "dem Ministerium starben" ends at the verb), but for ``joiners`` ("des").
    lowercase_ends: bool
    joiners: frozenset[str]
    # Whether a figure without a cue goes on with the document's last speaker (off where
    # a parse finds the speakers, and a figure it leaves without one is the outlet's own).
    carry: bool
    # Words naming a statement, not its speaker ("selon un dernier bilan", "según datos del
    # CID"): skipped at a phrase's start; a ``links`` word after them leads to the speaker,
    # and without one the phrase names no speaker.
    statement_words: frozenset[str]
    links: frozenset[str]
    # Words opening a sentence in the outlet's own voice ("Напомним, ..."): no speaker goes on there.
    own_voice: frozenset[str]
    # Whether the speaker follows a statement word directly, in the genitive ("данные
    # разведки"), where other packs need a link word ("datos del CID").
    statement_genitive: bool
    # Addressees a reporting verb may take before its speaker ("сказал журналистам депутат X"):
    # skipped right after the verb.
    addressees: frozenset[str]
    # Nouns that, alone as a speaker phrase, name the last speaker ("уточняет агентство").
    anaphors: frozenset[str]
    # Openers whose speaker stands in the genitive ("за словами", "по данным").
    genitive_openers: tuple[tuple[str, ...], ...]
    # Prepositions between an impersonal reporting verb and the body it speaks for
    # ("повідомили в ДСНС", "сообщили в МЧС"): skipped before a capitalised name.
    speaker_prepositions: frozenset[str]


def has_cues(language: Language | None = None) -> bool:
    """Whether the pack reads speakers by word order (it has a ``cues.toml``)."""
    pack = language if language is not None else active()
    return _tables(pack.code, pack.root) is not None


@lru_cache(maxsize=8)
def _tables(code: str, root: str | None) -> _Tables | None:
    try:
        data = read_table(code, "cues.toml", root)
    except FileNotFoundError:
        return None
    (table,) = data.values()
    values: dict[str, Any] = {}
    for f in fields(_Tables):
        kind = str(f.type)
        if kind == bool.__name__:
            values[f.name] = bool(table.get(f.name, False))
            continue
        low = [w.lower() for w in table.get(f.name, [])]
        if kind.count(tuple.__name__) == 2:  # word sequences
            values[f.name] = tuple(sorted((tuple(w.split()) for w in low), key=len, reverse=True))
        elif kind.startswith(tuple.__name__):  # stems
            values[f.name] = tuple(sorted(low, key=len, reverse=True))
        else:
            values[f.name] = frozenset(low)
    return _Tables(**values)


def _words(sentence: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _WORD.finditer(sentence)]


def _is_break(word: str, tables: _Tables) -> bool:
    return word in _PHRASE_END or word[:1].isdigit() or word.lower() in tables.stops


def _phrase(words: list[tuple[int, str]], tables: _Tables) -> str:
    """The speaker phrase at the start of ``words``: up to punctuation or a stop word."""
    begin = 0
    while begin < len(words) and words[begin][1].lower() in tables.determiners:
        begin += 1
    if begin < len(words) and words[begin][1].lower() in tables.statement_words:
        while begin < len(words) and words[begin][1].lower() in tables.statement_words | tables.determiners:
            begin += 1
        if begin < len(words) and tables.statement_genitive and not _is_break(words[begin][1], tables):
            pass  # "данные разведки": the speaker follows in the genitive
        elif begin == len(words) or words[begin][1].lower() not in tables.links:
            return ""  # "selon un dernier bilan": a statement without its speaker
        else:
            begin += 1
    taken: list[str] = []
    for _, w in words[begin:]:
        if not taken and (w.lower() in tables.determiners or w in _OPENING_QUOTES):
            continue
        if w in _OPENING_QUOTES and all(t[:1].islower() for t in taken):
            taken = []  # "агентство «Ёнхап»": the name in quotes, not the kind of body before it
            continue
        if _is_break(w, tables) or len(taken) == MAX_PHRASE_WORDS:
            break
        low = w.lower()
        if tables.lowercase_ends and taken and w[:1].islower() and low not in tables.joiners:
            break
        taken.append(w)
    return " ".join(taken)


def _subject(words: list[tuple[int, str]], tables: _Tables) -> str:
    """The capitalised run right before a verb (``words`` run up to it); in a pack that
    capitalises nouns, with the lower-case adjectives between it and its determiner ("der
    südkoreanische Geheimdienst nennt")."""
    taken: list[str] = []
    for _, w in reversed(words):
        if not w[:1].isupper() or len(taken) == MAX_SUBJECT_WORDS:
            break
        taken.insert(0, w)
    if not taken or not tables.lowercase_ends:
        return " ".join(taken)
    before = [w for _, w in words[: len(words) - len(taken)]]
    for size in range(1, MAX_SUBJECT_ADJECTIVES + 1):
        adjectives = before[len(before) - size :] if len(before) > size else []
        if not adjectives or not all(a[:1].islower() and a.isalpha() for a in adjectives):
            break
        if before[-size - 1].lower() in tables.determiners:
            return " ".join(adjectives + taken)
    return " ".join(taken)


def _clause_opening(words: list[tuple[int, str]], tables: _Tables) -> str:
    """The words opening a sentence up to its verb (``words`` run up to it), when they start
    with a capital and hold no punctuation: a subject with a time phrase or an adverb
    between it and its verb. Only a name the tables or the page know makes it a speaker."""
    if not words or len(words) > MAX_PHRASE_WORDS + MAX_SUBJECT_WORDS or not words[0][1][:1].isupper():
        return ""
    if any(w in _PHRASE_END or w.lower() in tables.back for _, w in words):
        return ""
    return " ".join(w for _, w in words)


def _is_verb(word: str, tables: _Tables) -> bool:
    low = word.lower()
    return any(low.startswith(v) for v in tables.verbs)


def speakers_in(sentence: str) -> list[Cue]:
    """The speaker phrases the active pack's cues find in ``sentence``, in order."""
    pack = active()
    tables = _tables(pack.code, pack.root)
    if tables is None:
        return []
    words = _words(sentence)
    lowered = [w.lower() for _, w in words]
    found: list[Cue] = []
    # "Про це заявив", "Dies sagte": the sentence's first reporting verb points back.
    back = any(w in tables.back for w in lowered[:2])
    verbs_seen = 0
    colon = next((i for i, (_, w) in enumerate(words[: MAX_SUBJECT_WORDS + 1]) if w == ":"), None)
    if colon and all(w[:1].isupper() for _, w in words[:colon]):
        found.append(Cue(0, " ".join(w for _, w in words[:colon]), False, known_only=True))
    for i, (start, w) in enumerate(words):
        low = lowered[i]
        pronoun = next((o for o in tables.pronoun_cues if tuple(lowered[i : i + len(o)]) == o), None)
        if pronoun is not None:
            found.append(Cue(start, " ".join(pronoun), False, pronoun=True))
            continue
        opener = next(
            (o for o in tables.openers + tables.citing if tuple(lowered[i : i + len(o)]) == o), None
        )
        if opener is not None:
            phrase = _phrase(words[i + len(opener) :], tables)
            if phrase:
                genitive = opener in tables.genitive_openers
                found.append(Cue(start, phrase, False, opener in tables.citing, genitive=genitive))
            continue
        if low in tables.closers:
            begin = i
            while begin > 0 and not _is_break(words[begin - 1][1], tables) and i - begin < MAX_PHRASE_WORDS:
                begin -= 1
            phrase = _phrase(words[begin:i], tables)
            if phrase:
                found.append(Cue(words[begin][0], phrase, False))
            continue
        if _is_verb(w, tables):
            first = i + 1
            while first < len(words) and lowered[first] in tables.addressees:
                first += 1  # "сказал журналистам депутат X"
            if (
                first + 1 < len(words)
                and lowered[first] in tables.speaker_prepositions
                and words[first + 1][1][:1].isupper()
            ):
                first += 1  # "повідомили в ДСНС"
            after = _phrase(words[first:], tables)
            head = after.split()[0] if after else ""
            inverted = i > 0 and words[i - 1][1] in _PHRASE_END  # ", informó el alcalde"
            relay = verbs_seen > 0
            if head and (
                inverted
                or head[:1].isupper()
                or head.lower() in tables.pronouns
                or after.lower() in tables.anaphors
                or len(after.split()) > 1
            ):
                found.append(Cue(start, after, back and not verbs_seen, relay=relay))
                verbs_seen += 1
                continue
            subject = _subject(words[:i], tables)
            if subject and subject.lower() not in tables.back:
                found.append(Cue(words[i - len(subject.split())][0], subject, False, relay=relay))
                verbs_seen += 1
                continue
            opening = _clause_opening(words[:i], tables)
            if opening:  # "Національна розвідувальна служба Сеула у квітні заявляла"
                found.append(Cue(0, opening, False, relay=relay, known_only=True))
                verbs_seen += 1
    return found


def is_pronoun(phrase: str) -> bool:
    """Whether ``phrase`` stands for the last speaker named ("його", "er", "агентство" alone)."""
    pack = active()
    tables = _tables(pack.code, pack.root)
    if tables is None:
        return False
    return phrase.split()[0].lower() in tables.pronouns or phrase.lower() in tables.anaphors


def name_speaker(phrase: str, gazetteer: Gazetteer, genitive: bool = False) -> str:
    """The alias tables' name for a stretch of ``phrase``, the longest first, else ``phrase``.

    A person named after a country ("міністр оборони Південної Кореї Шин Вон Сік") is the
    person, not the country; a name the tables do not know is written in the Latin
    alphabet where the pack has a romanization table ("Shin Von Sik").
    """
    return known_name(phrase, gazetteer) or _person(phrase, genitive) or phrase


def _person(phrase: str, genitive: bool = False) -> str | None:
    """The person a phrase ends on, in the Latin alphabet, where the pack has a romanization
    table: "начальник ОВА Олександр Прокудін" -> "Oleksandr Prokudin"; after an opener that
    takes the genitive, in the nominative ("Вячеслава Гладкова" -> "Vyacheslav Gladkov")."""
    pack = active()
    if not _romanization(pack.code, pack.root):
        return None
    parts = phrase.split()
    run = parts[-MIN_NAME_WORDS:]  # a first name and a surname: "Кремля Дмитрий Песков" is Dmitriy Peskov
    if len(run) != MIN_NAME_WORDS or not _is_name(run):
        return None
    if genitive:
        run = [_nominative(w, pack) for w in run]
    return romanized(" ".join(run))


def _nominative(word: str, pack: Language) -> str:
    """``word``, a name in the genitive, in the nominative by the pack's ending rules."""
    for pattern, nominative in _genitive_endings(pack.code, pack.root):
        if pattern.search(word):
            return pattern.sub(nominative, word)
    return word


def known_name(phrase: str, gazetteer: Gazetteer) -> str | None:
    """The alias tables' name for a stretch of ``phrase``, the longest first; the person
    named after a country; None where the tables know no stretch of it."""
    parts = phrase.split()
    countries = {country for country, _ in gazetteer.places}
    for size in range(len(parts), 0, -1):
        for begin in range(len(parts) - size + 1):
            named = canonical_org(" ".join(parts[begin : begin + size]), gazetteer)
            rest = parts[begin + size :]
            if named in countries and _is_name(rest):
                return romanized(" ".join(rest))
            if named and len(rest) == MIN_NAME_WORDS and _person(" ".join(rest)):
                return _person(" ".join(rest))  # "речник ПС ЗСУ Юрій Ігнат": the spokesman, not the forces
            if named:
                return named
    return None


def _is_name(words: list[str]) -> bool:
    """Whether ``words`` could be a person's name: up to three capitalised words, none an acronym."""
    return 0 < len(words) <= MAX_SUBJECT_WORDS and all(
        w[:1].isupper() and w.isalpha() and not (len(w) > 1 and w.isupper()) for w in words
    )


def romanized(name: str) -> str:
    """``name`` in the Latin alphabet by the active pack's romanization table (letter by
    letter; a pack without one, or a name already Latin, is left as it is)."""
    pack = active()
    letters = _romanization(pack.code, pack.root)
    if not letters or not any(ch.lower() in letters for ch in name):
        return name
    out = []
    for ch in name:
        latin = letters.get(ch.lower(), ch)
        out.append(latin.capitalize() if ch.isupper() else latin)
    return "".join(out)


@lru_cache(maxsize=8)
def _romanization(code: str, root: str | None) -> dict[str, str]:
    try:
        data = read_table(code, "romanization.toml", root)
    except FileNotFoundError:
        return {}
    return {str(k).lower(): str(v) for k, v in data["name_letters"].items()}


@lru_cache(maxsize=8)
def _genitive_endings(code: str, root: str | None) -> tuple[tuple[re.Pattern[str], str], ...]:
    try:
        data = read_table(code, "romanization.toml", root)
    except FileNotFoundError:
        return ()
    return tuple((re.compile(k), str(v)) for k, v in data.get("genitive_endings", {}).items())


class _Document:
    """The bodies a document names in full (by the alias tables), to name a phrase of it
    that no alias names ("представители разведки" in a page on "южнокорейская разведка")."""

    def __init__(self, text: str, gazetteer: Gazetteer) -> None:
        self.text = text.lower()
        self.gazetteer = gazetteer
        self._mentions: list[tuple[str, frozenset[str]]] | None = None

    def name(self, phrase: str, genitive: bool = False) -> str:
        return self.known(phrase) or name_speaker(phrase, self.gazetteer, genitive)

    def known(self, phrase: str) -> str | None:
        """The name of ``phrase`` by the alias tables, or by a body the page names in full."""
        named = known_name(phrase, self.gazetteer)
        if named:
            return named
        stems = _stems(phrase)
        best = max(self.mentions(), key=lambda m: len(m[1] & stems), default=None)
        return best[0] if best is not None and best[1] & stems else None

    def mentions(self) -> list[tuple[str, frozenset[str]]]:
        """(name, stems of the words it is written with) of each alias match in the text, in order."""
        if self._mentions is None:
            found: list[tuple[int, str, frozenset[str]]] = []
            for org in self.gazetteer.orgs:
                for pattern in org.patterns:
                    for m in re.finditer(rf"(?<!\w)(?:{pattern.pattern})(?!\w)", self.text, re.IGNORECASE):
                        if m.group():
                            found.append((m.start(), org.name, _stems(m.group())))
            self._mentions = [(name, stems) for _, name, stems in sorted(found, key=lambda f: f[0])]
        return self._mentions


def _stems(phrase: str) -> frozenset[str]:
    return frozenset(
        w[:STEM_CHARS].lower() for w in re.findall(r"[^\W\d_]+", phrase) if len(w) >= MIN_STEM_WORD
    )


@dataclass(frozen=True)
class _Named:
    """A speaker named in a sentence: where its cue stands in the text, the name, the source
    it cites and whether it states the figures of the sentence before."""

    start: int
    speaker: str
    source: str | None
    back: bool


def _speaker_cues(found: list[Cue]) -> list[tuple[Cue, str | None]]:
    """The speakers' cues of a sentence, each with the phrase of the source it cites: the citing cue right
    after it ("сообщает «Вести» со ссылкой на ...") or, before the first speaker, right
    before it. A relaying outlet ("..., сообщает РБК со ссылкой на Reuters") is left out
    with what it cites, when the sentence names a speaker before it."""
    primary = [c for c in found if not c.cited and not c.relay]
    out: list[tuple[Cue, str | None]] = []
    for i, cue in enumerate(found):
        if cue.cited or (cue.relay and primary):
            continue
        after = found[i + 1] if i + 1 < len(found) and found[i + 1].cited else None
        before = found[i - 1] if i > 0 and found[i - 1].cited and not out else None
        citing = after or before
        out.append((cue, citing.phrase if citing else None))
    return out


def _statement_day(text: str, cue: int, days: list[tuple[int, dt.date]], has_figures: bool) -> dt.date | None:
    """The day a cue at ``cue`` of ``text`` was spoken on: the one day the sentence names, if
    the sentence has no figures or no clause break stands between the day and the cue."""
    if len(days) != 1:
        return None
    where, day = days[0]
    low, high = sorted((where, cue))
    return day if not has_figures or not _CLAUSE_BREAK.search(text, low, high) else None


def _in_own_voice(sentence: str) -> bool:
    pack = active()
    tables = _tables(pack.code, pack.root)
    first = _WORD.match(sentence.lstrip())
    return tables is not None and first is not None and first.group().lower() in tables.own_voice


def _carries() -> bool:
    pack = active()
    tables = _tables(pack.code, pack.root)
    return tables is not None and tables.carry


def attribute_by_word_order(
    sentences: list[tuple[int, int, str]],
    claims: list[Claim],
    gazetteer: Gazetteer,
    days: list[list[tuple[int, dt.date]]] | None = None,
    published: dt.date | None = None,
) -> list[Claim]:
    """``claims`` with the speakers the cues find for those that have none.

    ``sentences`` are (start, end, text) of the parsed sentences in order. A claim takes
    the cue nearest its figure in its own sentence; else that of the next sentence when
    it points back ("Про це заявив ..."); else the document's last speaker. ``days``, one
    list per sentence, holds (where, day) of each single day a sentence names: a day in
    the clause of a speaker's cue ("цитує законодавця у вівторок, 2 вересня"), or anywhere
    in a sentence without figures, dates that speaker's statements, which otherwise date
    from ``published``; a day in another clause is the figures' ("Три дні тому ... загинули
    5, заявив X").
    """
    cues = [speakers_in(text) for _, _, text in sentences]
    document = _Document(" ".join(text for _, _, text in sentences), gazetteer)
    named: list[list[_Named]] = []
    last: str | None = None
    cites: dict[str, str] = {}  # the source each speaker last cited: Lee citing the NIS goes on doing so
    said: dict[str, dt.date] = {}  # the day each speaker was quoted on
    for number, ((start, end, text), found) in enumerate(zip(sentences, cues)):
        named_days = days[number] if days is not None else []
        has_figures = any(start <= c.span[0] < end for c in claims)
        own = []
        for cue, cited in _speaker_cues(found):
            if cue.pronoun or is_pronoun(cue.phrase):
                if last is None:
                    continue  # a pronoun with no speaker named before it
                speaker = last
            elif cue.known_only:
                known = document.known(cue.phrase)
                if known is None:
                    continue
                speaker = known
            else:
                speaker = document.name(cue.phrase, cue.genitive)
            cited = document.name(cited) if cited else None
            if cited:
                cites[speaker] = cited
            own.append(_Named(start + cue.start, speaker, cites.get(speaker), cue.back))
            if cue.known_only:
                continue  # a name found only by the tables speaks for its sentence, not for "він" after it
            last = speaker
            day = _statement_day(text, cue.start, named_days, has_figures)
            if day is not None and (published is None or day <= published):
                said[speaker] = day
        named.append(own)
    out: list[Claim] = []
    for claim in claims:
        if claim.stated_by is not None:
            out.append(claim)
            continue
        index = next((i for i, (s, e, _) in enumerate(sentences) if s <= claim.span[0] < e), None)
        who: str | None = None
        source: str | None = None
        if index is not None:
            pointing = [n for n in named[index + 1] if n.back] if index + 1 < len(named) else []
            chosen: _Named | None = None
            if named[index]:
                chosen = min(named[index], key=lambda n: abs(n.start - claim.span[0]))
            elif pointing:
                chosen = pointing[0]
            elif _carries() and not _in_own_voice(sentences[index][2]):
                earlier = next((i for i in range(index - 1, -1, -1) if named[i]), None)
                chosen = named[earlier][-1] if earlier is not None else None
            if chosen is not None:
                who, source = chosen.speaker, chosen.source
        if who:
            claim = replace(claim, stated_by=who, source=claim.source or source or who)
        if claim.stated_by in said and claim.stated_on in (None, published):
            claim = replace(claim, stated_on=said[claim.stated_by])
        out.append(claim)
    return out
