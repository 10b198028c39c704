"""Who states a figure and whom they cite, read from the parse of one sentence.

A *frame* is one attribution in a sentence: a reporting verb and its subject
("Lee said", "the ministry estimated"), a prepositional cue ("according to X",
"as per X"), or a passive agent ("reported by X"), each with the source it
cites ("citing X", "after a briefing from X") when given. A figure takes the
nearest frame above it in the parse tree; at the same node a reporting verb's
subject beats a cue, and among cues the nearest following the figure wins.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lang import has_entity, has_role, is_entity, words
from .lexicon import Lexicon
from .syntax import Token, ancestors, phrase, strip_determiners

# The entity roles of names that cannot speak (dates, times, numbers).
NOT_SPEAKER_ENTITIES = ("date", "time", "cardinal", "quantity", "percent", "money", "ordinal")
# The entity roles of names that speak first among a verb's subjects.
NAMED_ENTITIES = ("organisation", "person", "nationality", "political_place")
# A trailing speaker (", the regional governor Maria Lopez of X said.") is short.
MAX_TRAILING_SUBJECT_TOKENS = 10


@dataclass(frozen=True)
class Frame:
    """One attribution of a sentence."""

    speaker: str | None
    speaker_token: Token | None
    source: str | None
    verb: Token  # the node the frame hangs on (reporting verb, or head of the cue)
    cue: Token  # the reporting verb or the cue word
    kind: str  # "verb", "cue", "passive_agent"
    earlier: bool  # "previously said": the statement date is unknown


def _cited(token: Token, lex: Lexicon) -> str | None:
    """The source named by a citing phrase rooted at ``token`` (its object or pobj)."""
    heads = lex.generic_heads | lex.figure_nouns
    if token.lower_ in heads or token.lemma_.lower() in heads:
        for child in token.rights:
            if has_role(child, "preposition") and child.lower_ in words().source_prepositions:
                objects = [c for c in child.children if has_role(c, "prepositional_object")]
                if objects:
                    return strip_determiners(phrase(objects[0]))
            if has_role(
                child, "clausal_modifier"
            ):  # "data verified by the ministry", "figures released by X"
                for agent in (c for c in child.children if has_role(c, "passive_agent")):
                    objects = [c for c in agent.children if has_role(c, "prepositional_object")]
                    if objects:
                        return strip_determiners(phrase(objects[0]))
    return strip_determiners(phrase(token)) or None


def _citation_of(verb: Token, lex: Lexicon) -> str | None:
    """A source cited by a child of ``verb``: "citing X", "after a briefing from X"; also
    by one under the author of a report ("a report from local media citing X", however the
    parser hangs "citing" there)."""
    w = words()
    author = [
        g
        for c in verb.children
        if has_role(c, "preposition")
        for g in c.children
        if has_role(g, "prepositional_complement", "prepositional_object")
    ]
    author += [
        a
        for g in author
        if has_role(g, "prepositional_object")
        for a in g.children
        if has_role(a, "clausal_modifier")
    ]
    for child in [*verb.children, *author]:
        if child.lemma_.lower() in w.citing_verbs and child.pos_ == "VERB":
            objects = [
                c for c in child.children if has_role(c, "object", "prepositional_object", "attribute")
            ]
            if objects:
                return _cited(objects[0], lex)
        if has_role(child, "preposition") and child.lower_ in w.briefing_prepositions:
            for pobj in (c for c in child.children if has_role(c, "prepositional_object")):
                if pobj.lemma_.lower() in w.briefing_nouns:
                    return _cited(pobj, lex)
    return None


def _is_earlier(verb: Token, lex: Lexicon) -> bool:
    found = {
        c.lower_ for c in verb.children if has_role(c, "adverbial_modifier", "auxiliary", "noun_adverbial")
    }
    perfect = words().past_perfect_auxiliaries
    aux_had = any(c.lower_ in perfect and has_role(c, "auxiliary") for c in verb.children)
    return bool(found & lex.earlier) or aux_had


def _named_first(subjects: list[Token]) -> list[Token]:
    """Subjects that are or hold a named entity first ("the aid agency Harbour Aid International")."""
    return sorted(subjects, key=lambda t: 0 if has_entity(t, *NAMED_ENTITIES) else 1)


def _verb_frame(token: Token, lex: Lexicon) -> Frame | None:
    if any(has_role(c, "negation") for c in token.children):
        return None  # "officials have not confirmed": no one states the figure
    if any(has_role(c, "object") and c.lemma_.lower() in lex.taking_objects for c in token.children):
        return None  # "the storm claimed 115 lives": taking, not saying
    if token.lemma_.lower() in lex.figure_verbs:
        objects = [c for c in token.children if has_role(c, "object")]
        if has_role(token, "relative_clause"):  # "the toll, which the ministry raised to 41"
            objects.append(token.head)
        if not any(o.lemma_.lower() in lex.figure_nouns for o in objects):
            return None  # "put up four bridges" is not a statement
    subjects = _named_first([c for c in token.children if has_role(c, "subject", "passive_subject")])
    agent = [
        g
        for c in token.children
        if has_role(c, "passive_agent")
        for g in c.children
        if has_role(g, "prepositional_object")
    ]
    if has_role(token, "passive_auxiliary") or (
        subjects and has_role(subjects[0], "passive_subject") and not agent
    ):
        return None  # "is said to", "were reported": a hedge, not a speaker
    who = agent[0] if agent else (subjects[0] if subjects else _conjoined_subject(token, lex))
    if who is None and not subjects:
        who = _trailing_subject(token)
    name: str | None = None
    if who is not None and who.lower_ in words().resumptive_pronouns and _outer_speaker(token, lex):
        return None  # "the group said it had counted 31 deaths": the group's statement governs
    if who is not None and who.lower_ in lex.relative_pronouns and has_role(token, "relative_clause"):
        # "the group X, which has recorded that ...": the group speaks, by its name if it has one
        # (a document, "a breakdown that showed ...", is no speaker: it is cited by one)
        named = [c for c in token.head.children if has_role(c, "appositive") and c.pos_ == "PROPN"]
        if named:
            who = named[0]
        elif token.head.pos_ == "PROPN":
            head_words = strip_determiners(phrase(token.head)).split()
            name = " ".join(w for w in head_words if w.lower() not in lex.relative_pronouns)
    if who is not None and name is None and who.lemma_.lower() in lex.figure_nouns | lex.generic_heads:
        # "the toll announced by the authorities indicated 2,012 dead": the authorities'
        cited = _cited(who, lex)
        if cited and cited.split()[-1].lower() != who.lower_:
            name = cited
    if who is None or (name is None and who.lower_ in lex.not_speakers):
        return None
    if has_entity(who, *NOT_SPEAKER_ENTITIES):
        return None  # "confirmed by Friday": a date is no speaker
    counted = who.lemma_.lower() in lex.noun_measures or who.lower_ in lex.noun_measures
    if counted and any(has_role(c, "numeric_modifier") or c.like_num for c in who.children):
        return None  # "at least 115 fatalities confirmed": the count itself, not a speaker
    return Frame(
        speaker=name or strip_determiners(phrase(who)),
        speaker_token=who,
        source=_citation_of(token, lex),
        verb=token,
        cue=token,
        kind="verb",
        earlier=_is_earlier(token, lex),
    )


def _outer_speaker(verb: Token, lex: Lexicon) -> Token | None:
    """The named subject of the statement that holds ``verb``'s clause ("X said [it had counted ...]")."""
    if not has_role(verb, "clausal_complement") or verb.head.lemma_.lower() not in lex.reporting:
        return None
    subjects = [c for c in verb.head.children if has_role(c, "subject")]
    if subjects and subjects[0].pos_ in ("NOUN", "PROPN") and subjects[0].lower_ not in lex.not_speakers:
        return subjects[0]
    return None


