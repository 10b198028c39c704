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
# Lower-case words between a determiner and a capitalised subject, in a pack that
# capitalises nouns ("der südkoreanische Geheimdienst"): adjectives, one or two in news.
MAX_SUBJECT_ADJECTIVES = 2
# Phrases of a stop word and one capitalised word ("am Freitag", "im SWR") skipped between
# a subject and its verb: one or two in news.
MAX_SKIPPED_PHRASES = 2
# Letters of the first part of a compound statement noun that names a speaker: "Polizei",
# "Armee", "UN" is too short to tell from a prefix ("Vorangaben").
MIN_COMPOUND_SPEAKER_CHARS = 4

_WORD = re.compile(r"[^\W\d_][\w'’-]*|\S")
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
    # Words that mark reported speech (German Konjunktiv "seien", "habe"; "demnach"): where
    # the pack lists them, a figure without a cue goes on with the last speaker only in a
    # sentence with one of them, or after a speaker of its own paragraph; an indicative
    # sentence on its own ("In den Fluten starben 28 Menschen.") is the outlet's voice.
    reported: frozenset[str]
    # The agent of a passive statement ("wurde von der Kreisverwaltung mit 1300 angegeben"):
    # openers counted only in a sentence with one of the ``agent_verbs`` (stems).
    agent_openers: tuple[tuple[str, ...], ...]
    agent_verbs: tuple[str, ...]
    # Openers counted only right after a comma, before a capitalised speaker ("..., so der
    # Bürgermeister"): elsewhere the word is an adverb ("so viele").
    comma_openers: tuple[tuple[str, ...], ...]
    # Cues naming the sentence's own subject ("Die Armee hat nach eigenen Angaben ..."): the
    # phrase opening the sentence, or the one after its verb when the cue opens it.
    own_cues: tuple[tuple[str, ...], ...]
    # Nouns that, right after a reporting verb, are its object ("schätzen die Zahl der
    # Flüchtlinge auf ..."), so that its subject speaks.
    objects: frozenset[str]
    # Statement nouns that end a compound naming its speaker ("nach Polizeiangaben": the
    # police), after one of ``compound_openers`` or before a closer ("Behördenangaben zufolge").
    compound_statements: tuple[str, ...]
    compound_openers: frozenset[str]
    # Endings of a compound's first part whose last letter is a linking "s" ("Regierungs|angaben"
    # names the Regierung).
    linking_endings: tuple[str, ...]
    # Attributions to no one named ("Berichten zufolge", "hieß es"): a sentence with one goes
    # on with no earlier speaker.
    anonymous: tuple[tuple[str, ...], ...]
    # Endings of a nationality adjective that, between an opener and a statement word, names
    # the speaker with it ("nach ukrainischen Angaben": the alias tables name the country).
    nationality_endings: tuple[str, ...]


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
            if words[begin][1].lower() in tables.links:
                break  # "einem Bericht der Zeitung": "der" leads on to the speaker
            begin += 1
        if begin == len(words) or words[begin][1].lower() not in tables.links:
            return ""  # "selon un dernier bilan": a statement without its speaker
        begin += 1
    taken: list[str] = []
    for _, w in words[begin:]:
        if not taken and (w.lower() in tables.determiners or w in _OPENING_QUOTES):
            continue
        if _is_break(w, tables) or len(taken) == MAX_PHRASE_WORDS:
            break
        low = w.lower()
        if tables.lowercase_ends and taken and w[:1].islower() and low not in tables.joiners:
            break
        taken.append(w)
    if tables.lowercase_ends and not any(w[:1].isupper() for w in taken):
        return ""  # a speaker is a noun, capitalised: "nach Angaben starben ..." names none
    return " ".join(taken)


def _subject(words: list[tuple[int, str]], tables: _Tables) -> str:
    """The capitalised run right before a verb (``words`` run up to it); in a pack that
    capitalises nouns, with the lower-case adjectives between it and its determiner ("der
    südkoreanische Geheimdienst nennt"), and before a phrase of a stop word ("wie die
    Behörden am Freitag mitteilten")."""
    for _ in range(MAX_SKIPPED_PHRASES):
        run = 0
        while run < len(words) and words[len(words) - 1 - run][1][:1].isupper():
            run += 1
        before = len(words) - run - 1
        if not (tables.lowercase_ends and run == 1 and before > 0 and words[before][1] in tables.stops):
            break
        words = words[:before]  # "am Freitag": a time or place between subject and verb
    return _subject_run(words, tables)


