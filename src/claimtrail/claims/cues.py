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
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import Any

from ..models import Claim
from .lang import Language, active, read_table
from .lexicon import Gazetteer
from .quantities import find_quantities
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
# Words between a statement's words and the link to its speaker ("según el balance oficial
# emitido este sábado por el CID"): a participle's time adverb, two or three words.
MAX_STATEMENT_GAP = 3
# Words of the person or outlet a reporting verb is addressed to, after its preposition
# ("declaró a periodistas el diputado", "a indiqué à l'AFP le ministre"): the addressee
# is one noun, with its determiner.
MAX_ADDRESSEE_WORDS = 1
# Words of a noun phrase subject opened by its determiner right before a reporting verb
# ("le National Intelligence Service de la Corée du Sud a déclaré"): a head of up to three
# words, two "of" phrases with their articles; a longer stretch is mostly a clause.
MAX_NOUN_SUBJECT_WORDS = 10
# Words after a reporting verb within which a figure makes them its object, not its speaker
# ("craint plusieurs centaines", "temen unos 300"): a vague word or qualifier and the number.
FIGURE_OPENING_WORDS = 2
# Phrases of a stop word and one capitalised word ("am Freitag", "im SWR") skipped between
# a subject and its verb: one or two in news.
MAX_SKIPPED_PHRASES = 2
# Letters of the first part of a compound statement noun that names a speaker: "Polizei",
# "Armee", "UN" is too short to tell from a prefix ("Vorangaben").
MIN_COMPOUND_SPEAKER_CHARS = 4

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
# Punctuation after which a cue closes the statement before it (", selon Lee", '", a déclaré').
_CLOSING_AFTER = set(',"”»')


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
    # Found by a reporting verb ("..., declaró el diputado"), not by an opener or closer.
    verb: bool = False
    # Closes its sentence's statement after a comma or quote (", a déclaré le préfet",
    # ", selon Lee"): it speaks the whole sentence.
    closing: bool = False
    # Names a statement ("según el balance emitido por el CID"); with no phrase, one whose
    # speaker is not named ("según los datos facilitados"): the last statement's speaker.
    statement: bool = False
    # A reporting verb after another in its sentence with no figure or complementizer
    # between: the outlet relaying the statement ("Об этом заявил X, сообщает РБК"), not its
    # speaker ("X anunció 40 muertos y Y confirmó", "Lee a déclaré que le NIS a déclaré").
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
    # Whether a reporting verb's subject may be a lower-case noun phrase opened by a
    # determiner ("las autoridades confirmaron", "la agencia de inteligencia de Corea del
    # Sur calcula"), its words joined by ``joiners`` ("de", "y"); else only a capitalised run.
    noun_subjects: bool
    # Whether a figure without a cue goes on with the document's last speaker (off where
    # a parse finds the speakers, and a figure it leaves without one is the outlet's own).
    carry: bool
    # Words naming a statement, not its speaker ("selon un dernier bilan", "según datos del
    # CID"): skipped at a phrase's start; a ``links`` word after them leads to the speaker,
    # and without one the phrase names no speaker.
    statement_words: frozenset[str]
    links: frozenset[str]
    # Prepositions of the addressee of a reporting verb, skipped with it ("dijo a periodistas
    # el ministro": the people or agency spoken to are no speaker).
    addressees: frozenset[str]
    # Words skipped right after a reporting verb before its speaker: time adverbs ("a déclaré
    # mercredi l'agence", "informó este sábado el ministerio").
    after_verb: frozenset[str]
    # Auxiliaries of a reporting verb's compound tense (", a déclaré"), skipped to find
    # whether the verb closes its sentence.
    auxiliaries: frozenset[str]
    # Endings of an auxiliary that carries its subject pronoun (", a-t-il précisé"): the
    # verb's speaker is the last one named.
    pronoun_endings: tuple[str, ...]
    # Elided words written onto the next ("l'agence", "d'espionnage"): read as words of their own.
    elisions: tuple[str, ...]
    # Words opening a reported clause ("que"): a reporting verb whose clause holds another
    # reports that one's statement ("Lee a déclaré que le NIS a déclaré que ...").
    complementizers: frozenset[str]
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
    # Prepositions ending a reporting verb of several words, which open its object ("spricht
    # von einer schwierigen Lage"): its speaker is the subject before it, never the words after.
    object_prepositions: frozenset[str]
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
    # Words opening a sentence in the outlet's own voice ("Напомним, ..."): no speaker goes on there.
    own_voice: frozenset[str]
    # Whether the speaker follows a statement word directly, in the genitive ("данные
    # разведки"), where other packs need a link word ("datos del CID").
    statement_genitive: bool
    # Addressees a reporting verb may take before its speaker ("сказал журналистам депутат X"):
    # skipped right after the verb.
    addressee_nouns: frozenset[str]
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
    tables = _Tables(**values)
    for f in fields(_Tables):  # "d'après" is two words where "d'" is elided
        if tables.elisions and str(f.type).count(tuple.__name__) == 2:
            values[f.name] = tuple(
                tuple(w for word in seq for _, w in _split_elision(0, word, tables.elisions))
                for seq in values[f.name]
            )
    return _Tables(**values)