def _conjoined_subject(verb: Token, lex: Lexicon) -> Token | None:
    """The subject of a conjoined reporting verb ("X remains unknown, but the media ... estimate").

    The parser often hangs the real subject of a second clause on the first
    verb as a conjunct; the nearest such noun before the verb is taken.
    """
    if not has_role(verb, "conjunct"):
        return None
    head = verb.head
    subjects = [c for c in head.children if has_role(c, "subject") and c.lower_ not in lex.not_speakers]
    if subjects and head.lemma_.lower() in lex.reporting:
        return subjects[0]
    nouns = [
        c
        for c in head.children
        if has_role(c, "conjunct")
        and c.pos_ in ("NOUN", "PROPN")
        and c.i < verb.i
        and c.lower_ not in lex.not_speakers
    ]
    return nouns[-1] if nouns else None


def _trailing_subject(verb: Token) -> Token | None:
    """The speaker of ", Colonel Ivo Marek of the 4th Brigade said." when the parser lost it.

    The words between the last comma and a sentence-final reporting verb name
    the speaker; a person named there is taken, else the span's head.
    """
    doc = verb.doc
    after = [t for t in doc[verb.i + 1 :] if not t.is_punct]
    trailing = (
        "preposition",
        "prepositional_object",
        "noun_adverbial",
        "adverbial_modifier",
        "determiner",
        "noun_compound",
    )
    if after and not all(has_role(t, *trailing) for t in after):
        return None
    start = verb.i
    while start > 0 and doc[start - 1].text not in {",", ";", "“", "”", '"'}:
        start -= 1
    if start == 0 or verb.i - start > MAX_TRAILING_SUBJECT_TOKENS or verb.i == start:
        return None
    span = doc[start : verb.i]
    for ent in span.ents:
        if is_entity(ent, "person", "organisation"):
            return ent.root
    return span.root if span.root.pos_ in ("NOUN", "PROPN") else None


