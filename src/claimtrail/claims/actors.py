"""Whose people or things a figure counts, and where.

Steps for the actor: 1. a place word inside the counted noun phrase
("North Korean soldiers", "soldiers from North Korea", "Pyongyang troops");
2. for sending, supplying, holding and other figures, the subject of the verb
above ("Pyongyang deployed 12,000 troops") — never for killed or wounded,
whose subject is the one who did it; 3. left to the caller (the sentence's
or document's usual actor).
"""

from __future__ import annotations

from itertools import pairwise

from .lang import has_entity, has_role, words
from .lexicon import Gazetteer
from .syntax import Token, ancestors

# Measures whose verb subject owns the counted things; for the others the
# subject is who inflicted the losses ("Ukraine destroyed 12 Russian tanks")...
# unless the verb says the subject bore them ("Russia has lost 851,810 troops":
# the pack's ``[actors] bearing_verbs``).
SUBJECT_OWNS = frozenset({"deployed", "supplied", "territory"})

# The entity roles of places (a country, a region, a city, a named fire or facility).
PLACE_ENTITIES = ("political_place", "natural_place", "facility")


def place_in(text: str, gazetteer: Gazetteer) -> str | None:
    """The country or organisation that ``text`` names first, if any."""
    best: tuple[int, str] | None = None
    for country, pattern in gazetteer.places:
        m = pattern.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), country)
    return best[1] if best else None


def _noun_phrase_text(head: Token) -> str:
    """The words that qualify a noun: its left modifiers and its "from X" / "of X" phrases."""
    parts = [t.text for left in head.lefts for t in left.subtree]
    parts.append(head.text)
    for right in head.rights:
        if has_role(right, "preposition") and right.lower_ in words().origin_prepositions:
            parts += [t.text for t in right.subtree]
    return " ".join(parts)


def find_actor(
    anchor: Token, head: Token | None, measure: str, gazetteer: Gazetteer, reporting: frozenset[str]
) -> str | None:
    """Steps 1 and 2 of the module docstring; ``reporting`` lists the reporting verbs."""
    for token in (head, anchor):
        if token is not None:
            found = place_in(_noun_phrase_text(token), gazetteer)
            if found:
                return found
    bearing = words().bearing_verbs
    if head is not None:  # "1,220 casualties Russian forces suffered"
        for clause in (
            c for c in head.children if has_role(c, "relative_clause") and c.lemma_.lower() in bearing
        ):
            for child in (c for c in clause.children if has_role(c, "subject")):
                found = place_in(_noun_phrase_text(child), gazetteer)
                if found:
                    return found
    for token in list(ancestors(head if head is not None else anchor))[1:]:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        if token.lemma_.lower() in reporting:
            break  # the speaker of a statement is not the owner of what it counts
        if measure not in SUBJECT_OWNS and token.lemma_.lower() not in bearing:
            continue
        for child in token.children:
            if has_role(child, "subject", "passive_subject"):
                found = place_in(_noun_phrase_text(child), gazetteer)
                if found:
                    return found
    return None


def find_location(anchor: Token, reporting: frozenset[str], measure: str | None = None) -> str | None:
    """A place the figure's verb sends to or holds in ("to Russia", "in Kursk"), or, for a
    count of losses, the place that tallies it ("Ohio reported 12 deaths", "Kisumu had 2
    deaths", "Three deaths were recorded in Tehran"): that place's figure, not a source's.

    The place where a statement was made ("told reporters in Port Aldric") is not it.
    """
    places = words().location_prepositions
    path = list(ancestors(anchor))
    for below, token in pairwise(path):
        # A reporting verb whose object is the count tallies it ("reported 12 deaths in
        # Ohio"); one that only introduces a statement says where it was made.
        tally = has_role(below, "object", "passive_subject") and token.lemma_.lower() in (
            reporting | words().tally_verbs
        )
        if token.lemma_.lower() in reporting and not tally:
            break
        for child in token.children:
            if has_role(child, "preposition", "dative_object") and child.lower_ in places:
                for pobj in (c for c in child.children if has_role(c, "prepositional_object")):
                    if has_entity(pobj, *PLACE_ENTITIES):
                        return str(pobj.doc[pobj.left_edge.i : pobj.i + 1].text)
        if tally and measure not in SUBJECT_OWNS:
            for subject in (c for c in token.children if has_role(c, "subject")):
                if has_entity(subject, *PLACE_ENTITIES) and not list(subject.conjuncts):
                    return str(subject.doc[subject.left_edge.i : subject.i + 1].text)
        if token.pos_ == "VERB":
            break
    return None