def _split_elision(start: int, word: str, elisions: tuple[str, ...]) -> list[tuple[int, str]]:
    """``word`` at ``start``, its elided article or preposition apart ("l'agence" -> "l'", "agence")."""
    low = word.lower()
    elided = next((e for e in elisions if low.startswith(e) and len(low) > len(e)), None)
    if elided is None:
        return [(start, word)]
    return [(start, word[: len(elided)]), (start + len(elided), word[len(elided) :])]


def _words(sentence: str, tables: _Tables) -> list[tuple[int, str]]:
    return [
        piece
        for m in _WORD.finditer(sentence)
        for piece in _split_elision(m.start(), m.group(), tables.elisions)
    ]


def _join(words: list[str]) -> str:
    """``words`` as a phrase, an elided word written onto the next ("l’agence")."""
    return re.sub(r"(?<=\b\w['’]) ", "", " ".join(words))


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
        if begin < len(words) and tables.statement_genitive and not _is_break(words[begin][1], tables):
            pass  # "данные разведки": the speaker follows in the genitive
        else:
            gap = words[begin : begin + MAX_STATEMENT_GAP + 1]
            link = next(
                (k for k, (_, w) in enumerate(gap) if w.lower() in tables.links or w in _PHRASE_END), None
            )
            if link is None or gap[link][1].lower() not in tables.links:
                return ""  # "selon un dernier bilan": a statement without its speaker
            begin += link + 1
    taken: list[str] = []
    quoted = False  # a quote opened: a second '"' closes it ('"plusieurs centaines" de morts')
    for _, w in words[begin:]:
        if not taken and (w.lower() in tables.determiners or w in _OPENING_QUOTES):
            quoted = quoted or w in _OPENING_QUOTES
            continue
        if w in _OPENING_QUOTES and not quoted and all(t[:1].islower() for t in taken):
            # "агентство «Ёнхап»": the name in quotes, not the kind of body before it
            taken, quoted = [], True
            continue
        if _is_break(w, tables) or len(taken) == MAX_PHRASE_WORDS:
            break
        low = w.lower()
        if tables.lowercase_ends and taken and w[:1].islower() and low not in tables.joiners:
            break
        taken.append(w)
    if tables.lowercase_ends and not any(w[:1].isupper() for w in taken):
        return ""  # a speaker is a noun, capitalised: "nach Angaben starben ..." names none
    return _join(taken)


def _capitalised_run(words: list[tuple[int, str]], joiners: frozenset[str] = frozenset()) -> list[str]:
    """The capitalised words ending ``words``, at most MAX_SUBJECT_WORDS, with the ``joiners``
    between two of them ("Ein Sprecher des Kreises sagte")."""
    taken: list[str] = []
    for k in range(len(words) - 1, -1, -1):
        w = words[k][1]
        joined = bool(taken) and w.lower() in joiners and k > 0 and words[k - 1][1][:1].isupper()
        if not (w[:1].isupper() or joined) or len(taken) == MAX_SUBJECT_WORDS:
            break
        taken.insert(0, w)
    return taken


