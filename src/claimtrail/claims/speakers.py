"""A document's memory of who speaks: full names, roles, cited sources, dates.

Articles name a speaker in full once ("lawmaker Lee Seong-kweun told
reporters after a briefing from the spy agency") and then shorten it ("said
Lee", "he added", "the official said"). The memory maps the short forms back
and carries each speaker's cited source and statement date forward.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from .lang import active, has_entity, has_role, is_entity
from .lang import words as pack_words
from .lexicon import Gazetteer
from .syntax import Token

# The title words that name a person's role ("minister", "mr") are the pack's
# ``roles.toml`` titles (shared + naming); the words around a role that do not change
# whom it names ("the country's health minister") its ``[speakers] role_fillers``.
# How many words before a person's name may hold their role ("Health Minister Ana Ruiz").
ROLE_WINDOW_TOKENS = 4
# How many describing words a role may carry besides its title word ("top security
# official": two); more than that is a clause, not a role.
ROLE_MAX_MODIFIERS = 3
# How many words a person's name may have in plain text ("Maria del Carmen Ruiz" is rare;
# "Karin Olsen", "Lee Seong-kweun" are the rule); longer capitalised runs are titles of works.
NAME_MAX_WORDS = 3
_NAME_WORD = r"[A-Z][a-z'’-]+"


def _titles() -> frozenset[str]:
    """The active pack's title words that name a role."""
    return active().roles.role_titles


def _norm(name: str) -> str:
    # "William Ruto's claim": the possessive ending is no part of the name
    return pack_words().name_possessive.sub("", re.sub(r"\s+", " ", name.replace("’", "'")).strip())


def canonical_org(name: str, gazetteer: Gazetteer) -> str | None:
    """The canonical name of an organisation named ``name``, from the alias table."""
    key = _norm(name).lower()
    key = pack_words().name_articles.sub("", key)
    for org in gazetteer.orgs:
        if any(p.fullmatch(key) for p in org.patterns):
            return org.name
    return None


@lru_cache(maxsize=4)
def _introduction_pattern(titles: tuple[str, ...]) -> re.Pattern[str]:
    """A title word, up to ROLE_MAX_MODIFIERS words before it, and the capitalised name after it."""
    alternatives = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
    return re.compile(
        rf"((?:[A-Za-z]+ ){{0,{ROLE_MAX_MODIFIERS}}})(?i:({alternatives})) "
        rf"((?:{_NAME_WORD} ){{1,{NAME_MAX_WORDS - 1}}}{_NAME_WORD})\b(?! [A-Z])"
    )


@lru_cache(maxsize=4)
def _introduction_cue(titles: tuple[str, ...]) -> re.Pattern[str]:
    """What every match of :func:`_introduction_pattern` holds: a title word, a space, a capital."""
    alternatives = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
    return re.compile(rf"(?i:{alternatives}) [A-Z]")