def _cue_frame(token: Token, lex: Lexicon) -> Frame | None:
    """ "according to X" / "as per X": ``token`` is the preposition taking X."""
    objects = [c for c in token.children if has_role(c, "prepositional_object")]
    if not objects:
        return None
    head = token.head
    while has_role(head, "preposition") and head.head.i != head.i:  # "according" <- "to"
        head = head.head
    return Frame(
        speaker=_cited(objects[0], lex),
        speaker_token=objects[0],
        source=_citation_of(objects[0], lex) or _citation_of(head, lex),
        verb=head,
        cue=token,
        kind="cue",
        earlier=False,
    )


def _hearsay_frame(token: Token, lex: Lexicon) -> Frame | None:
    """ "amid reports that 300 had died": a hearsay noun with a "that" clause and no named
    author speaks for the clause; "reports by the ministry that ..." is the ministry's."""
    if not _that_clause(token):
        return None
    if any(has_role(c, "possessive") for c in token.children):
        return None  # "the ministry's reports that ...": a possessive owner, left to figure_owner
    cited = _cited(token, lex) if token.lemma_.lower() in lex.generic_heads else None
    speaker = cited or strip_determiners(phrase(token))
    if not speaker:
        return None
    return Frame(
        speaker=speaker,
        speaker_token=None,  # the figure lies inside the noun's own clause
        source=None,
        verb=token,
        cue=token,
        kind="noun",
        earlier=False,
    )


def _that_clause(token: Token) -> bool:
    """Whether the noun ``token`` has a reported clause ("reports that 300 had died")."""
    clauses = [c for c in token.children if has_role(c, "clausal_modifier", "clausal_complement")]
    that = words().complementizers
    return any(has_role(m, "marker") and m.lower_ in that for c in clauses for m in c.children)


def _owner(token: Token) -> Token | None:
    """The possessor of a noun ("the mayor's claim"), if it names someone."""
    return next(
        (c for c in token.children if has_role(c, "possessive") and c.pos_ in ("NOUN", "PROPN")), None
    )