def _apposition(words: list[tuple[int, str]]) -> str:
    """A name between commas right before a verb ("El presidente, Carlos Mazón, dijo"): the
    subject's name in apposition; "" when none stands there."""
    if not words or words[-1][1] != ",":
        return ""
    run = _capitalised_run(words[:-1])
    before = len(words) - 1 - len(run) - 1
    return _join(run) if run and before >= 0 and words[before][1] == "," else ""


def _opens_verb(words: list[tuple[int, str]], tables: _Tables) -> bool:
    """Whether ``words`` open with a reporting verb, past its auxiliary ("ha informado")."""
    begin = 1 if words and words[0][1].lower() in tables.auxiliaries else 0
    return begin < len(words) and _is_verb(words[begin][1], tables)


def _opens_statement(words: list[tuple[int, str]], tables: _Tables) -> bool:
    """Whether ``words`` open with a statement word past their determiners ("los datos ...")."""
    lowered = [w.lower() for _, w in words]
    begin = 0
    while begin < len(lowered) and lowered[begin] in tables.determiners:
        begin += 1
    return begin < len(lowered) and lowered[begin] in tables.statement_words


def _subject(words: list[tuple[int, str]], tables: _Tables) -> str:
    """The capitalised run right before a verb (``words`` run up to it); in a pack that
    capitalises nouns, with the lower-case adjectives between it and its determiner ("der
    südkoreanische Geheimdienst nennt"), and past a phrase of a stop word before the verb
    ("wie die Behörden am Freitag mitteilten")."""
    apposition = _apposition(words)
    if apposition:
        return apposition
    for _ in range(MAX_SKIPPED_PHRASES):
        run = len(_capitalised_run(words))
        stop = len(words) - run - 1
        if not (tables.lowercase_ends and run == 1 and stop > 0 and words[stop][1] in tables.stops):
            break
        words = words[:stop]  # "wie die Behörden am Freitag mitteilten": a time between subject and verb
    taken = _capitalised_run(words, tables.joiners)
    while taken and taken[0].lower() in tables.stops | tables.determiners | tables.joiners:
        taken.pop(0)  # "Se estima que", "Das Ministerium sagte": a capitalised function word is no subject
    if tables.noun_subjects:
        return _noun_subject(words, tables) or _join(taken)
    if not taken or not tables.lowercase_ends:
        return _join(taken)
    before = [w for _, w in words[: len(words) - len(taken)]]
    for size in range(1, MAX_SUBJECT_ADJECTIVES + 1):
        adjectives = before[len(before) - size :] if len(before) > size else []
        if not adjectives or not all(a[:1].islower() and a.isalpha() for a in adjectives):
            break
        if before[-size - 1].lower() in tables.determiners:
            return " ".join(adjectives + taken)
    return " ".join(taken)


def _noun_subject(words: list[tuple[int, str]], tables: _Tables) -> str:
    """The noun phrase right before a verb from its determiner ("las agencias de inteligencia
    surcoreanas y occidentales aseguran"), without the determiner; "" when none opens it."""
    end = len(words)
    while end > 0 and words[end - 1][1].lower() in tables.auxiliaries | tables.after_verb:
        end -= 1  # "le bureau a également signalé"
    if end > 0 and words[end - 1][1] == ")":  # "l'agence du renseignement (NIS) a rapporté"
        opening = next((k for k in range(end - 2, max(end - 4, -1), -1) if words[k][1] == "("), None)
        end = opening if opening is not None else end
    words = words[:end]
    begin = len(words)
    while begin > 0 and len(words) - begin < MAX_NOUN_SUBJECT_WORDS:
        w = words[begin - 1][1]
        if (
            w in _PHRASE_END
            or w[:1].isdigit()
            or (w.lower() in tables.stops and w.lower() not in tables.joiners)
        ):
            break
        begin -= 1
    taken = [w for _, w in words[begin:]]
    # From its first determiner: "40 muertos y la policía confirmó" is the police.
    first = next((k for k, w in enumerate(taken) if w.lower() in tables.determiners), None)
    if first is None:
        return ""
    taken = taken[first:]
    while taken and taken[0].lower() in tables.determiners:
        taken.pop(0)
    return _join(taken) if taken and taken[-1].lower() not in tables.joiners else ""


