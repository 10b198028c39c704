"""What a number phrase counts: the counted noun, its class and the measure.

Steps for the measure, first hit wins:
1. the counted noun itself ("casualties", "deaths", "square kilometers");
2. a participle or adjective right after the figure ("3,600 wounded", "27 dead");
3. a word of the measure lexicon on the way up the parse tree ("were killed",
   "a second deployment of 4,000 troops"), stopping at a reporting verb;
   (also: a noun whose parts a verb of inclusion names, "the deployment will
   include 5,000 workers"; people a verb of putting to use takes, "set to use
   thousands of fighters"; a measure noun that "amounted to" a count of people);
4. a deployment cue (``[deployments] paragraph_cues``: "sent", "arrived") in
   the paragraph, for counts of people;
5. ``other``.
A figure of a force "whose number is estimated at" counts the force; a clause
on the counted noun tells its measure even when a part of it is counted.
Sending verbs ("send", "dispatch") mean ``deployed`` for people and
``supplied`` for things.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lang import has_entity, has_role, has_tag, words
from .lexicon import Lexicon
from .syntax import Token, ancestors

# The prepositions that block a figure from the verb above it ("aid for 1.2 million
# residents") and those between a verb and a figure its subject reaches ("the toll rose
# to 41") are the pack's ``[measure] blocking_prepositions`` and ``toll_prepositions``.

# Where a word saying the counted came to no harm hangs: "found 900 people safe"
# (an adjective on the noun), "300 were confirmed safe" (the verb's complement).
UNHARMED_ROLES = (
    "adjectival_modifier",
    "adjectival_complement",
    "object_predicate",
    "open_complement",
    "attribute",
)
# How far up from the figure an adjective of no harm may head it: the counted
# noun, then the adjective ("people" -> "safe"); further up is another clause.
UNHARMED_REACH = 2

# Measures that only people can have.
PEOPLE_ONLY = frozenset({"killed", "wounded", "casualties", "captured", "missing", "displaced"})

# Losses that, asserted of one count together ("killed or wounded", "killed,
# wounded or captured"), make it a count of casualties (the spec's "losses").
LOSS_PARTS = frozenset({"killed", "wounded", "captured"})


@dataclass(frozen=True)
class Counted:
    """The counted noun of a figure, as written, and its head token (if any)."""

    text: str | None
    head: Token | None
    kind: str  # "personnel", "materiel", "area", "money", "other"


def find_counted(anchor: Token, lex: Lexicon, after_text: str) -> Counted:
    """The noun the figure at ``anchor`` counts. ``after_text`` is the sentence after the phrase."""
    low_after = after_text.lower().lstrip()
    for unit in lex.area_units:
        if low_after.startswith(unit):
            return Counted(after_text.lstrip()[: len(unit)], None, "area")
    head = _count_head(anchor, lex)
    if head is None or (head.lower_ in lex.measure_words and not _is_figure_noun(head, lex)):
        return Counted(None, None, "other")  # "150,000 flee": a verb read as a noun counts nothing
    parts = [t for t in head.lefts if has_role(t, "noun_compound") and t.pos_ == "NOUN" and not t.like_num]
    text = " ".join([t.text for t in parts] + [head.text])
    return Counted(text, head, _noun_kind(head, lex))


def crosses_threshold(anchor: Token, lex: Lexicon) -> bool:
    """ "the toll surpassed 40,000": the figure is a lower bound."""
    return has_role(anchor, "object", "attribute") and anchor.head.lemma_.lower() in lex.crossing


def _is_figure_noun(noun: Token, lex: Lexicon) -> bool:
    lemma = noun.lemma_.lower()
    return lemma in lex.figure_nouns or lemma in lex.noun_measures or noun.lower_ in lex.noun_measures


def _count_head(anchor: Token, lex: Lexicon) -> Token | None:
    """The noun a figure counts: its head noun, or the object of "of" ("400 of the troops")."""
    w = words()
    for child in anchor.rights:
        if has_role(child, "preposition") and child.lower_ in w.partitive_prepositions:
            # "55 of the dead": an adjective of a measure stands for its people
            objects = [
                c
                for c in child.children
                if has_role(c, "prepositional_object")
                and (
                    c.pos_ in ("NOUN", "PROPN", "PRON") or (c.pos_ == "ADJ" and c.lower_ in lex.noun_measures)
                )
            ]
            if objects:
                return objects[0]
    head = anchor.head
    if (
        has_role(anchor, "prepositional_object")
        and head.lower_ in w.toll_prepositions
        and head.head.pos_ in ("VERB", "AUX")
    ):
        # "the death toll rose to 2,000", "raised the toll to 41", "the toll, which the ministry
        # raised to 41", "casualties stand at 300": the figure noun of the verb is counted
        verb = head.head
        nouns = [c for c in verb.children if has_role(c, "subject", "passive_subject", "object")]
        if has_role(verb, "relative_clause", "clausal_modifier"):  # "the total reported so far ... to 577"
            nouns.append(verb.head)
        for noun in nouns:
            # a headline in title case parses "Raising Death Toll to 82" with a proper noun
            if noun.pos_ in ("NOUN", "PROPN") and _is_figure_noun(noun, lex):
                return noun
    if (
        has_role(anchor, "object", "attribute", "noun_adverbial")
        and head.lemma_.lower() in lex.crossing | lex.reaching
    ):
        # "the death toll passed 40,000"
        subjects = [c for c in head.children if has_role(c, "subject") and _is_figure_noun(c, lex)]
        if subjects:
            return subjects[0]
    modifies = has_role(
        anchor,
        "numeric_modifier",
        "quantifier_modifier",
        "adjectival_modifier",
        "noun_compound",
        "noun_modifier",
    )
    if modifies and head.pos_ in ("NOUN", "PROPN") and head.i > anchor.i:
        # "5K construction workers" may hang the figure on a word of the compound
        while has_role(head, "noun_compound") and head.head.pos_ == "NOUN" and head.head.i > head.i:
            head = head.head
        return head
    if head.pos_ == "NUM" and head.head.pos_ in ("NOUN", "PROPN") and head.head.i > anchor.i:
        return head.head
    return None


def _noun_kind(head: Token, lex: Lexicon) -> str:
    lemma = head.lemma_.lower()
    if lemma in lex.personnel or head.lower_ in lex.personnel:
        return "personnel"
    if lemma in lex.materiel or head.lower_ in lex.materiel:
        return "materiel"
    if head.lower_.endswith(lex.personnel_suffixes) and head.pos_ == "NOUN":
        return "personnel"
    if lemma in lex.currency_after:
        return "money"
    return "other"


def find_measure(anchor: Token, counted: Counted, lex: Lexicon, paragraph: str | None = None) -> str:
    """The spec measure of the figure at ``anchor`` (see the module's steps).

    ``paragraph`` is the text around the sentence, for step 4.
    """
    if counted.kind == "area":
        return "territory"
    if said_unharmed(anchor, counted, lex):
        return "other"  # "found 900 people safe": they came to no harm
    if counted.head is not None and _lives_taken(counted.head, lex):
        return "killed"  # "the storm claimed 64 lives"
    owner = _whose_figure(counted.head) if counted.head is not None else None
    if owner is not None:  # "the dispatch of troops, whose number is put at 14,000"
        found = _force_of(owner, lex)
        if found is not None:
            force, force_measure, word = found
            return _by_kind(force_measure, Counted(force.text, force, _noun_kind(force, lex)), word, lex)
    if counted.head is not None:  # step 1
        noun = _noun_measure(counted.head, lex) or _clause_on_noun(counted.head, lex, anchor)
        if noun:
            return _by_kind(noun, counted, counted.head, lex)
    nxt = _next_word(anchor)
    if nxt is not None and nxt.pos_ in ("VERB", "ADJ", "NOUN") and nxt.lower_ in lex.measure_words:  # step 2
        return _by_kind(lex.measure_words[nxt.lower_], counted, nxt, lex)
    if nxt is not None and has_tag(nxt, "past_participle") and _word_measure(nxt, lex) in PEOPLE_ONLY:
        # "..., and 711 captured": a participle of a loss, by its lemma
        return _by_kind(_word_measure(nxt, lex) or "other", counted, nxt, lex)
    start = counted.head if counted.head is not None and counted.head.i > anchor.i else anchor
    people = counted.kind == "personnel" or counted.head is None
    for token in list(ancestors(start))[1:]:  # step 3
        if token.lemma_.lower() in lex.reporting and token.pos_ == "VERB":
            # "are believed to be in Russia": the passive verb's complement is the predicate
            raised = (
                [c for c in token.children if has_role(c, "open_complement")] if _is_passive(token) else []
            )
            # "are confirmed dead", "have been reported missing": the passive verb's own
            # complement, said of its subject (not of a figure under a preposition)
            subject = any(has_role(c, "passive_subject") and start in c.subtree for c in token.children)
            complement = _complement_measure(token, lex) if subject and _is_passive(token) else None
            if complement:
                return _by_kind(complement, counted, token, lex)
            for predicate in raised:
                measure = _word_measure(predicate, lex) or _complement_measure(predicate, lex)
                if measure:
                    return _by_kind(measure, counted, predicate, lex)
                if counted.kind == "personnel" and _present_in_place(predicate):
                    return "deployed"
            break
        if has_role(token, "preposition") and token.lower_ in words().blocking_prepositions:
            if token.lower_ in words().beneficiary_prepositions and people and _displacing(token.head, lex):
                return "displaced"  # "evacuation orders for 40,000 people"
            break  # "aid for 1.2 million residents": the residents are not what is given
        measure = _word_measure(token, lex) or _complement_measure(token, lex)
        if measure == "deployed" and people and _homeward(token, lex):
            return "other"  # "allowed 300 soldiers to return home": a homecoming
        if measure:
            return _by_kind(measure, counted, token, lex)
        if counted.kind == "personnel" and _employs(token, start, lex):
            return "deployed"  # "set to use thousands of fighters"
        whole = _including_whole(token, lex) if people else None
        if whole is not None:  # "the deployment will include 5,000 workers"
            return _by_kind(whole[0], counted, whole[1], lex)
        toll = _toll_of_verb(token, counted, lex)
        if toll:
            return toll
        group = _among_group(token, lex) if people else None
        if group:
            return group  # "among the dead were 12 firefighters"
        if token.pos_ in ("VERB", "AUX") and people and _displaced_clause(token, lex):
            return "displaced"
        if counted.kind == "personnel" and _present_in_place(token):
            return "deployed"
    if (
        counted.kind == "personnel"
        and paragraph is not None
        and _about_deployment(paragraph, lex.deployment_cues)
    ):  # step 4
        return "deployed"
    return "other"


def _clause_on_noun(noun: Token, lex: Lexicon, anchor: Token) -> str | None:
    """ "the 658 pilgrims who died", "the 107 people listed as missing": a clause on the counted noun.

    Not for a part of a group ("4,000 of the troops who were sent": the clause
    tells what the group did), nor a clause that counts a part of the noun
    ("40,000 people, of whom 16,000 were killed"), nor suffering ("pilgrims
    suffering from heat"), which says nothing of the count's measure.
    """
    # the part's figure is not the whole's: "4,000 of the 11,000 troops sent" (but the
    # whole's own figure, the 11,000, is what the clause tells of)
    w = words()
    of = w.partitive_prepositions
    part = has_role(noun, "prepositional_object") and noun.head.lower_ in of and noun.head.head.like_num
    if part and anchor.head.i != noun.i:
        return None
    for clause in noun.children:
        if not has_role(clause, "relative_clause", "clausal_modifier") or clause.pos_ not in ("VERB", "AUX"):
            continue
        if any(t.lower_ in w.partitive_relatives and t.head.lower_ in of for t in clause.subtree):
            continue
        # "listed as missing", "reported as dead": the complement of "as"
        complements = [
            g
            for c in clause.children
            if has_role(c, "preposition") and c.lower_ in w.complement_prepositions
            for g in c.children
        ]
        if clause.lemma_.lower() not in lex.reporting and _complement_measure(clause, lex) == "casualties":
            return "casualties"  # "the 4,000 troops who have become casualties"
        if clause.lemma_.lower() in lex.reporting:
            found = [_word_measure(t, lex) for t in complements + list(clause.children)]
        else:
            found = [_word_measure(clause, lex), _complement_measure(clause, lex)]
            found += [_word_measure(t, lex) for t in complements]
        measure = next((m for m in found if m), None)
        if measure in ("killed", "wounded"):  # "80 000 soldiers killed or wounded"
            return _by_kind(measure, Counted(None, None, "personnel"), clause, lex)
        if measure in ("deployed", "supplied"):  # "the 11,000 soldiers the country provided"
            return _by_kind(measure, Counted(noun.text, noun, _noun_kind(noun, lex)), clause, lex)
        return measure if measure != "casualties" else None
    return None


def _lives_taken(noun: Token, lex: Lexicon) -> bool:
    """ "claimed 64 lives", "cost 12 lives": lives a verb takes are the dead."""
    return (
        noun.lemma_.lower() in lex.taking_objects
        and has_role(noun, "object")
        and noun.head.lemma_.lower() in lex.taking_verbs
    )


def _toll_of_verb(verb: Token, counted: Counted, lex: Lexicon) -> str | None:
    """ "the death toll rose by 100 victims", "raising the number of injured to 400": the toll's measure.

    A verb whose subject or object is a figure noun of a measure moves that
    figure; a count of people (or a bare figure) under it is of the same measure.
    """
    if verb.pos_ not in ("VERB", "AUX") or (counted.head is not None and counted.kind != "personnel"):
        return None
    for noun in verb.children:
        if has_role(noun, "subject", "passive_subject", "object") and noun.lemma_.lower() in lex.figure_nouns:
            measure = _noun_measure(noun, lex)
            if measure:
                return measure
        if has_role(noun, "subject") and verb.lemma_.lower() in lex.reaching | lex.crossing:
            # "losses amounted to 40,000 people": a noun of a measure reaching a count of people
            measure = lex.noun_measures.get(noun.lower_) or lex.noun_measures.get(noun.lemma_.lower())
            if measure in PEOPLE_ONLY:
                return measure
    return None


def _employs(verb: Token, counted: Token, lex: Lexicon) -> bool:
    """ "set to use thousands of fighters": the people are the object of a verb of putting to use."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in lex.employing:
        return False
    return any(has_role(c, "object") and counted in c.subtree for c in verb.children)


def _including_whole(verb: Token, lex: Lexicon) -> tuple[str, Token] | None:
    """ "the deployment will include 5,000 workers": the measure of the whole a verb of parts names."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in lex.including:
        return None
    for subject in (c for c in verb.children if has_role(c, "subject")):
        measure = lex.noun_measures.get(subject.lower_) or lex.noun_measures.get(subject.lemma_.lower())
        if measure:
            return measure, subject
    return None


def _whose_figure(noun: Token) -> Token | None:
    """ "troops, whose number is estimated at 14,000": the noun a possessive relative's figure counts."""
    possessive = any(has_tag(c, "possessive_relative") for c in noun.children)
    if possessive and has_role(noun.head, "relative_clause") and noun.head.head.pos_ in ("NOUN", "PROPN"):
        return noun.head.head
    return None


def _force_of(owner: Token, lex: Lexicon) -> tuple[Token, str, Token] | None:
    """What the figure of ``owner`` counts, its measure and the word that gives it.

    "the dispatch of troops, whose number": the relative may hang on the action
    or on its object; the action's measure is said of its object's people.
    """
    action, force = owner, owner
    of = words().partitive_prepositions
    objects = [g for c in owner.children if has_role(c, "preposition") and c.lower_ in of for g in c.children]
    if objects and objects[0].pos_ in ("NOUN", "PROPN"):
        force = objects[0]  # the relative hangs on the action
    elif has_role(owner, "prepositional_object") and owner.head.lower_ in of:
        action = owner.head.head  # the relative hangs on the action's object
    measure = lex.noun_measures.get(action.lower_) or _word_measure(action, lex) or _noun_measure(force, lex)
    return (force, measure, action) if measure else None


def _homeward(verb: Token, lex: Lexicon) -> bool:
    """ "return home": a verb of moving people back home."""
    return any(
        c.lower_ in lex.homeward and has_role(c, "adverbial_modifier", "noun_adverbial", "object")
        for c in verb.children
    )


@lru_cache(maxsize=1)
def _about_deployment(paragraph: str, cues: tuple[str, ...]) -> bool:
    """Whether ``paragraph`` speaks of sending people; read once for all the figures of a sentence."""
    return bool(_deployment_pattern(cues).search(paragraph))


@lru_cache(maxsize=4)
def _deployment_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    """Step 4: words beginning with one of ``cues`` (the lexicon's deployment cues)."""
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\w*\b", re.IGNORECASE)


def _joins_both(word: Token, partner: Token) -> bool:
    """ "killed or wounded" asserts one count of both; "killed 27 and injured 104" two counts."""
    doc = word.doc
    between = doc[min(word.i, partner.i) : max(word.i, partner.i) + 1]
    return not any(t.like_num for t in between)


def _word_measure(token: Token, lex: Lexicon) -> str | None:
    return lex.measure_words.get(token.lemma_.lower()) or lex.measure_words.get(token.lower_)


def _complement_measure(token: Token, lex: Lexicon) -> str | None:
    """ "8,000 people are displaced", "63 remain unaccounted for": the predicate's complement."""
    if token.pos_ not in ("VERB", "AUX"):
        return None
    for child in token.children:
        complement = has_role(
            child,
            "adjectival_complement",
            "attribute",
            "object_predicate",
            "open_complement",
            "adverbial_modifier",
        )
        if complement and child.i > token.i:
            measure = _word_measure(child, lex)
            if measure:
                return measure
    return None


def _is_passive(verb: Token) -> bool:
    return any(has_role(c, "passive_auxiliary") for c in verb.children)


def _present_in_place(verb: Token) -> bool:
    """ "11,000 troops are (believed to be) in Russia": people of a force present in a place.

    The place may hang on the counted noun ("there are 6,000 soldiers in Iraq").
    """
    w = words()
    if verb.lemma_ not in w.presence_verbs:
        return False
    holders = [verb] + [c for c in verb.children if has_role(c, "attribute", "subject") and c.pos_ == "NOUN"]
    preps = [
        c
        for h in holders
        for c in h.children
        if has_role(c, "preposition") and c.lower_ in w.presence_prepositions
    ]
    for prep in preps:
        places = (p for p in prep.children if has_role(p, "prepositional_object"))
        if any(has_entity(p, "political_place", "natural_place") for p in places):
            return True
    return False


def said_unharmed(anchor: Token, counted: Counted, lex: Lexicon) -> bool:
    """ "found 900 people safe", "another 300 were confirmed safe": the counted came to no harm."""
    holders = [counted.head] if counted.head is not None else []
    above = list(ancestors(anchor))[1:]
    verbs = [t for t in above if t.pos_ in ("VERB", "AUX")][:1]
    # "found 900 people safe" may parse the people as the subject of "safe"
    if any(t.pos_ == "ADJ" and t.lower_ in lex.unharmed and t.i > anchor.i for t in above[:UNHARMED_REACH]):
        return True
    for holder in holders + verbs:
        for child in holder.children:
            if has_role(child, *UNHARMED_ROLES) and child.lower_ in lex.unharmed and child.i > anchor.i:
                return True
    return False


def _among_group(verb: Token, lex: Lexicon) -> str | None:
    """ "Among the dead were 12 firefighters": the group named after "among" gives the measure."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    among = words().group_prepositions
    for prep in (c for c in verb.children if has_role(c, "preposition") and c.lower_ in among):
        for group in (g for g in prep.children if has_role(g, "prepositional_object")):
            measure = lex.noun_measures.get(group.lower_) or lex.noun_measures.get(group.lemma_.lower())
            if measure in PEOPLE_ONLY:
                return measure
    return None


def _lost_people(counted: Counted, lex: Lexicon) -> bool:
    head = counted.head
    return head is not None and (head.lemma_.lower() in lex.lost_people or head.lower_ in lex.lost_people)


def _displacing(noun: Token, lex: Lexicon) -> bool:
    """ "evacuation orders for", "evacuations for": a noun of moving people out."""
    nouns = [noun] + [c for c in noun.children if has_role(c, "noun_compound")]
    return any(w.lemma_.lower() in lex.displacing_nouns or w.lower_ in lex.displacing_nouns for w in nouns)


def _displaced_clause(verb: Token, lex: Lexicon) -> bool:
    """ "forced 12,000 people from their homes", "remained in temporary shelters"."""
    clause = verb.doc[verb.left_edge.i : verb.right_edge.i + 1].text.lower()
    return any(p in clause for p in lex.displaced_phrases)


def _noun_measure(head: Token, lex: Lexicon) -> str | None:
    """The measure a counted noun carries itself, or a figure noun's words ("the number of dead")."""
    noun = lex.noun_measures.get(head.lower_) or lex.noun_measures.get(head.lemma_.lower())
    if noun or head.lemma_.lower() not in lex.figure_nouns | words().instance_nouns:  # "32 cases of ..."
        return noun
    for token in head.subtree:
        if token.i != head.i:
            found = lex.noun_measures.get(token.lower_) or lex.measure_words.get(token.lower_)
            if found in ("killed", "wounded", "missing", "displaced", "captured", "casualties"):
                return found
    return None


def _next_word(anchor: Token) -> Token | None:
    doc = anchor.doc
    i = anchor.i + 1
    skipped = words().skipped_after_figure
    while i < len(doc) and doc[i].lower_ in skipped:
        i += 1
    return doc[i] if i < len(doc) else None


def _by_kind(measure: str, counted: Counted, word: Token, lex: Lexicon) -> str:
    """Resolve sending verbs and supply verbs by what is counted; "killed or wounded" is casualties."""
    if measure in LOSS_PARTS:
        partners = [c for c in word.children if has_role(c, "conjunct")] + (
            [word.head] if has_role(word, "conjunct") else []
        )
        # siblings of one coordination: "killed, wounded or captured" hangs both on "killed"
        if has_role(word, "conjunct"):
            partners += [c for c in word.head.children if has_role(c, "conjunct") and c.i != word.i]
        others = LOSS_PARTS - {measure}
        if any(_word_measure(p, lex) in others and _joins_both(word, p) for p in partners):
            return "casualties"
    if measure in ("deployed", "supplied"):
        if counted.kind == "materiel" or counted.kind == "money":
            return "supplied"
        if counted.kind == "personnel":
            sent = (
                measure == "deployed"
                or word.lemma_.lower() in lex.sending
                or word.lemma_.lower() in words().providing_verbs
            )
            return "deployed" if sent else "other"
        return "supplied" if word.lemma_.lower() in lex.sending and counted.head is not None else measure
    if measure == "casualties" and word.lemma_.lower() in words().losing_verbs and _lost_people(counted, lex):
        return "killed"  # "the county lost 40 residents" are its dead; "the army lost 500 troops" its losses
    if measure in PEOPLE_ONLY and counted.kind in ("materiel", "money"):
        return "other"  # "40 homes swept away" are not missing people
    return measure
