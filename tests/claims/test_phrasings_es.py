"""Spanish phrasings: the number grammar of the pack (locale separators, qualifiers,
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
from claimtrail.claims.wordorder import hedged_by_word_order, read_by_word_order

PACK = load_language("es")
CASES = [
    ("Más de 200 personas han muerto.", "Más de 200", (200, None), "more_than", "personas", "killed", False),
    (
        "Unos 2,5 millones de euros fueron entregados.",
        "Unos 2,5 millones",
        (2500000, 2500000),
        "approx",
        None,
        "supplied",
        False,
    ),
]


@pytest.mark.parametrize("case", figure_cases(CASES))
def test_a_figure_is_read_with_its_noun_measure_and_hedge(case: FigureCase) -> None:
    check_figure("es", case)


# Who states a figure, by word order (claims/cues.py; invented sentences).
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Según datos del Centro de Emergencias, murieron 40 personas.", ["Centro de Emergencias"]),
        ("Según la inteligencia surcoreana, murieron 300 soldados.", ["National Intelligence Service"]),
        ("Según el último balance, hay 9 muertos.", []),
        ("Hay 12 heridos, informó el alcalde.", ["alcalde"]),
    ],
)
def test_a_speaker_is_found_by_its_cue(sentence: str, expected: list[str]) -> None:
    assert speakers("es", sentence) == expected


def test_a_figure_without_a_cue_goes_on_with_the_last_speaker() -> None:
    text = "Según la Guardia Civil, hay 40 muertos. De ellos, 12 eran niños"
    assert attributed("es", text, ["40 muertos", "12 eran"]) == [("Guardia Civil", "Guardia Civil")] * 2


@pytest.mark.parametrize(
    ("sentence", "phrase", "low"),
    [
        ("Llegó alrededor de un millar de soldados.", "alrededor de un millar", 1000),
        ("Más de un centenar de casas ardieron.", "Más de un centenar", 100),
    ],
)
def test_a_collective_number_word_is_a_figure(sentence: str, phrase: str, low: int) -> None:
    (quantity,) = find_quantities(sentence, PACK)
    assert (quantity.text, quantity.value.low) == (phrase, low)


def test_deaths_are_counted_as_fatal_victims() -> None:
    sentence = "El temporal dejó 80 víctimas mortales."
    (quantity,) = find_quantities(sentence, PACK)
    found = read_by_word_order(quantity, sentence, PACK)
    assert found is not None and found.measure == "killed"


# Time expressions by the pack's timex.toml, resolved against Monday 16 December 2024 (invented sentences).
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "La DANA del 29 de octubre de 2024 dejó 218 víctimas.",
            [("del 29 de octubre de 2024", "2024-10-29", "2024-10-29")],
        ),
        (
            "Desde octubre llegaron alrededor de 2000 soldados.",
            [("Desde octubre", "2024-10-01", "2024-12-16")],
        ),
        ("El martes el ministerio contó 13 desaparecidos.", [("El martes", "2024-12-10", "2024-12-10")]),
        ("El año pasado murieron 600 soldados.", [("El año pasado", "2023-01-01", "2023-12-31")]),
    ],
)
def test_time_expressions_resolve_by_the_packs_words(
    sentence: str, expected: list[tuple[str, str, str]]
) -> None:
    assert dated("es", sentence) == expected


# Fear and belief verbs hedge the figures under them (the pack's [hedges] stems; invented sentences).
@pytest.mark.parametrize(
    ("sentence", "hedged"),
    [
        ("El SNI cree que llegaron 6000 militares.", True),
        ("Se cree que murieron 200 personas.", True),
        ("El ministerio contó 13 desaparecidos.", False),
    ],
)
def test_fear_and_belief_verbs_hedge(sentence: str, hedged: bool) -> None:
    assert hedged_by_word_order(sentence, load_language("es")) is hedged


def _claims_of(text: str, make_article: Any, settings: Any) -> list[tuple[str, str]]:
    """(text, measure) of each claim the extractor reads in ``text``, as Spanish without a parse."""
    article = make_article(text, language="es", published=dt.date(2024, 11, 9))
    pipelines = nlp_stage.Pipelines(nlp_stage.blank_pipeline("en"), {})
    (annotated,) = nlp_stage.annotate_articles([article], pipelines, settings.nlp)
    return [(c.text, c.measure) for c in find_claims(annotated, settings.claims, language="es")]


def test_a_bare_figure_after_a_claim_continues_its_count(make_article: Any, settings: Any) -> None:
    text = (
        "La DANA dejó 216 muertos en la provincia. "
        "Las localidades con el mayor número de muertos fueron Paiporta, con 45 víctimas; "
        "Catarroja, con 25; y Alfafar, con 15.\n"
    )
    found = _claims_of(text, make_article, settings)
    assert [t for t, _ in found][2:] == ["25", "15"]
    assert [m for _, m in found] == ["killed"] * 4


def test_a_digit_ending_a_sentence_is_a_footnote_mark(make_article: Any, settings: Any) -> None:
    text = "Unos 3.000 soldados murieron en la ofensiva cerca de Sudzha 2. El frente sigue estable.\n"
    assert [t for t, _ in _claims_of(text, make_article, settings)] == ["Unos 3.000"]


def test_a_figure_like_a_year_before_a_noun_of_people_is_a_count(make_article: Any, settings: Any) -> None:
    # without a parse the pack's word order tells the noun's class; a bare year stays a date
    text = "El SNI calcula que alrededor de 2000 soldados han muerto. La guerra empezó en 2000.\n"
    assert _claims_of(text, make_article, settings) == [("alrededor de 2000", "killed")]


# Speakers by word order: the agent of a statement ("emitido ... por"), the subject noun
# phrase of a reporting verb, a verb's speaker past its time adverb and addressee (invented sentences).
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Hay 218 muertos, según el balance oficial emitido este sábado por el Centro de Emergencias.",
            ["Centro de Emergencias"],
        ),
        ("Las autoridades sanitarias confirmaron que hay 40 muertos.", ["autoridades sanitarias"]),
        (
            "La agencia de inteligencia de Corea del Sur calcula que murieron 300 soldados.",
            ["National Intelligence Service"],
        ),
        ("Hay 9 heridos, informó el martes el alcalde.", ["alcalde"]),
        ("Murieron 12 personas, dijo a periodistas el portavoz del ministerio.", ["portavoz del ministerio"]),
        ("Se estima que murieron 300 personas.", []),
        ("Esta cifra indica que hay 92 bajas al día.", []),
    ],
)
def test_a_speaker_is_found_by_its_verb_or_agent(sentence: str, expected: list[str]) -> None:
    assert speakers("es", sentence) == expected


# One statement holding another: the outer speaker states the figure, citing the inner one.
@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        (
            "Según el ministerio, murieron al menos 600 soldados, declaró a periodistas el diputado Juan Pérez",
            "600",
            ("diputado Juan Pérez", "ministerio"),
        ),
        (
            "Según Pérez, el Estado Mayor Conjunto cree que llegaron 6000 soldados",
            "6000",
            ("Pérez", "Joint Chiefs of Staff (South Korea)"),
        ),
        (
            "Según los bomberos, hay 40 muertos; según la policía, hay 12 heridos",
            "12",
            ("policía", "policía"),
        ),
    ],
)
def test_a_speaker_cites_the_statement_it_reports(text: str, figure: str, expected: tuple[str, str]) -> None:
    assert attributed("es", text, [figure]) == [expected]


# Parts of a count: a verb after the figure ends its noun ("otros 26 procedían": the pack's
# verb endings), women are people, "una menos" is one fewer (invented sentences).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "La riada dejó 300 muertos. De ellos, 131 eran hombres y 85 mujeres, y otros 26 procedían de Francia.\n",
            [("300", "killed"), ("131", "killed"), ("85", "killed"), ("26", "killed")],
        ),
        (
            "La cifra de personas desaparecidas ha bajado a 13, una menos que ayer.\n",
            [("13", "missing"), ("una menos", "missing")],
        ),
        ("La policía gestiona 16 expedientes de desaparición.\n", [("16", "missing")]),
    ],
)
def test_parts_of_a_count_are_read_by_word_order(
    text: str, expected: list[tuple[str, str]], make_article: Any, settings: Any
) -> None:
    assert _claims_of(text, make_article, settings) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Unos 300 soldados han resultado heridos 1. El frente sigue estable.\n", ["Unos 300"]),
        ("El número de heridos asciende a 3.\n", ["3"]),
    ],
)
def test_a_digit_after_a_word_ending_a_sentence_is_a_footnote_mark(
    text: str, expected: list[str], make_article: Any, settings: Any
) -> None:
    assert [t for t, _ in _claims_of(text, make_article, settings)] == expected


def test_a_verb_of_reaching_takes_the_measure_of_its_far_subject(make_article: Any, settings: Any) -> None:
    text = (
        "El número de fallecidos por las lluvias torrenciales que azotaron la provincia de Valencia "
        "durante el largo fin de semana pasado ha ascendido a 218.\n"
    )
    assert _claims_of(text, make_article, settings) == [("218", "killed")]


def test_a_statement_without_its_speaker_is_the_last_statements() -> None:
    # "según los datos facilitados": the data named before with its speaker, not the last speaker
    text = (
        "Hay 218 muertos, según el balance emitido por el Centro de Emergencias. "
        "Según EFE, las autoridades confirmaron el hallazgo. "
        "Según los datos facilitados, 169 han sido identificados"
    )
    assert attributed("es", text, ["169"]) == [("Centro de Emergencias", "Centro de Emergencias")]
    assert attributed("es", "Según el último balance, hay 9 muertos", ["9"]) == [(None, None)]


# A modal hedges the figures of its own clause only; belief verbs the whole sentence (invented sentences).
@pytest.mark.parametrize(
    ("sentence", "figure", "hedged"),
    [
        ("El frente podría caer en abril, mientras Kiev ocupa unos 470 km².", "unos 470", False),
        ("Unos 300 soldados habrían muerto en la ofensiva.", "Unos 300", True),
        ("Según el ministerio, unos 300 soldados podrían haber muerto.", "unos 300", True),
        ("Se cree que, tras el ataque, murieron 300 soldados.", "300", True),
    ],
)
def test_a_modal_hedges_its_own_clause(sentence: str, figure: str, hedged: bool) -> None:
    (quantity,) = [q for q in find_quantities(sentence, PACK) if q.text == figure]
    assert hedged_by_word_order(sentence, PACK, figure=quantity) is hedged


# "según informó X": the verb's speaker, not the verb; a name in apposition before its verb.
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Hay 95 muertos, según informó este miércoles el Centro de Emergencias.", ["Centro de Emergencias"]),
        ("Según ha informado el Ministerio de Defensa, llegarán 500 soldados.", ["Ministerio de Defensa"]),
        ("El presidente regional, Carlos Ruiz, dijo que hay decenas de desaparecidos.", ["Carlos Ruiz"]),
    ],
)
def test_a_verb_after_its_opener_or_a_name_in_apposition_names_the_speaker(
    sentence: str, expected: list[str]
) -> None:
    assert speakers("es", sentence) == expected


# A reporting verb whose "que" clause holds another reports that one's statement; two
# statements side by side do not nest (invented sentences).
@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        (
            "El alcalde dijo a la prensa que la policía informó que hay 40 muertos",
            "40",
            ("alcalde", "policía"),
        ),
        (
            "El ministerio anunció 40 muertos y la policía confirmó que hay 300 heridos",
            "300",
            ("policía", "policía"),
        ),
    ],
)
def test_a_statement_holding_another_cites_it(text: str, figure: str, expected: tuple[str, str]) -> None:
    assert attributed("es", text, [figure]) == [expected]


def test_a_measure_across_a_conjunction_yields_to_one_after_the_figure(
    make_article: Any, settings: Any
) -> None:
    text = "Al menos 20 personas murieron y otras 50 resultaron heridas en el ataque.\n"
    assert _claims_of(text, make_article, settings) == [("Al menos 20", "killed"), ("50", "wounded")]
    text = "Al menos 20 personas murieron y otras 50 siguen en el hospital.\n"
    assert _claims_of(text, make_article, settings) == [("Al menos 20", "killed"), ("50", "killed")]


def test_units_of_time_and_measure_are_not_counts(make_article: Any, settings: Any) -> None:
    text = "La ofensiva duró 45 días, avanzó 12 kilómetros y dejó 300 muertos.\n"
    assert _claims_of(text, make_article, settings) == [("300", "killed")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Hace tres días murieron 40 personas.", [("Hace tres días", "2024-12-13", "2024-12-13")]),
        (
            "A principios de diciembre llegaron 300 soldados.",
            [("A principios de diciembre", "2024-12-01", "2024-12-10")],
        ),
        (
            "A finales de noviembre llegaron 300 soldados.",
            [("A finales de noviembre", "2024-11-21", "2024-11-30")],
        ),
    ],
)
def test_counts_back_and_parts_of_months(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert dated("es", sentence) == expected


def test_a_speaker_named_again_by_role_goes_on_citing_its_source() -> None:
    text = (
        "Según el ministerio, murieron 600 soldados, declaró a periodistas el diputado Juan Pérez. "
        "Llegaron otros 300 soldados, dijo el diputado"
    )
    assert attributed("es", text, ["600", "300"]) == [("diputado Juan Pérez", "ministerio")] * 2


def test_a_source_an_outlet_cites_is_not_the_speakers() -> None:
    text = "Murieron 600 soldados, dijo el diputado Juan Pérez, citando a Reuters. Llegaron otros 300 soldados, dijo Pérez"
    assert attributed("es", text, ["600", "300"])[1] == ("diputado Juan Pérez", "diputado Juan Pérez")


def test_losses_and_raising_a_figure(make_article: Any, settings: Any) -> None:
    text = "El ejército perdió unos 1.200 soldados en la ofensiva.\n"
    assert _claims_of(text, make_article, settings) == [("unos 1.200", "casualties")]
    assert speakers("es", "Las autoridades elevaron a 40 el número de muertos.") == ["autoridades"]


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        (
            "Unos 3.000 soldados enviados por el régimen a la región fronteriza han muerto o han resultado heridos.",
            "casualties",
        ),
        ("Unos 300 soldados heridos fueron evacuados al hospital.", "wounded"),
    ],
)
def test_a_participle_of_sending_yields_to_the_predicate(sentence: str, measure: str) -> None:
    (quantity,) = find_quantities(sentence, PACK)
    found = read_by_word_order(quantity, sentence, PACK)
    assert found is not None and found.measure == measure
