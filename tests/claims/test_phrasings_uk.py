"""Ukrainian phrasings: the number grammar of the pack (locale separators, qualifiers,
scale words) and the word-order reading of counted noun, measure and hedge (invented sentences)."""

from __future__ import annotations

import pytest
from cue_cases import FigureCase, attributed, check_figure, claims_of, dated, figure_cases, speakers

from claimtrail.claims.lang import load_language
from claimtrail.claims.quantities import find_quantities
from claimtrail.claims.wordorder import read_by_word_order

PACK = load_language("uk")
CASES = [
    (
        "Втрати оцінюють приблизно в дві тисячі осіб.",
        "приблизно в дві тисячі",
        (2000, 2000),
        "approx",
        "осіб",
        "casualties",
        False,
    ),
    ("Убито або поранено 3800 військових.", "3800", (3800, 3800), "exact", "військових", "casualties", False),
    (
        "Понад 11 тисяч військових відправили до Курської області.",
        "Понад 11 тисяч",
        (11000, None),
        "more_than",
        "військових",
        "deployed",
        False,
    ),
    ("Близько 600 бійців нібито загинули.", "Близько 600", (600, 600), "approx", "бійців", "killed", True),
    # After a qualifier "тисячі" is one thousand (genitive), not "thousands".
    (
        "До Росії прибуло близько тисячі бойових інженерів.",
        "близько тисячі",
        (1000, 1000),
        "approx",
        "бойових інженерів",
        "deployed",
        False,
    ),
    (
        "Туди перекинуть до десяти тисяч бійців.",
        "до десяти тисяч",
        (None, 10000),
        "up_to",
        "бійців",
        "deployed",
        False,
    ),
    # A joined clause has its own measure: "загинули і ще тисячі отримали поранення".
    (
        "Багато бійців загинули і ще тисячі отримали поранення.",
        "тисячі",
        (2000, None),
        "vague",
        None,
        "wounded",
        False,
    ),
    # Materiel sent is supplied.
    (
        "КНДР відправила 10 тисяч контейнерів.",
        "10 тисяч",
        (10000, 10000),
        "exact",
        "контейнерів",
        "supplied",
        False,
    ),
    (
        "Повернули 2000 поранених солдатів.",
        "2000",
        (2000, 2000),
        "exact",
        "поранених солдатів",
        "wounded",
        False,
    ),
    # A modal verb hedges a figure after it in its clause, not one before it (pack [hedges]
    # modal_words; read with the figure, as the German clause-bound hedges are).
    (
        "Пхеньян може відправити ще 6 тисяч військових.",
        "6 тисяч",
        (6000, 6000),
        "exact",
        "військових",
        "deployed",
        True,
    ),
    (
        "Росія отримала 800 снарядів, які могли б вибухнути.",
        "800",
        (800, 800),
        "exact",
        "снарядів",
        "other",
        False,
    ),
    # Leaving one's home is displacement; rescue crews brought in are deployed; a space groups
    # the thousands (unseen phrasings, invented sentences).
    (
        "Через зсув ґрунту понад 4 тисячі мешканців змушені покинути свої домівки.",
        "понад 4 тисячі",
        (4000, None),
        "more_than",
        "мешканців",
        "displaced",
        False,
    ),
    (
        "Після обстрілу 900 жителів залишили свої оселі.",
        "900",
        (900, 900),
        "exact",
        "жителів",
        "displaced",
        False,
    ),
    (
        "На гасіння пожежі залучено 250 пожежників.",
        "250",
        (250, 250),
        "exact",
        "пожежників",
        "deployed",
        False,
    ),
    (
        "До пошуків задіяно близько 1 200 рятувальників.",
        "близько 1 200",
        (1200, 1200),
        "approx",
        "рятувальників",
        "deployed",
        False,
    ),
    # Troops counted with no measure word are deployed.
    ("У регіоні лишаються 400 військових.", "400", (400, 400), "exact", "військових", "deployed", False),
    # Left homeless is displaced, burns are wounds; the counted noun ends at a reflexive verb.
    (
        "Після повені близько 3 200 мешканців залишилися без житла.",
        "близько 3 200",
        (3200, 3200),
        "approx",
        "мешканців",
        "displaced",
        False,
    ),
    ("Ще 70 людей вважаються зниклими.", "70", (70, 70), "exact", "людей", "missing", False),
    (
        "Понад 15 рятувальників отримали опіки.",
        "Понад 15",
        (15, None),
        "more_than",
        "рятувальників",
        "wounded",
        False,
    ),
    # The hospitalised are wounded; residents moved out are displaced.
    ("Ще 12 пасажирів були госпіталізовані.", "12", (12, 12), "exact", "пасажирів", "wounded", False),
    (
        "З аварійного будинку відселено 140 мешканців.",
        "140",
        (140, 140),
        "exact",
        "мешканців",
        "displaced",
        False,
    ),
]


