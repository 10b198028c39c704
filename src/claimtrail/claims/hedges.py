"""Whether a figure is marked as unconfirmed.

The hedge must govern the figure: it sits on the figure's path up the parse
tree (below the reporting verb) or is a child of a word on that path —
"were *reportedly* killed", "*appears* to have sent", "*is believed* to have
provided", "*could* rise to". A few phrases ("if confirmed", "could not be
independently verified") hedge every figure of their sentence.
"""

from __future__ import annotations

from .lang import has_role, words
from .lexicon import Lexicon
from .syntax import Token, ancestors


def _hedges_token(token: Token, lex: Lexicon) -> bool:
    lemma = token.lemma_.lower()
    if token.lower_ in lex.hedge_adverbs or lemma in lex.hedge_modals:
        return True
    children = list(token.children)
    if lemma in lex.hedge_raising and any(has_role(c, "open_complement") for c in children):
        return True
    if lemma in lex.hedge_passive and any(has_role(c, "passive_auxiliary") for c in children):
        return any(has_role(c, "open_complement") for c in children) or lemma in words().fear_verbs
    counting = lemma in lex.hedge_ability_verbs  # "they could list 500 dead": what they were able to count
    for child in children:
        if has_role(child, "adverbial_modifier", "auxiliary", "adjectival_modifier") and (
            child.lower_ in lex.hedge_adverbs or (child.lemma_.lower() in lex.hedge_modals and not counting)
        ):
            return True
    return False


def _confirmed_count(anchor: Token, lex: Lexicon) -> bool:
    """ "including 600 confirmed deaths": the counted noun says the figure is established."""
    noun = (
        anchor.head
        if has_role(anchor, "numeric_modifier", "quantifier_modifier", "noun_compound")
        else anchor
    )
    return any(has_role(c, "adjectival_modifier") and c.lower_ in lex.hedge_confirmed for c in noun.children)


def is_hedged(anchor: Token, stop: Token | None, sentence: str, lex: Lexicon) -> bool:
    """Whether the figure at ``anchor`` is hedged; ``stop`` is its reporting verb, if any."""
    low = sentence.lower()
    if any(p in low for p in lex.hedge_phrases):
        return True
    if _confirmed_count(anchor, lex):
        return False
    for token in ancestors(anchor):
        if stop is not None and token.i == stop.i:
            return False
        if _hedges_token(token, lex):
            return True
    return False