def _after_verb(words: list[tuple[int, str]], tables: _Tables) -> list[tuple[int, str]]:
    """``words`` after a reporting verb from where its speaker may stand: past the time
    adverbs and the addressee ("declaró a periodistas el diputado" -> "el diputado")."""
    begin = 0
    while begin < len(words) and words[begin][1].lower() in tables.after_verb:
        begin += 1
    if begin < len(words) and words[begin][1].lower() in tables.addressees:
        addressee = begin + 1
        while addressee < len(words) and words[addressee][1].lower() in tables.determiners:
            addressee += 1
        end = addressee + MAX_ADDRESSEE_WORDS
        if end < len(words) and words[end][1].lower() in tables.determiners:
            begin = end  # the speaker's determiner follows the addressee
    return words[begin:]


def _own_cue(
    words: list[tuple[int, str]], lowered: list[str], i: int, passive: bool, tables: _Tables
) -> str | None:
    """The speaker of a cue of the pack's own kinds at ``words[i]``: a passive's agent ("von der
    Kreisverwaltung ... angegeben"), an opener after a comma (", so der Bürgermeister"), a
    nationality with a statement word ("nach ukrainischen Angaben"), a compound statement noun
    ("nach Polizeiangaben"), the sentence's subject ("nach eigenen Angaben"); "" for such a cue
    that names no one; None where none stands."""
    after_comma = i > 0 and words[i - 1][1] == ","
    special = (tables.agent_openers if passive else ()) + (tables.comma_openers if after_comma else ())
    opened = next((o for o in special if tuple(lowered[i : i + len(o)]) == o), None)
    if opened is not None:
        phrase = _phrase(words[i + len(opened) :], tables)
        if phrase[:1].isupper():
            return phrase
    if _nationality_statement(lowered, i, tables):
        return " ".join(w for _, w in words[i + 1 : i + 3])
    if lowered[i] in tables.compound_openers and i + 1 < len(words):
        named = _compound_speaker(words[i + 1][1], tables)
        if named:
            return named
    own = next((o for o in tables.own_cues if tuple(lowered[i : i + len(o)]) == o), None)
    if own is not None:
        phrase = _phrase(words[i + len(own) + 1 :] if i == 0 else words[:i], tables)
        return phrase if phrase[:1].isupper() else ""
    return None


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
    words = _words(sentence, tables)
    lowered = [w.lower() for _, w in words]
    found: list[Cue] = []
    # "Про це заявив", "Dies sagte": the sentence's first reporting verb points back.
    back = any(w in tables.back for w in lowered[:2])
    passive = any(w.startswith(tables.agent_verbs) for w in lowered) if tables.agent_verbs else False
    verbs_seen = 0
    last_verb = 0  # the index of the last reporting verb that named a speaker
    colon = next((i for i, (_, w) in enumerate(words[: MAX_SUBJECT_WORDS + 1]) if w == ":"), None)
    if colon and all(w[:1].isupper() for _, w in words[:colon]):
        found.append(Cue(0, " ".join(w for _, w in words[:colon]), False, known_only=True))
    for i, (start, w) in enumerate(words):
        low = lowered[i]
        pronoun = next((o for o in tables.pronoun_cues if tuple(lowered[i : i + len(o)]) == o), None)
        if pronoun is not None:
            found.append(Cue(start, " ".join(pronoun), False, pronoun=True))
            continue
        own_cue = _own_cue(words, lowered, i, passive, tables)
        if own_cue is not None:
            if own_cue:
                found.append(Cue(start, own_cue, False))
            continue
        opener = next(
            (o for o in tables.openers + tables.citing if tuple(lowered[i : i + len(o)]) == o), None
        )
        if opener is not None and _opens_verb(words[i + len(opener) :], tables):
            continue  # "según informó el CID", "según ha dicho X": the verb's cue names the speaker
        if opener is not None:
            phrase = _phrase(words[i + len(opener) :], tables)
            statement = _opens_statement(words[i + len(opener) :], tables)
            if phrase or statement:
                closing = i > 0 and words[i - 1][1] in _CLOSING_AFTER
                cited = opener in tables.citing
                genitive = opener in tables.genitive_openers
                found.append(
                    Cue(start, phrase, False, cited, closing=closing, statement=statement, genitive=genitive)
                )
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
            first = i + size
            while first < len(words) and lowered[first] in tables.addressee_nouns:
                first += 1  # "сказал журналистам депутат X"
            if (
                first + 1 < len(words)
                and lowered[first] in tables.speaker_prepositions
                and words[first + 1][1][:1].isupper()
            ):
                first += 1  # "повідомили в ДСНС"
            after = _phrase(_after_verb(words[first:], tables), tables)
            if _is_object(words[i + size :], tables) or lowered[i + size - 1] in tables.object_prepositions:
                after = ""  # "schätzen die Zahl der Flüchtlinge": the subject speaks
            head = after.split()[0] if after else ""
            aux = i - 1 if i > 0 and lowered[i - 1] in tables.auxiliaries else i
            inverted = aux > 0 and words[aux - 1][1] in _PHRASE_END  # ", informó el alcalde"
            closes = aux > 0 and words[aux - 1][1] in _CLOSING_AFTER
            speaks = (
                inverted
                or head[:1].isupper()
                or head.lower() in tables.pronouns
                or after.lower() in tables.anaphors
                or len(after.split()) > 1
            )
            # 'craint "plusieurs centaines"': a figure among the first words is the verb's object
            opening = len(" ".join(after.split()[:FIGURE_OPENING_WORDS]))
            figure = any(q.start < opening for q in find_quantities(after))
            relay = verbs_seen > 0 and not any(
                v[:1].isdigit() or v in tables.complementizers for v in lowered[last_verb:i]
            )
            if head and speaks and not figure:
                found.append(
                    Cue(start, after, back and not verbs_seen, verb=True, closing=closes, relay=relay)
                )
                verbs_seen += 1
                last_verb = i
                continue
            if i > 0 and tables.pronoun_endings and lowered[i - 1].endswith(tables.pronoun_endings):
                found.append(Cue(words[i - 1][0], lowered[i - 1], False, pronoun=True, verb=True))
                continue
            end = i
            while end > 0 and lowered[end - 1] in tables.auxiliaries | tables.after_verb:
                end -= 1  # "Lee a déclaré", "le ministère a mercredi annoncé"
            subject = _subject(words[:end], tables)
            if subject and subject.lower() not in tables.back:
                found.append(
                    Cue(words[max(end - len(subject.split()), 0)][0], subject, False, verb=True, relay=relay)
                )
                verbs_seen += 1
                last_verb = i
                continue
            clause_opening = _clause_opening(words[:i], tables)
            if clause_opening:  # "Національна розвідувальна служба Сеула у квітні заявляла"
                found.append(Cue(0, clause_opening, False, verb=True, relay=relay, known_only=True))
                verbs_seen += 1
                last_verb = i
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
    letters = _romanization(pack.code, pack.root)
    if not any(ch.lower() in letters for ch in " ".join(run)):
        # A name already in Latin letters is kept whole, not cut to its last two words:
        # "організації Harbour Aid International" is the body, not "Aid International".
        while (
            len(run) < MAX_SUBJECT_WORDS
            and len(run) < len(parts)
            and _is_latin_name_word(parts[-len(run) - 1], letters)
        ):
            run = parts[-len(run) - 1 :]
        return " ".join(run)
    if genitive:
        run = [_nominative(w, pack) for w in run]
    return romanized(" ".join(run))