def _owned_statement_frame(token: Token) -> Frame | None:
    """ "disputed the mayor's claim that only four had died": an owned statement noun with a
    "that" clause speaks for the clause in its owner's name, whoever reports the dispute."""
    if not _that_clause(token):
        return None
    owner = _owner(token)
    if owner is None:
        return None
    speaker = words().possessive_end.sub("", strip_determiners(phrase(owner)))
    if not speaker:
        return None
    return Frame(
        speaker=speaker,
        speaker_token=owner,
        source=None,
        verb=token,
        cue=token,
        kind="verb",
        earlier=False,
    )


def find_frames(doc: object, lex: Lexicon) -> list[Frame]:
    """Every attribution frame of a parsed sentence."""
    frames: list[Frame] = []
    w = words()
    for token in doc:  # type: ignore[attr-defined]
        lemma = token.lemma_.lower()
        if (
            token.pos_ in ("VERB", "AUX")
            and lemma in lex.reporting
            and not has_role(token, "adjectival_modifier")
        ):
            frame = _verb_frame(token, lex)
            if frame:
                frames.append(frame)
        elif (
            token.lower_ in w.cue_heads
            and token.head.lower_ == w.cue_heads[token.lower_]
            or token.lower_ in w.cue_openers
            and token.i > 0
            and token.doc[token.i - 1].lower_ == w.cue_openers[token.lower_]
        ):
            frame = _cue_frame(token, lex)
            if frame:
                frames.append(frame)
        elif token.pos_ == "NOUN" and token.lower_ in lex.owned_statement_nouns and _owner(token):
            frame = _owned_statement_frame(token)
            if frame:
                frames.append(frame)
        elif token.pos_ == "NOUN" and token.lower_ in lex.hearsay_nouns:
            frame = _hearsay_frame(token, lex)
            if frame:
                frames.append(frame)
    return frames


def figure_owner(anchor: Token, lex: Lexicon) -> Token | None:
    """The possessor of a figure noun above the figure: "the government's count of about 8,000";
    or who hands the figure out: "a count of 41 provided by the ministry"."""
    released = _releaser(anchor)  # the parser may hang "provided by X" on the figure itself
    if released is not None:
        return released
    for token in list(ancestors(anchor, limit=3))[1:]:
        if token.pos_ == "NOUN" and token.lemma_.lower() in lex.figure_nouns:
            owners = [c for c in token.children if has_role(c, "possessive") and c.pos_ in ("NOUN", "PROPN")]
            if owners:
                return owners[0]
            counts_of = (
                anchor.head.lower_ in words().count_prepositions and anchor.head.head.i == token.i
            )  # "a count of 41"
            return _releaser(token) if counts_of else None
    return None


def _releaser(noun: Token) -> Token | None:
    """Who hands out a figure noun: "an official count of 41 provided on Tuesday by the ministry"."""
    w = words()
    for child in noun.children:
        if has_role(child, "clausal_modifier") and child.lemma_.lower() in w.releasing_verbs:
            agents = [c for c in child.children if has_role(c, "passive_agent")]
            after = child.right_edge.i + 1  # "provided Tuesday by X": the parser may hang "by X" higher up
            if not agents and after < len(child.doc) and child.doc[after].lower_ in w.agent_prepositions:
                agents = [child.doc[after]]
            for agent in agents:
                for pobj in (c for c in agent.children if has_role(c, "prepositional_object")):
                    if pobj.pos_ in ("NOUN", "PROPN") and not has_entity(pobj, *NOT_SPEAKER_ENTITIES):
                        return pobj
    return None