def _cued_lines(text: str, cue: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of ``text`` that holds ``cue``, in order."""
    end = -1
    for hit in cue.finditer(text):
        if hit.start() < end:
            continue  # a line already given
        start = text.rfind("\n", 0, hit.start()) + 1
        end = text.find("\n", hit.end())
        end = len(text) if end < 0 else end
        yield start, end


@dataclass
class SpeakerMemory:
    """What one document has said so far about its speakers."""

    gazetteer: Gazetteer
    people: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    dates: dict[str, dt.date] = field(default_factory=dict)
    by_head: dict[str, str] = field(default_factory=dict)
    last_person: str | None = None
    last_organisation: str | None = None
    roles: dict[str, str] = field(default_factory=dict)
    # Every person the whole document introduces with a role: (person, describing words, title word).
    introduced: list[tuple[str, frozenset[str], str]] = field(default_factory=list)

    def learn_people(self, doc: object) -> None:
        for ent in doc.ents:  # type: ignore[attr-defined]
            if is_entity(ent, "person") and len(ent) >= 2 and ent.text not in self.people:
                self.people.append(_norm(ent.text))

    def learn_introductions(self, doc: object) -> None:
        """Remember, for the whole document, whom it introduces with which role.

        Called on every sentence before any is resolved, so that a headline's
        "security chief says" finds the body's "top security official Ana Ruiz".
        """
        titles, fillers = _titles(), pack_words().role_fillers
        for ent in doc.ents:  # type: ignore[attr-defined]
            if not is_entity(ent, "person") or len(ent) < 2:
                continue
            person = self._full(_norm(ent.text))
            before = doc[max(0, ent.start - ROLE_WINDOW_TOKENS) : ent.start]  # type: ignore[index]
            words: list[str] = []
            for t in reversed(list(before)):  # the run of plain words right before the name
                if not t.is_alpha:
                    break
                words.insert(0, t.lower_)
            while words and words[-1] not in titles:
                words.pop()
            if not words:
                continue
            describing = frozenset(w for w in words[:-1] if w not in titles and w not in fillers)
            entry = (person, describing, words[-1])
            if entry not in self.introduced:
                self.introduced.append(entry)

    def learn_introductions_from_text(self, text: str, titles: tuple[str, ...]) -> None:
        """Whom the plain text introduces with a title word ("Education Minister Karin Olsen visited").

        The fallback for sentences that were not parsed (those without a figure).
        """
        naming, fillers = _titles(), pack_words().role_fillers
        pattern = _introduction_pattern(titles)
        # An introduction never runs over a line break, and it holds its cue: only the lines
        # holding one are scanned (the pattern, tried at every character, took a fifth of the
        # claims stage's time on bench/throughput.py's corpus, 0.5 s per 500 documents).
        matches = (
            m
            for start, end in _cued_lines(text, _introduction_cue(titles))
            for m in pattern.finditer(text, start, end)
        )
        for m in matches:
            words = [w.lower() for w in m.group(1).split()]
            describing = frozenset(w for w in words if w not in naming and w not in fillers)
            entry = (self._full(_norm(m.group(3))), describing, m.group(2).lower().rstrip("."))
            if entry not in self.introduced:
                self.introduced.append(entry)

    def headline_speaker(self, line: str, verbs: tuple[str, ...]) -> str | None:
        """The person a headline line names as its speaker ("..., Ortiz says", "...: Ortiz").

        Only a person the document names in full elsewhere counts, so that a
        headline ending on a place or a thing ("...: Lisbon") names nobody.
        """
        alternatives = "|".join(re.escape(v) for v in verbs)
        m = re.search(
            rf"(?:,\s+({_NAME_WORD}(?: {_NAME_WORD}){{0,{NAME_MAX_WORDS - 1}}})\s+(?:{alternatives})"
            rf"|:\s+({_NAME_WORD}(?: {_NAME_WORD}){{0,{NAME_MAX_WORDS - 1}}}))\s*$",
            line.strip(),
        )
        if not m:
            return None
        parts = set(_norm(m.group(1) or m.group(2)).split())
        known = [*self.people, *(person for person, _, _ in self.introduced)]
        return next(
            (person for person in known if len(person.split()) >= 2 and parts <= set(person.split())), None
        )

    def _introduced_as(self, title: str, describing: frozenset[str]) -> str | None:
        """The person first introduced with the role closest to ``describing`` + ``title``."""
        best: tuple[int, str] | None = None
        for person, words, head in self.introduced:
            shared = len(words & describing)
            if describing and not shared:
                continue
            score = shared * 2 + (head == title)
            if score and (best is None or score > best[0]):
                best = (score, person)
        if best is None and describing:
            # "Portugal's health minister" and "minister Ana Ruiz", the document's only minister: her.
            holders = {person for person, _, head in self.introduced if head == title}
            if len(holders) == 1:
                return holders.pop()
        return best[1] if best else None

    def learn_roles(self, doc: object) -> None:
        """Remember the role each person is named with ("Health Minister Ana Ruiz", "Ruiz, the minister").

        Called sentence by sentence in text order, so a bare role ("the minister
        said") names the person last introduced with it.
        """
        titles = _titles()
        for ent in doc.ents:  # type: ignore[attr-defined]
            if not is_entity(ent, "person") or len(ent) < 2:
                continue
            person = self._full(_norm(ent.text))
            before = doc[max(0, ent.start - ROLE_WINDOW_TOKENS) : ent.start]  # type: ignore[index]
            words = [t.lower_ for t in before if not t.is_punct or t.text == "-"]
            near = [ent.root.head] if has_role(ent.root, "appositive") else []
            near += [c for c in ent.root.children if has_role(c, "appositive")]
            for word in [*words, *(t.lower_ for t in near)]:
                for part in word.split("-"):
                    if part in titles:
                        self.roles[part] = person

    def _role_person(self, name: str) -> str | None:
        """The person a bare role names ("the minister", "the country's top general")."""
        titles = _titles()
        ending = pack_words().possessive_end  # "lebanon's health minister": "lebanon", "health"
        words = [
            ending.sub("", w)
            for w in re.findall(r"[\w'’-]+", name.lower())
            if w not in pack_words().role_fillers
        ]
        if not words:
            return None
        title = words[-1].split("-")[-1]
        if all(part in titles for w in words for part in w.split("-")):
            return self.roles.get(title) or self._introduced_as(title, frozenset()) or self.last_person
        # "security chief", "the country's health minister": a title word with describing
        # words names the person the document introduces with a role sharing them.
        describing = frozenset(w for w in words[:-1] if w not in titles)
        if (
            title not in titles
            or len(describing) > ROLE_MAX_MODIFIERS
            or not all(w.isalpha() for w in describing)
        ):
            return None
        return self._introduced_as(title, describing)

    def resolve(self, name: str | None, token: Token | None) -> str | None:
        """The full, canonical name behind ``name`` as this document uses it."""
        if not name:
            return None
        if name.lower() in pack_words().pronouns:
            return self.last_person
        role = self._role_person(name)
        if role is not None:
            self.last_person = role
            return role
        if name.lower() in pack_words().organisation_pronouns:  # "Pyongyang has sent 11,000 troops, it said"
            return self.last_organisation
        person = self._person_in(name, token)
        if person:
            self.last_person = person
            return person
        key = " ".join(name.lower().split())
        org = canonical_org(name, self.gazetteer)
        if org:
            self._register(name, org)
            self.last_organisation = org
            return org
        if key in self.by_head:  # "the agency reported", "a briefing from the spy agency"
            return self.by_head[key]
        self._register(name, name)
        if token is None or not has_entity(token, "person"):
            self.last_organisation = name
        return name

    def _register(self, name: str, resolved: str) -> None:
        """From now on the shorter tails of ``name`` ("spy agency", "agency") stand for ``resolved``."""
        words = name.lower().split()
        for start in range(1, len(words)):
            self.by_head[" ".join(words[start:])] = resolved

    def _person_in(self, name: str, token: Token | None) -> str | None:
        if token is not None:
            for appos in (
                c for c in token.children if has_role(c, "appositive")
            ):  # "its director, Lucan Ferris,"
                for ent in token.doc.ents:
                    if is_entity(ent, "person") and ent.start <= appos.i < ent.end:
                        return self._full(_norm(ent.text))
            for ent in token.doc.ents:
                if (
                    is_entity(ent, "person")
                    and ent.start >= token.left_edge.i
                    and ent.end <= token.right_edge.i + 1
                ):
                    return self._full(_norm(ent.text))
        words = [w for w in re.findall(r"[\w'-]+", name) if w.lower() not in _titles()]
        if len(words) == 1 and words[0][:1].isupper():
            return self._full(words[0])
        return None

    def _full(self, short: str) -> str:
        parts = set(short.split())
        for person in self.people:
            if parts <= set(person.split()):
                return person
        return short

    def remember(self, speaker: str, source: str | None, stated_on: dt.date | None) -> None:
        if source and speaker not in self.sources:
            self.sources[speaker] = source
        if stated_on and speaker not in self.dates:
            self.dates[speaker] = stated_on