def _is_latin_name_word(word: str, letters: dict[str, str]) -> bool:
    """Whether ``word`` is a capitalised word with none of the pack's own letters ("Harbour")."""
    return word[:1].isupper() and word.isalpha() and not any(ch.lower() in letters for ch in word)


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
    """A speaker named in a sentence: where its cue stands in the text, the name, whether a
    reporting verb found it, the source it cites and whether it states the figures of the
    sentence before."""

    start: int
    speaker: str
    verb: bool
    source: str | None = None
    back: bool = False


def _speaker_cues(found: list[Cue]) -> list[tuple[Cue, Cue | None]]:
    """The speakers' cues of a sentence, each with the cue of the source it cites: the citing cue right
    after it ("сообщает «Вести» со ссылкой на ...") or, before the first speaker, right
    before it. A relaying outlet ("..., сообщает РБК со ссылкой на Reuters") is left out
    with what it cites, when the sentence names a speaker before it."""
    primary = [c for c in found if not c.cited and not c.relay]
    out: list[tuple[Cue, Cue | None]] = []
    for i, cue in enumerate(found):
        if cue.cited or (cue.relay and primary):
            continue
        after = found[i + 1] if i + 1 < len(found) and found[i + 1].cited else None
        before = found[i - 1] if i > 0 and found[i - 1].cited and not out else None
        citing = after or before
        out.append((cue, citing))
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