def reported_by(noun: Token | None) -> str | None:
    """A source attached to the counted noun itself: "the 11,000 soldiers reported by X"."""
    if noun is None:
        return None
    for child in noun.children:
        if has_role(child, "clausal_modifier") and child.lemma_.lower() in words().reported_participles:
            for agent in (c for c in child.children if has_role(c, "passive_agent")):
                for pobj in (c for c in agent.children if has_role(c, "prepositional_object")):
                    if not has_entity(pobj, *NOT_SPEAKER_ENTITIES):  # "confirmed by Friday"
                        return strip_determiners(phrase(pobj))
    return None


def choose_frame(
    anchor: Token,
    frames: list[Frame],
    lex: Lexicon,
    quoted: list[tuple[int, int]] = (),  # type: ignore[assignment]
) -> Frame | None:
    """The frame that governs the figure at ``anchor`` (see the module docstring).

    Inside a quotation, frames within the same quotation are the quoted
    speaker's words ("Russia announced ...", said Lee): a frame outside it wins.
    """
    quote = next(((s, e) for s, e in quoted if s <= anchor.idx < e), None)
    if quote is not None:
        outside = [f for f in frames if not quote[0] <= f.cue.idx < quote[1]]
        frames = [
            f
            for f in (outside or frames)
            if f.speaker_token is None or not quote[0] <= f.speaker_token.idx < quote[1]
        ]
    if not frames:
        return None
    by_node: dict[int, list[Frame]] = {}
    for frame in frames:
        by_node.setdefault(frame.verb.i, []).append(frame)
    chain = list(ancestors(anchor, limit=len(anchor.doc)))
    for below, node in zip([None, *chain], chain, strict=False):
        candidates = [
            f
            for f in by_node.get(node.i, [])
            if (f.speaker_token is None or not _inside(anchor, f.speaker_token))
            # "X said on Friday, while the toll in the south was 870": a clause of contrast
            # hung on the reporting verb is the outlet's aside, not part of the statement
            and not (below is not None and f.kind == "verb" and is_subordinate(below, lex))
        ]
        if not candidates:
            continue
        verbs = [f for f in candidates if f.kind == "verb"]
        if verbs:
            return verbs[0]
        return min(candidates, key=lambda f: _distance(anchor, f.cue))
    # "X received 14,000 bombs, the report said": the parser sometimes hangs the
    # reporting clause under the main verb instead of above it.
    on_chain = {t.i for t in chain}
    hanging = [
        f
        for f in frames
        if f.kind == "verb"
        and f.verb.head.i in on_chain
        and has_role(f.verb, "paratactic_clause", "clausal_complement", "adverbial_clause", "conjunct")
        and not is_subordinate(f.verb, lex)
        and not _contrasted(f.verb, lex)
        # "40,000 were evacuated and the government said that 9,000 homes ...": a statement
        # with a clause of its own speaks for that clause
        and not any(has_role(c, "clausal_complement") for c in f.verb.children)
    ]
    return hanging[0] if hanging else None


def _contrasted(verb: Token, lex: Lexicon) -> bool:
    """ "the count was 11, but officials said ...": a conjoined statement after a contrast
    speaks for its own clause, not for the figure of the clause it is set against."""
    return has_role(verb, "conjunct") and any(
        has_role(c, "coordinator") and c.lower_ in lex.contrast_conjunctions for c in verb.head.children
    )


def is_subordinate(verb: Token, lex: Lexicon) -> bool:
    """ "after the ministry said ...", "while officials report ...": a clause of its own time or contrast."""
    return has_role(verb, "adverbial_clause") and any(
        has_role(c, "marker", "adverbial_modifier") and c.lower_ in lex.subordinate_markers
        for c in verb.children
    )


def _inside(token: Token, root: Token) -> bool:
    return any(a.i == root.i for a in ancestors(token, limit=len(token.doc)))


def _distance(anchor: Token, cue: Token) -> int:
    gap: int
    # A cue right after a figure ("12,000 troops, as per X") binds tighter
    # than one before it; the factor 2 makes a following cue win ties.
    gap = cue.i - anchor.i
    return gap if gap > 0 else -2 * gap