def _subject_run(words: list[tuple[int, str]], tables: _Tables) -> str:
    taken: list[str] = []
    for k in range(len(words) - 1, -1, -1):
        w = words[k][1]
        # "Ein Sprecher des Kreises sagte": a joiner between capitalised words is of the subject.
        joined = bool(taken) and w.lower() in tables.joiners and k > 0 and words[k - 1][1][:1].isupper()
        if not (w[:1].isupper() or joined) or len(taken) == MAX_SUBJECT_WORDS:
            break
        taken.insert(0, w)
    while taken and taken[0].lower() in tables.joiners | tables.determiners:
        taken.pop(
            0
        )  # a sentence's capitalised article ("Das Ministerium sagte"), or the word limit after a joiner
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


def _nationality_statement(lowered: list[str], i: int, tables: _Tables) -> bool:
    """Whether ``lowered[i:]`` opens with an opener, a nationality adjective and a statement word
    ("nach ukrainischen Angaben")."""
    if not tables.nationality_endings or lowered[i] not in tables.compound_openers or len(lowered) < i + 3:
        return False
    return lowered[i + 1].endswith(tables.nationality_endings) and lowered[i + 2] in tables.statement_words


def _compound_speaker(word: str, tables: _Tables) -> str | None:
    """The speaker a compound statement noun names by its first part ("Polizeiangaben" ->
    "Polizei", "Regierungsangaben" -> "Regierung"); None for any other word."""
    low = word.lower()
    suffix = next((c for c in tables.compound_statements if low.endswith(c) and len(low) > len(c)), None)
    if suffix is None or " " in word:
        return None
    first = word[: len(word) - len(suffix)]
    if first.endswith("-") and len(first) > 2:
        return first[:-1]  # "UN-Angaben": the hyphen marks the parts
    if first.lower().endswith(tables.linking_endings):
        first = first[:-1]
    return first if len(first) >= MIN_COMPOUND_SPEAKER_CHARS else None


def _verb_size(lowered: list[str], i: int, tables: _Tables) -> int:
    """How many words a reporting verb starting at ``lowered[i]`` takes (0: none there); a
    verb of several words ("gab bekannt") has a stem for each."""
    for verb in tables.verbs:
        parts = verb.split()
        if len(lowered) - i >= len(parts) and all(
            w.startswith(p) for w, p in zip(lowered[i : i + len(parts)], parts, strict=True)
        ):
            return len(parts)
    return 0


def _is_object(words: list[tuple[int, str]], tables: _Tables) -> bool:
    """Whether ``words`` (after a verb) open with one of the pack's object nouns, past determiners."""
    rest = [w.lower() for _, w in words if w.lower() not in tables.determiners]
    return bool(rest) and rest[0] in tables.objects


def speakers_in(sentence: str) -> list[Cue]:
    """The speaker phrases the active pack's cues find in ``sentence``, in order."""
    pack = active()
    tables = _tables(pack.code, pack.root)
    if tables is None:
        return []
    words = _words(sentence)
    lowered = [w.lower() for _, w in words]
    found: list[Cue] = []
    back = any(w in tables.back for w in lowered[:2])  # "Про це заявив", "Dies sagte"
    passive = any(w.startswith(tables.agent_verbs) for w in lowered) if tables.agent_verbs else False
    for i, (start, w) in enumerate(words):
        low = lowered[i]
        after_comma = i > 0 and words[i - 1][1] == ","
        special = (tables.agent_openers if passive else ()) + (tables.comma_openers if after_comma else ())
        opened = next((o for o in special if tuple(lowered[i : i + len(o)]) == o), None)
        if opened is not None:
            phrase = _phrase(words[i + len(opened) :], tables)
            if phrase[:1].isupper():
                found.append(Cue(start, phrase, False))
                continue
        if _nationality_statement(lowered, i, tables):  # "nach ukrainischen Angaben"
            found.append(Cue(start, " ".join(w for _, w in words[i + 1 : i + 3]), False))
            continue
        named = (
            _compound_speaker(words[i + 1][1], tables)
            if low in tables.compound_openers and i + 1 < len(words)
            else None
        )
        if named:  # "nach Polizeiangaben"
            found.append(Cue(start, named, False))
            continue
        own = next((o for o in tables.own_cues if tuple(lowered[i : i + len(o)]) == o), None)
        if own is not None:
            phrase = _phrase(words[i + len(own) + 1 :] if i == 0 else words[:i], tables)
            if phrase[:1].isupper():
                found.append(Cue(start, phrase, False))
            continue
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
                found.append(Cue(start, phrase, False, opener in tables.citing))
            continue
        if low in tables.closers:
            begin = i
            while begin > 0 and not _is_break(words[begin - 1][1], tables) and i - begin < MAX_PHRASE_WORDS:
                begin -= 1
            phrase = _phrase(words[begin:i], tables)
            phrase = _compound_speaker(phrase, tables) or phrase  # "Behördenangaben zufolge"
            if phrase:
                found.append(Cue(words[begin][0], phrase, False))
            continue
        size = _verb_size(lowered, i, tables)
        if size:
            after = _phrase(words[i + size :], tables)
            if _is_object(words[i + size :], tables):
                after = ""  # "schätzen die Zahl der Flüchtlinge": the subject speaks
            head = after.split()[0] if after else ""
            inverted = i > 0 and words[i - 1][1] in _PHRASE_END  # ", informó el alcalde"
            if head and (
                inverted or head[:1].isupper() or head.lower() in tables.pronouns or len(after.split()) > 1
            ):
                found.append(Cue(start, after, back and i <= 3))
                continue
            subject = _subject(words[:i], tables)
            if subject and subject.lower() not in tables.back:
                found.append(Cue(words[i - len(subject.split())][0], subject, False))
    return found