def _named_before(speaker: str, earlier: list[_Named]) -> str:
    """``speaker`` as named in full before: a role alone ("el diputado") or a word of a
    person's name ("Lee") stands for the earlier "diputado Lee Seong-kweun"."""
    if " " in speaker:
        return speaker
    for named in reversed(earlier):
        name = named.speaker
        parts = name.split()
        if len(parts) < 2 or speaker not in parts:
            continue
        at = parts.index(speaker)
        role = speaker[:1].islower() and at + 1 < len(parts) and parts[at + 1][:1].isupper()
        person = speaker[:1].isupper() and sum(p[:1].isupper() for p in parts) >= 2 and _in_name(parts, at)
        if role or person:
            return name
    return speaker


def _in_name(parts: list[str], at: int) -> bool:
    """Whether ``parts[at]`` belongs to a run of two or more capitalised words (a person's name)."""
    begin = at
    while begin > 0 and parts[begin - 1][:1].isupper():
        begin -= 1
    end = at
    while end + 1 < len(parts) and parts[end + 1][:1].isupper():
        end += 1
    return end > begin


def _over_the_parse(
    claim: Claim,
    own: list[_Named],
    closer: tuple[bool, str] | None,
    cited: str | None,
    nests: Callable[[int, int], bool],
) -> Claim:
    """``claim``, whose speaker the parse found, with the speaker its sentence's cues name over it.

    A closing verb's speaker stands where the parse may have read another subject (", a
    déclaré le préfet ... sur la chaîne X"); a closing opener cites the parse's speaker when
    a verb's subject stands before the figure ("Le NIS a déclaré que ..., selon Lee"); a
    sentence whose cues all name others names its own where the parse went on with an
    earlier sentence's speaker ("D'après le ministère, le bilan s'élève à 120").
    """
    if closer is not None:
        verb, speaker = closer
        cites = not verb and any(n.verb and n.start < claim.span[0] for n in own)
        return replace(claim, stated_by=speaker, source=claim.stated_by if cites else speaker)
    who, nested = _speaker_and_source(own, claim.span[0], nests) if own else (None, None)
    if who and (nested == claim.stated_by or not any(n.speaker == claim.stated_by for n in own)):
        return replace(claim, stated_by=who, source=cited or nested or who)
    return claim


def _closing_after(
    claim: Claim, index: int, named: list[list[_Named]], closing: list[str | None]
) -> tuple[bool, str] | None:
    """(whether a verb found it, speaker) of the closing cue after ``claim``'s figure in its
    sentence, when it names someone other than the claim's speaker."""
    if closing[index] is None or closing[index] == claim.stated_by:
        return None
    after = [n for n in named[index] if n.start > claim.span[0] and n.speaker == closing[index]]
    return (after[0].verb, after[0].speaker) if after else None