@pytest.mark.parametrize("case", figure_cases(CASES))
def test_a_figure_is_read_with_its_noun_measure_and_hedge(case: FigureCase) -> None:
    check_figure("uk", case)


# Who states a figure, by word order (claims/cues.py; invented sentences); names across
# scripts through the alias tables.
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("За даними південнокорейської розвідки, загинули 300 солдатів.", ["National Intelligence Service"]),
        ("Загинули 40 осіб, заявив президент України Володимир Зеленський.", ["Volodymyr Zelensky"]),
        ("Зеленський заявив, що поранено 12 військових.", ["Volodymyr Zelensky"]),
        ("За даними СБУ, затримано 5 осіб.", ["Security Service of Ukraine"]),
        ("Загинули 600 солдатів, повідомив член парламенту країни Лі Сон Квен.", ["Lee Seong-kweun"]),
        ("За даними британської розвідки, прибули 6000 військових.", ["British intelligence"]),
        ("Дощ припинився ввечері.", []),
    ],
)
def test_a_speaker_is_found_by_its_cue(sentence: str, expected: list[str]) -> None:
    assert speakers("uk", sentence) == expected


def test_a_statement_pointing_back_states_the_figures_before_it() -> None:
    text = (
        "Загинули 40 осіб. Про це заявив головнокомандувач Олександр Сирський. За його словами, поранено 90"
    )
    assert attributed("uk", text, ["40 осіб", "90"]) == [("Oleksandr Syrskyi", "Oleksandr Syrskyi")] * 2


@pytest.mark.parametrize(
    ("sentence", "phrase", "low"),
    [
        ("Прибули близько двох тисяч бійців.", "близько двох тисяч", 2000),
        ("Загинули понад шести тисяч осіб.", "понад шести тисяч", 6000),
        ("Відправили одну тисячу саперів.", "одну тисячу", 1000),
    ],
)
def test_a_number_word_in_any_case_is_a_figure(sentence: str, phrase: str, low: int) -> None:
    (quantity,) = find_quantities(sentence, PACK)
    assert (quantity.text, quantity.value.low) == (phrase, low)


# Time expressions by the pack's timex.toml, resolved against Monday 16 December 2024 (invented sentences).
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "З 8 серпня російські війська втратили 17 819 військових.",
            [("З 8 серпня", "2024-08-08", "2024-12-16")],
        ),
        (
            "З жовтня минулого року КНДР направила 13 тисяч військових.",
            [("З жовтня минулого року", "2023-10-01", "2024-12-16")],
        ),
        ("У вівторок розвідка повідомила про 600 загиблих.", [("У вівторок", "2024-12-10", "2024-12-10")]),
        ("У жовтні 2024 року прибули понад 2000 солдатів.", [("У жовтні 2024", "2024-10-01", "2024-10-31")]),
    ],
)
def test_time_expressions_resolve_by_the_packs_words(
    sentence: str, expected: list[tuple[str, str, str]]
) -> None:
    assert dated("uk", sentence) == expected


