"""Whether a figure is marked as unconfirmed.

The hedge must govern the figure: it sits on the figure's path up the parse
tree (below the reporting verb) or is a child of a word on that path —
"were *reportedly* killed", "*appears* to have sent", "*is believed* to have
provided", "*could* rise to". A few phrases ("if confirmed", "could not be
independently verified") hedge every figure of their sentence.
"""

from __future__ import annotations

from .lexicon import Lexicon
from .syntax import Token, ancestors


def _hedges_token(token: Token, lex: Lexicon) -> bool:
    lemma = token.lemma_.lower()
    if token.lower_ in lex.hedge_adverbs or lemma in lex.hedge_modals:
        return True
    children = list(token.children)
    if lemma in lex.hedge_raising and any(c.dep_ == "xcomp" for c in children):
        return True
    if lemma in lex.hedge_passive and any(c.dep_ == "auxpass" for c in children):
        return any(c.dep_ == "xcomp" for c in children) or lemma == "fear"
    counting = lemma in lex.hedge_ability_verbs  # "they could list 500 dead": what they were able to count
    for child in children:
        if child.dep_ in ("advmod", "aux", "amod") and (
            child.lower_ in lex.hedge_adverbs or (child.lemma_.lower() in lex.hedge_modals and not counting)
        ):
            return True
    return False


def _confirmed_count(anchor: Token, lex: Lexicon) -> bool:
    """ "including 600 confirmed deaths": the counted noun says the figure is established."""
    noun = anchor.head if anchor.dep_ in ("nummod", "quantmod", "compound") else anchor
    return any(c.dep_ == "amod" and c.lower_ in lex.hedge_confirmed for c in noun.children)


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