def is_pronoun(phrase: str) -> bool:
    """Whether ``phrase`` stands for the last speaker named ("його", "er")."""
    pack = active()
    tables = _tables(pack.code, pack.root)
    return tables is not None and phrase.split()[0].lower() in tables.pronouns


def name_speaker(phrase: str, gazetteer: Gazetteer) -> str:
    """The alias tables' name for a stretch of ``phrase``, the longest first, else ``phrase``."""
    parts = phrase.split()
    for size in range(len(parts), 0, -1):
        for begin in range(len(parts) - size + 1):
            named = canonical_org(" ".join(parts[begin : begin + size]), gazetteer)
            if named:
                return named
    return phrase


def _carries() -> bool:
    pack = active()
    tables = _tables(pack.code, pack.root)
    return tables is not None and tables.carry


def _carries_into(sentence: str, same_paragraph: bool) -> bool:
    """Whether a figure of ``sentence`` without a cue of its own takes the last speaker: not
    after an attribution to no one named; in a pack with ``reported`` words, only in reported
    speech or in the last speaker's paragraph."""
    pack = active()
    tables = _tables(pack.code, pack.root)
    if tables is None:
        return True
    lowered = [w.lower() for _, w in _words(sentence)]
    if any(tuple(lowered[i : i + len(a)]) == a for a in tables.anonymous for i in range(len(lowered))):
        return False
    return not tables.reported or same_paragraph or any(w in tables.reported for w in lowered)


def attribute_by_word_order(
    sentences: list[tuple[int, int, str]],
    claims: list[Claim],
    gazetteer: Gazetteer,
    blocks: list[int] | None = None,
) -> list[Claim]:
    """``claims`` with the speakers the cues find for those that have none.

    ``sentences`` are (start, end, text) of the parsed sentences in order, ``blocks`` the
    paragraph of each (one paragraph when not given). A claim takes the cue nearest its
    figure in its own sentence; else that of the next sentence when it points back ("Про
    це заявив ..."); else the document's last speaker (in a pack with ``reported`` words,
    only from a sentence in reported speech or after a speaker of the same paragraph).
    """
    paragraph = blocks if blocks is not None else [0] * len(sentences)
    cues = [speakers_in(text) for _, _, text in sentences]
    named: list[list[tuple[int, str]]] = []  # speakers
    cited: list[str | None] = []  # the source a sentence's speaker cites
    last: str | None = None
    for (start, _, _), found in zip(sentences, cues):
        own = []
        cited.append(next((name_speaker(c.phrase, gazetteer) for c in found if c.cited), None))
        for cue in (c for c in found if not c.cited):
            if cue.pronoun or is_pronoun(cue.phrase):
                if last is None:
                    continue  # a pronoun with no speaker named before it
                speaker = last
            else:
                speaker = name_speaker(cue.phrase, gazetteer)
            own.append((start + cue.start, speaker))
            last = speaker
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
            if named[index]:
                who = min(named[index], key=lambda n: abs(n[0] - claim.span[0]))[1]
                source = cited[index]
            elif index + 1 < len(cues) and any(c.back and not c.cited for c in cues[index + 1]):
                back = [c for c in cues[index + 1] if not c.cited]
                who = next(n for c, n in zip(back, named[index + 1]) if c.back)[1]
                source = cited[index + 1]
            elif _carries():
                earlier = next((i for i in range(index - 1, -1, -1) if named[i]), None)
                if earlier is not None and _carries_into(
                    sentences[index][2], paragraph[earlier] == paragraph[index]
                ):
                    who, source = named[earlier][-1][1], cited[earlier]
        if who:
            claim = replace(claim, stated_by=who, source=claim.source or source or who)
        out.append(claim)
    return out