# Speakers after an addressee, after a time phrase, behind a relaying outlet, and named
# again by a bare noun (invented sentences).
@pytest.mark.parametrize(
    ("text", "figures", "expected"),
    [
        (
            "Загинули 30 осіб. Про це в четвер, 5 березня, заявив президент України Володимир Зеленський",
            ["30 осіб"],
            [("Volodymyr Zelensky", "Volodymyr Zelensky")],
        ),
        (
            "Поранено 70 солдатів, сказав журналістам депутат Південної Кореї Лі",
            ["70 солдатів"],
            [("Lee Seong-kweun", "Lee Seong-kweun")],
        ),
        (
            "Загинули 40 осіб. Про це заявив Олександр Сирський, пише «Газета» з посиланням на агентство Reuters",
            ["40 осіб"],
            [("Oleksandr Syrskyi", "Oleksandr Syrskyi")],
        ),
        (
            (
                "Загинули 700 солдатів. Такою є оцінка служби національної розвідки, повідомив депутат Лі. "
                "Прибули ще 900 бійців, додав Лі"
            ),
            ["700 солдатів", "900 бійців"],
            [("Lee Seong-kweun", "National Intelligence Service")] * 2,
        ),
        (
            "Загинули 12 осіб, заявив Зеленський. Ще 5 осіб зникли, уточнила агенція",
            ["12 осіб", "5 осіб"],
            [("Volodymyr Zelensky", "Volodymyr Zelensky")] * 2,
        ),
    ],
)
def test_a_speaker_is_found_past_what_stands_between_it_and_its_verb(
    text: str, figures: list[str], expected: list[tuple[str, str]]
) -> None:
    assert attributed("uk", text, figures) == expected


# Pages read whole (invented): a list of losses opened by a colon, a label after "№", a
# number joined to an adjective, a figure that could be a year counting people.
def test_a_list_of_losses_is_read_item_by_item() -> None:
    page = (
        "Сирський повідомив, що за цей період російська армія втратила:\n"
        "  • 45 танків;\n  • 256 бойових броньованих машин;\n  • 99 артилерійських систем.\n"
    )
    found = [(c.text, c.stated_by) for c in claims_of("uk", page)]
    assert found == [
        ("45", "Oleksandr Syrskyi"),
        ("256", "Oleksandr Syrskyi"),
        ("99", "Oleksandr Syrskyi"),
    ]


def test_labels_and_compounds_are_not_figures() -> None:
    page = "Бійці групи № 84 взяли в полон 2 солдатів. Телеканал показав 20-хвилинний репортаж про бої за Курськ."
    assert [c.text for c in claims_of("uk", page)] == ["2"]


def test_the_parts_of_a_count_share_its_period() -> None:
    page = (
        "За його словами, з 8 серпня армія втратила 17 819 військових. "
        "З них безповоротні втрати склали 6 662 особи, санітарні — 10 446 осіб та полонені — 711 осіб.\n"
        "Крім того, за цей період армія втратила:\n  • 45 танків;\n  • 5 реактивних систем залпового вогню.\n"
    )
    found = [(c.text, c.measure, c.when and str(c.when.start)) for c in claims_of("uk", page)]
    assert found == [
        ("17 819", "casualties", "2024-08-08"),
        ("6 662", "casualties", "2024-08-08"),
        ("10 446", "wounded", "2024-08-08"),
        ("711", "captured", "2024-08-08"),
        ("45", "other", "2024-08-08"),
        ("5", "other", "2024-08-08"),
    ]


# Names the alias tables do not know come out in the Latin alphabet; a person named after
# a country is the person (invented names).
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Загинули 5 осіб, заявив Олексій Петренко.", ["Oleksii Petrenko"]),
        ("Загинули 5 осіб, повідомив посол Південної Кореї Кім Сон.", ["Kim Son"]),
        ("Загинули 5 осіб, повідомили у Південній Кореї.", ["South Korea"]),
        ("Загинули 5 осіб, повідомили в ДСНС.", ["State Emergency Service of Ukraine"]),
        ("Загинули 5 осіб, повідомив речник ПС ЗСУ Юрій Ігнат.", ["Iurii Ihnat"]),
        ("Загинули 5 осіб, повідомила Нацполіція.", ["National Police of Ukraine"]),
    ],
)
def test_an_unknown_name_is_romanized(sentence: str, expected: list[str]) -> None:
    assert speakers("uk", sentence) == expected


def test_the_day_a_speaker_is_quoted_on_dates_the_statement() -> None:
    page = (
        "Загинули близько двох тисяч солдатів, повідомив депутат Лі. "
        '"Прибули ще шість тисяч", - цитує законодавця у п\'ятницю, 13 грудня, агенція AFP.'
    )
    found = [(c.text, c.stated_by, str(c.stated_on)) for c in claims_of("uk", page)]
    assert found == [
        ("близько двох тисяч", "Lee Seong-kweun", "2024-12-13"),
        ("шість тисяч", "Lee Seong-kweun", "2024-12-13"),
    ]