def _speaker_and_source(
    named: list[_Named], at: int, nests: Callable[[int, int], bool] = lambda a, b: False
) -> tuple[str, str | None]:
    """The speaker of the figure at ``at`` among a sentence's ``named`` speakers, and the
    source it reports when one statement holds the other.

    The cue nearest the figure names its speaker, but a reporting verb after the figure
    speaks the whole sentence, citing the speaker before it ("Según el SNI, ... 600 ...,
    declaró el diputado": the deputy, citing the SNI); and an opener before a reporting
    verb that stands before the figure speaks the verb's statement ("Según Lee, el SNI cree
    que ... 6000": Lee, citing the SNI), as does a reporting verb whose clause (``nests``)
    holds the next ("Lee a déclaré que le NIS a déclaré que 2 000 ...": Lee, citing the NIS).
    """
    before = [n for n in named if n.start < at]
    closing = next((n for n in named if n.start > at and n.verb), None)
    if closing is not None and before and before[-1].speaker != closing.speaker:
        return closing.speaker, before[-1].speaker
    held = len(before) > 1 and before[-1].verb and before[-2].speaker != before[-1].speaker
    if held and (not before[-2].verb or nests(before[-2].start, before[-1].start)):
        return before[-2].speaker, before[-1].speaker
    return min(named, key=lambda n: abs(n.start - at)).speaker, None


def _nesting(sentence: tuple[int, int, str], tables: _Tables | None) -> Callable[[int, int], bool]:
    """Whether, in ``sentence``, the statement of the cue at one offset holds the cue at a
    later one: a complementizer stands between them and no figure ("Lee a déclaré aux
    journalistes que le NIS ...", not "X a annoncé 40 morts et Y ...")."""
    start, _, text = sentence

    def nests(outer: int, inner: int) -> bool:
        if tables is None:
            return False
        between = _words(text[outer - start : inner - start], tables)
        words = {w.lower() for _, w in between}
        return bool(words & tables.complementizers) and not any(w[:1].isdigit() for _, w in between)

    return nests


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
    lowered = [w.lower() for _, w in _words(sentence, tables)]
    if any(tuple(lowered[i : i + len(a)]) == a for a in tables.anonymous for i in range(len(lowered))):
        return False
    return not tables.reported or same_paragraph or any(w in tables.reported for w in lowered)


