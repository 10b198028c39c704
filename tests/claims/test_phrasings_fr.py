"""French phrasings: the number grammar of the pack (locale separators, qualifiers,
scale words) and the word-order reading of counted noun, measure and hedge (invented sentences)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from cue_cases import FigureCase, attributed, check_figure, dated, figure_cases, speakers

from claimtrail import nlp as nlp_stage
from claimtrail.claims import find_claims
from claimtrail.claims.lang import load_language
from claimtrail.claims.quantities import find_quantities
from claimtrail.claims.wordorder import hedged_by_word_order, nears_by_word_order, read_by_word_order

CASES = [
    (
        "La Corée du Nord a fait 4 700 victimes.",
        "4 700",
        (4700, 4700),
        "exact",
        "victimes",
        "casualties",
        False,
    ),
    (
        "Environ 4 700 soldats ont été tués ou blessés.",
        "Environ 4 700",
        (4700, 4700),
        "approx",
        "soldats",
        "casualties",
        False,
    ),
    (
        "Près de 3 000 soldats auraient été tués.",
        "Près de 3 000",
        (3000, 3000),
        "nearly",
        "soldats",
        "killed",
        True,
    ),
    (
        "Plus de 1 200 habitants ont été évacués.",
        "Plus de 1 200",
        (1200, None),
        "more_than",
        "habitants",
        "displaced",
        False,
    ),
]


@pytest.mark.parametrize("case", figure_cases(CASES))
def test_a_figure_is_read_with_its_noun_measure_and_hedge(case: FigureCase) -> None:
    check_figure("fr", case)


# Who states a figure the parse leaves without a speaker, by word order (claims/cues.py).
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Selon les pompiers, 12 personnes ont été secourues.", ["pompiers"]),
        ("Selon le renseignement sud-coréen, 300 soldats sont morts.", ["National Intelligence Service"]),
        ("Selon un dernier bilan provisoire, 9 personnes sont mortes.", []),
        ("Selon les chiffres de la préfecture, 40 maisons ont brûlé.", ["préfecture"]),
    ],
)
def test_a_speaker_is_found_by_its_cue(sentence: str, expected: list[str]) -> None:
    assert speakers("fr", sentence) == expected


def test_french_figures_without_a_cue_do_not_go_on_with_the_last_speaker() -> None:
    # the parse finds French speakers; a figure it leaves without one is the outlet's own
    text = "Selon les pompiers, 12 personnes sont mortes. Il y a 40 blessés"
    assert attributed("fr", text, ["12 personnes", "40 blessés"]) == [("pompiers", "pompiers"), (None, None)]


# Time expressions by the pack's timex.toml, resolved against Monday 16 December 2024 (invented sentences).
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Il recense dimanche soir au moins 14 morts.", [("dimanche soir", "2024-12-15", "2024-12-15")]),
        ("Le cyclone a frappé samedi 14 décembre.", [("samedi 14 décembre", "2024-12-14", "2024-12-14")]),
        (
            "Depuis octobre 2024, 3 000 soldats sont arrivés.",
            [("Depuis octobre 2024", "2024-10-01", "2024-12-16")],
        ),
        (
            "Plus de 2000 soldats ont été envoyés l'année dernière.",
            [("année dernière", "2023-01-01", "2023-12-31")],
        ),
    ],
)
def test_time_expressions_resolve_by_the_packs_words(
    sentence: str, expected: list[tuple[str, str, str]]
) -> None:
    assert dated("fr", sentence) == expected


# Fear and belief verbs hedge the figures under them (the pack's [hedges] stems; invented sentences).
@pytest.mark.parametrize(
    ("sentence", "hedged"),
    [
        ("Les autorités redoutent des centaines de morts.", True),
        ("Les secours craignent 300 morts.", True),
        ("Le bilan fait état de 14 morts.", False),
    ],
)
def test_fear_and_belief_verbs_hedge(sentence: str, hedged: bool) -> None:
    assert hedged_by_word_order(sentence, load_language("fr")) is hedged


def _parsed_claims(text: str, make_article: Any, settings: Any) -> list[Any]:
    """The claims the extractor reads in ``text`` as French, parsed by fr_core_news_sm (the [fr] extra)."""
    article = make_article(text, language="fr", published=dt.date(2024, 12, 16))
    pipelines = nlp_stage.Pipelines(nlp_stage.blank_pipeline("en"), {"fr": "fr_core_news_sm"})
    (annotated,) = nlp_stage.annotate_articles([article], pipelines, settings.nlp)
    return find_claims(annotated, settings.claims, language="fr")


# The subject of a French reporting verb (the pack's lexicon.toml [reporting], lemmas) is
# the speaker, fear verbs included (invented sentences).
@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Le ministère de la Santé a déclaré que 40 personnes étaient mortes.\n", "ministère"),
        ("Les pompiers ont annoncé que 12 personnes avaient été blessées.\n", "pompiers"),
        ("Le maire craint plusieurs centaines de morts dans la commune.\n", "maire"),
    ],
)
def test_the_subject_of_a_french_reporting_verb_is_the_speaker(
    text: str, speaker: str, make_article: Any, settings: Any
) -> None:
    (claim,) = _parsed_claims(text, make_article, settings)
    assert claim.stated_by is not None and speaker in claim.stated_by


@pytest.mark.parametrize(
    ("sentence", "phrase", "low"),
    [
        ("Le bilan pourrait approcher le millier.", "le millier", 1000),
        ("Une centaine de maisons ont brûlé.", "Une centaine", 100),
        ("Seize personnes sont mortes.", "Seize", 16),
    ],
)
def test_a_round_number_noun_is_a_figure(sentence: str, phrase: str, low: int) -> None:
    (quantity,) = find_quantities(sentence, load_language("fr"))
    assert (quantity.text, quantity.value.low) == (phrase, low)


# Speakers by word order: the inverted subject of a closing verb past its time adverb, the
# noun-phrase subject of a verb past its adverb, never the figure a fear verb governs (invented sentences).
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Au moins 40 personnes sont mortes, a déclaré mercredi le ministère de l'Intérieur.",
            ["ministère de l'Intérieur"],
        ),
        ("Les autorités craignent des centaines de morts.", ["autorités"]),
        ('Le maire craint "plusieurs centaines" de morts.', ["maire"]),
        ("Le bureau a également signalé que 300 soldats sont morts.", ["bureau"]),
        ("Il y a 12 blessés, a indiqué à l'AFP le porte-parole des pompiers.", ["porte-parole des pompiers"]),
    ],
)
def test_a_speaker_is_found_by_its_verb(sentence: str, expected: list[str]) -> None:
    assert speakers("fr", sentence) == expected


# A closing cue speaks its whole sentence over the parse's subject: a closing verb's
# inverted subject, or a closing "selon" citing the parse's speaker (invented sentences).
@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "stated_by", "source"),
    [
        (
            "Le ministère a déclaré que 40 soldats étaient morts, selon le député Jean Dupont.\n",
            "député Jean Dupont",
            "ministère",
        ),
        (
            '"Il y aura 300 morts au vu de la violence du cyclone", a déclaré le préfet Jean Dupont sur la chaîne Radio Ile.\n',
            "préfet Jean Dupont",
            "préfet Jean Dupont",
        ),
    ],
)
def test_a_closing_cue_speaks_the_sentence(
    text: str, stated_by: str, source: str, make_article: Any, settings: Any
) -> None:
    (claim,) = _parsed_claims(text, make_article, settings)
    assert (claim.stated_by, claim.source) == (stated_by, source)


@pytest.mark.parametrize(
    ("sentence", "hedged"),
    [("Il y aura peut-être un millier de morts.", True), ("Il y a un millier de morts.", False)],
)
def test_perhaps_hedges(sentence: str, hedged: bool) -> None:
    assert hedged_by_word_order(sentence, load_language("fr")) is hedged


def test_a_verb_of_reaching_takes_the_measure_of_its_far_subject() -> None:
    sentence = (
        "Le nombre de morts dans les communes les plus touchées par le passage du cyclone sur "
        "l'archipel pendant toute la nuit de samedi s'élève désormais à 40."
    )
    pack = load_language("fr")
    (quantity,) = find_quantities(sentence, pack)
    found = read_by_word_order(quantity, sentence, pack)
    assert found is not None and found.measure == "killed"


def test_a_conditional_hedges_the_quoted_figure_of_its_clause() -> None:
    sentence = 'Le bilan pourrait atteindre "quelques milliers de morts" selon le préfet.'
    pack = load_language("fr")
    (quantity,) = find_quantities(sentence, pack)
    assert hedged_by_word_order(sentence, pack, figure=quantity)


# Elided articles are words of their own ("l'armée"), a parenthesised acronym stays with
# its subject, a statement noun is no speaker ("selon un communiqué") (invented sentences).
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("L'armée a indiqué que 300 soldats étaient morts.", ["armée"]),
        (
            "L’agence du renseignement (NIS) a rapporté que 300 soldats sont arrivés.",
            ["National Intelligence Service"],
        ),
        ("Les pompiers ont secouru 300 personnes, selon un communiqué.", []),
        ("D'après la préfecture, 40 maisons ont brûlé.", ["préfecture"]),
    ],
)
def test_elided_articles_and_statement_nouns(sentence: str, expected: list[str]) -> None:
    assert speakers("fr", sentence) == expected


def test_an_inverted_pronoun_names_the_last_speaker() -> None:
    text = "Selon le maire, 12 maisons ont brûlé. Il y a 40 blessés, a-t-il précisé"
    assert attributed("fr", text, ["12 maisons", "40 blessés"]) == [("maire", "maire")] * 2


@pytest.mark.slow
def test_a_sentence_naming_its_own_speaker_overrides_the_parse_going_on(
    make_article: Any, settings: Any
) -> None:
    text = (
        "Le maire a indiqué que 12 personnes étaient portées disparues. "
        "D'après le ministère de la Santé, le bilan s'élève désormais à 120 morts.\n"
    )
    found = {c.text: c.stated_by for c in _parsed_claims(text, make_article, settings)}
    assert found["120 morts"] == "ministère de la Santé"


def test_a_quote_closing_on_the_partitive_keeps_its_noun() -> None:
    # '"plusieurs centaines" de morts': the dead are counted past the closing quote
    sentence = 'Il y a eu 250 blessés et le maire craint "quelques milliers" de morts.'
    pack = load_language("fr")
    quantity = next(q for q in find_quantities(sentence, pack) if "milliers" in q.text)
    found = read_by_word_order(quantity, sentence, pack)
    assert found is not None and found.measure == "killed"


def test_a_subject_before_its_auxiliary_is_found() -> None:
    sentence = "Lee a déclaré aux journalistes que le NIS a indiqué que 2 000 soldats ont été blessés."
    assert speakers("fr", sentence) == ["Lee", "National Intelligence Service"]


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        ("Au moins 20 personnes sont mortes et 50 autres ont été blessées.", "wounded"),
        ("Les secours ont compté 20 morts et 5 autres dans les décombres.", "killed"),
    ],
)
def test_a_measure_across_a_conjunction_yields_to_one_after_the_figure(sentence: str, measure: str) -> None:
    pack = load_language("fr")
    quantity = find_quantities(sentence, pack)[-1]
    found = read_by_word_order(quantity, sentence, pack)
    assert found is not None and found.measure == measure


@pytest.mark.slow
def test_bodies_are_the_dead_and_days_no_count(make_article: Any, settings: Any) -> None:
    text = "Deux jours après le séisme, les secours ont retrouvé 45 corps.\n"
    assert [(c.text, c.measure) for c in _parsed_claims(text, make_article, settings)] == [
        ("45 corps", "killed")
    ]


# A count back written before its units, parts of months (the pack's timex.toml; invented sentences).
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Il y a trois jours, 40 personnes sont mortes.",
            [("Il y a trois jours", "2024-12-13", "2024-12-13")],
        ),
        ("Fin novembre, 300 soldats sont arrivés.", [("Fin novembre", "2024-11-21", "2024-11-30")]),
        ("Début décembre, 300 soldats sont arrivés.", [("Début décembre", "2024-12-01", "2024-12-10")]),
    ],
)
def test_counts_back_and_parts_of_months(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert dated("fr", sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "near"),
    [("Le bilan pourrait approcher le millier.", True), ("Le bilan atteint le millier.", False)],
)
def test_a_verb_of_nearing_makes_a_figure_nearly(sentence: str, near: bool) -> None:
    pack = load_language("fr")
    (quantity,) = find_quantities(sentence, pack)
    assert nears_by_word_order(quantity, sentence, pack) is near


def test_a_quoted_figure_after_a_verb_is_its_object_not_a_speaker() -> None:
    # the closing '"' does not open a name in quotes ("агентство «Ёнхап»") (invented sentence)
    assert speakers("fr", 'Le préfet redoute "quelques centaines" de blessés.') == ["préfet"]