# A subject the tables know, with a time phrase before its verb, speaks for its sentence;
# a sentence in the outlet's own voice has no speaker (invented pages).
@pytest.mark.parametrize(
    ("text", "figures", "expected"),
    [
        (
            "Служба безпеки України у квітні заявляла, що затримано 12 осіб",
            ["12 осіб"],
            [("Security Service of Ukraine", "Security Service of Ukraine")],
        ),
        ("Сильний дощ у квітні заважав, і загинули 12 осіб", ["12 осіб"], [(None, None)]),
        (
            "Загинули 40 осіб, заявив Зеленський. Нагадаємо, раніше КНДР направила 11 тисяч військових",
            ["40 осіб", "11 тисяч"],
            [("Volodymyr Zelensky", "Volodymyr Zelensky"), (None, None)],
        ),
    ],
)
def test_a_subject_known_to_the_tables_or_the_outlets_own_voice(
    text: str, figures: list[str], expected: list[tuple[str | None, str | None]]
) -> None:
    assert attributed("uk", text, figures) == expected


def test_materiel_after_materiel_goes_on_with_its_measure() -> None:
    page = (
        "КНДР передала Росії близько 5 млн артилерійських снарядів. "
        "Сеул виявив щонайменше 10 тис. транспортних контейнерів з Північної Кореї."
    )
    found = [(c.text, c.measure, c.counted) for c in claims_of("uk", page)]
    assert found == [
        ("близько 5 млн", "supplied", "артилерійських снарядів"),
        ("щонайменше 10 тис", "supplied", "транспортних контейнерів"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("За словами голови ОВА Сергія Лисака, загинули 5 осіб", ("Serhii Lysak", "Serhii Lysak")),
        ("За словами Олександра Петренка, загинули 5 осіб", ("Oleksandr Petrenko", "Oleksandr Petrenko")),
        (
            "За словами Олександра Вишнівського, загинули 5 осіб",
            ("Oleksandr Vyshnivskyi", "Oleksandr Vyshnivskyi"),
        ),
    ],
)
def test_a_name_after_a_genitive_opener_is_in_the_nominative(text: str, expected: tuple[str, str]) -> None:
    assert attributed("uk", text, ["5 осіб"]) == [expected]


def test_a_figure_after_a_verb_of_crossing_is_a_lower_bound() -> None:
    (claim,) = claims_of("uk", "Зеленський заявив, що втрати КНДР перевищили 3 тисячі.")
    assert (claim.value.low, claim.value.high, claim.qualifier) == (3000, None, "more_than")


def test_a_statement_named_before_its_speaker_goes_on_a_source_cited_after_does_not() -> None:
    # h-slav's "a speaker keeps citing its source" with h-rom's "a source cited for a report
    # is not carried" (invented sentences).
    after = (
        "Загинули 700 солдатів, повідомив депутат Лі з посиланням на Reuters. Прибули ще 900 бійців, додав Лі"
    )
    assert attributed("uk", after, ["700 солдатів", "900 бійців"]) == [
        ("Lee Seong-kweun", "Reuters"),
        ("Lee Seong-kweun", "Lee Seong-kweun"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A body speaks in the neuter past, its name after the verb.
        ("Загинули 7 людей, повідомило Головне управління поліції.", ["Головне управління поліції"]),
        (
            "Поранено 15 осіб, заявило обласне управління охорони здоров'я.",
            ["обласне управління охорони здоров'я"],
        ),
        # A name in Latin letters is kept whole, not cut to a first name and surname.
        ("За даними фонду Northwind Relief Trust, загинули 30 людей.", ["Northwind Relief Trust"]),
    ],
)
def test_a_body_speaking_in_the_neuter_or_named_in_latin_letters(sentence: str, expected: list[str]) -> None:
    assert speakers("uk", sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Загинули 9 людей, серед них 3 дитини.", "killed"),
        ("У пошуках задіяно 400 рятувальників, у тому числі 60 водолазів.", "deployed"),
        # Without a word of a part, a noun of its own is no continuation.
        ("Загинули 9 людей. Відомо про 3 дитини.", "other"),
    ],
)
def test_a_part_of_the_figure_before_it_has_that_figures_measure(sentence: str, expected: str) -> None:
    text = sentence.split(". ")[-1]
    part = find_quantities(text, PACK)[-1]
    found = read_by_word_order(part, text, PACK)
    assert found is not None and found.measure == expected