def attribute_by_word_order(
    sentences: list[tuple[int, int, str]],
    claims: list[Claim],
    gazetteer: Gazetteer,
    blocks: list[int] | None = None,
    days: list[list[tuple[int, dt.date]]] | None = None,
    published: dt.date | None = None,
) -> list[Claim]:
    """``claims`` with the speakers the cues find for those that have none.

    ``sentences`` are (start, end, text) of the parsed sentences in order, ``blocks`` the
    paragraph of each (one paragraph when not given). A claim takes the cue nearest its
    figure in its own sentence; else that of the next sentence when it points back ("Про
    це заявив ..."); else the document's last speaker (in a pack with ``reported`` words,
    only from a sentence in reported speech or after a speaker of the same paragraph).
    ``days``, one list per sentence, holds (where, day) of each single day a sentence names:
    a day in the clause of a speaker's cue ("цитує законодавця у вівторок, 2 вересня"), or
    anywhere in a sentence without figures, dates that speaker's statements, which otherwise
    date from ``published``; a day in another clause is the figures' ("Три дні тому ...
    загинули 5, заявив X").
    """
    paragraph = blocks if blocks is not None else [0] * len(sentences)
    cues = [speakers_in(text) for _, _, text in sentences]
    pack = active()
    tables = _tables(pack.code, pack.root)
    document = _Document(" ".join(text for _, _, text in sentences), gazetteer)
    named: list[list[_Named]] = []
    cited: list[str | None] = []  # the source a sentence's speakers cite
    last: str | None = None
    last_statement: str | None = None  # the speaker of the last statement named with its speaker
    closing: list[str | None] = []  # the speaker of a sentence's closing cue
    cites: dict[str, str] = {}  # the statement each speaker last reported: Lee citing the NIS goes on
    said: dict[str, dt.date] = {}  # the day each speaker was quoted on
    for number, ((start, end, text), found) in enumerate(zip(sentences, cues)):
        named_days = days[number] if days is not None else []
        has_figures = any(start <= c.span[0] < end for c in claims)
        own: list[_Named] = []
        closing.append(None)
        sentence_cited: str | None = None
        for cue, citing in _speaker_cues(found):
            if cue.statement and not cue.phrase:
                if last_statement is None:
                    continue  # "selon un dernier bilan": no statement named before it
                speaker = last_statement
            elif cue.pronoun or is_pronoun(cue.phrase):
                if last is None:
                    continue  # a pronoun with no speaker named before it
                speaker = last
            elif cue.known_only:
                known = document.known(cue.phrase)
                if known is None:
                    continue
                speaker = known
            else:
                speaker = _named_before(
                    document.name(cue.phrase, cue.genitive), [n for o in named for n in o] + own
                )
            citing_name = document.name(citing.phrase) if citing and citing.phrase else None
            if citing_name:
                sentence_cited = sentence_cited or citing_name
                # A statement the speaker reports, named before it or by a statement word, goes
                # on being reported ("Такою є оцінка служби ..., повідомив депутат Лі" then "...,
                # додав Лі"; "приводит агентство «Ёнхап» со ссылкой на данные разведки" then
                # "уточняет агентство"); a name cited after it ("dijo Pérez, citando a Reuters")
                # is the outlet's reference for that report only.
                if citing is not None and (citing.start < cue.start or citing.statement):
                    cites[speaker] = citing_name
            reported = citing_name or cites.get(speaker)
            if cue.statement and cue.phrase:
                last_statement = speaker
            own.append(_Named(start + cue.start, speaker, cue.verb, reported, cue.back))
            if cue.known_only:
                continue  # a name found only by the tables speaks for its sentence, not for "він" after it
            if cue.closing and not cue.pronoun:
                closing[-1] = speaker
            last = speaker
            day = _statement_day(text, cue.start, named_days, has_figures)
            if day is not None and (published is None or day <= published):
                said[speaker] = day
        named.append(own)
        cited.append(sentence_cited)
    out: list[Claim] = []
    sources: dict[str, str] = {}  # the source each speaker last reported through another
    for claim in claims:
        index = next((i for i, (s, e, _) in enumerate(sentences) if s <= claim.span[0] < e), None)
        if claim.stated_by is not None:
            if index is not None:
                closer = _closing_after(claim, index, named, closing)
                nests = _nesting(sentences[index], tables)
                claim = _over_the_parse(claim, named[index], closer, cited[index], nests)
            out.append(claim)
            continue
        who: str | None = None
        source: str | None = None
        nested: str | None = None
        if index is not None:
            pointing = [n for n in named[index + 1] if n.back] if index + 1 < len(named) else []
            if named[index]:
                who, nested = _speaker_and_source(
                    named[index], claim.span[0], _nesting(sentences[index], tables)
                )
                own_source = next((n.source for n in named[index] if n.speaker == who and n.source), None)
                source = cited[index] or nested or own_source
            elif pointing:
                who, source = pointing[0].speaker, cited[index + 1] or pointing[0].source
            elif _carries() and not _in_own_voice(sentences[index][2]):
                earlier = next((i for i in range(index - 1, -1, -1) if named[i]), None)
                if earlier is not None and _carries_into(
                    sentences[index][2], paragraph[earlier] == paragraph[index]
                ):
                    who, source = named[earlier][-1].speaker, cited[earlier] or named[earlier][-1].source
        if who:
            # A speaker goes on reporting the statement it last reported ("Según Lee, el SNI
            # cree que ..." then "..., dijo el diputado"); a source an outlet cites for its
            # report ("со ссылкой на Reuters") is the outlet's, not the speaker's.
            claim = replace(claim, stated_by=who, source=claim.source or source or sources.get(who) or who)
            if nested and index is not None and not cited[index]:
                sources[who] = nested
        if claim.stated_by in said and claim.stated_on in (None, published):
            claim = replace(claim, stated_on=said[claim.stated_by])
        out.append(claim)
    return out
