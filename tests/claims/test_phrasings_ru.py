"""Russian phrasings: the number grammar of the pack (locale separators, qualifiers,
scale words) and the word-order reading of counted noun, measure and hedge (invented sentences)."""

from __future__ import annotations

import pytest
from cue_cases import FigureCase, attributed, check_figure, claims_of, dated, figure_cases, speakers

from claimtrail.claims.lang import load_language
from claimtrail.claims.quantities import find_quantities
from claimtrail.claims.wordorder import read_by_word_order

PACK = load_language("ru")
CASES = [
    (
        "Число раненых приближается к 1000.",
        "приближается к 1000",
        (1000, 1000),
        "nearly",
        None,
        "wounded",
        False,
    ),
    (
        "Потери оцениваются примерно в 4700 человек.",
        "примерно в 4700",
        (4700, 4700),
        "approx",
        "человек",
        "casualties",
        False,
    ),
    (
        "В Россию должны прибыть порядка пяти тысяч солдат.",
        "порядка пяти тысяч",
        (5000, 5000),
        "approx",
        "солдат",
        "deployed",
        False,
    ),
    (
        "Более 4 000 военных получили ранения.",
        "Более 4 000",
        (4000, None),
        "more_than",
        "военных",
        "wounded",
        False,
    ),
    (
        "Около 2,5 млн человек якобы эвакуированы.",
        "Около 2,5 млн",
        (2500000, 2500000),
        "approx",
        "человек",
        "displaced",
        True,
    ),
    # After a qualifier "тысячи" is one thousand (genitive), not "thousands".
    ("Прибыло около тысячи саперов.", "около тысячи", (1000, 1000), "approx", "саперов", "deployed", False),
    (
        "Пхеньян направит до десяти тысяч бойцов.",
        "до десяти тысяч",
        (None, 10000),
        "up_to",
        "бойцов",
        "deployed",
        False,
    ),
    # A bare genitive plural after its noun: thousands.
    (
        "Началась переброска тысяч военнослужащих.",
        "тысяч",
        (2000, None),
        "vague",
        "военнослужащих",
        "deployed",
        False,
    ),
    (
        "Чиновник назвал несколько сотен жертв.",
        "несколько сотен",
        (200, 999),
        "vague",
        None,
        "killed",
        False,
    ),
    # A joined clause has its own measure: "погибли и еще тысячи получили ранения".
    (
        "Многие солдаты погибли и еще тысячи получили ранения.",
        "тысячи",
        (2000, None),
        "vague",
        None,
        "wounded",
        False,
    ),
    (
        "КНДР отправила 10 тысяч контейнеров.",
        "10 тысяч",
        (10000, 10000),
        "exact",
        "контейнеров",
        "supplied",
        False,
    ),
    # A modal verb hedges a figure after it in its clause, not one before it (pack [hedges]
    # modal_words; read with the figure, as the German clause-bound hedges are).
    (
        "Пхеньян может отправить еще 6 тысяч военных.",
        "6 тысяч",
        (6000, 6000),
        "exact",
        "военных",
        "deployed",
        True,
    ),
    (
        "Россия получила 800 снарядов, которые могли взорваться.",
        "800",
        (800, 800),
        "exact",
        "снарядов",
        "other",
        False,
    ),
    # Leaving one's home is displacement; rescue crews brought in are deployed (invented sentences).
    (
        "Из-за наводнения более 6 тысяч жителей были вынуждены покинуть свои дома.",
        "более 6 тысяч",
        (6000, None),
        "more_than",
        "жителей",
        "displaced",
        False,
    ),
    ("К тушению пожара привлечены 80 пожарных.", "80", (80, 80), "exact", "пожарных", "deployed", False),
    (
        "В операции задействовано около 1 500 спасателей.",
        "около 1 500",
        (1500, 1500),
        "approx",
        "спасателей",
        "deployed",
        False,
    ),
    # Troops counted with no measure word are deployed.
    ("В регионе остаются 400 военных.", "400", (400, 400), "exact", "военных", "deployed", False),
    # Left homeless is displaced, burns are wounds; the counted noun ends at a reflexive verb.
    (
        "После наводнения около 3 200 жителей остались без крова.",
        "около 3 200",
        (3200, 3200),
        "approx",
        "жителей",
        "displaced",
        False,
    ),
    ("Еще 70 человек считаются пропавшими без вести.", "70", (70, 70), "exact", "человек", "missing", False),
    (
        "Более 15 спасателей получили ожоги.",
        "Более 15",
        (15, None),
        "more_than",
        "спасателей",
        "wounded",
        False,
    ),
    # The hospitalised are wounded; residents moved out are displaced.
    ("Еще 12 пассажиров госпитализированы.", "12", (12, 12), "exact", "пассажиров", "wounded", False),
    ("Из аварийного дома отселены 140 жильцов.", "140", (140, 140), "exact", "жильцов", "displaced", False),
]


@pytest.mark.parametrize("case", figure_cases(CASES))
def test_a_figure_is_read_with_its_noun_measure_and_hedge(case: FigureCase) -> None:
    check_figure("ru", case)


# Who states a figure, by word order (claims/cues.py; invented sentences); names across
# scripts through the alias tables.
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("По данным южнокорейской разведки, погибли 300 солдат.", ["National Intelligence Service"]),
        ("Погибли 40 человек, заявил президент Украины Владимир Зеленский.", ["Volodymyr Zelensky"]),
        ("Погибли 100 человек, заявил член парламента Южной Кореи Ли.", ["Lee Seong-kweun"]),
        ("По данным британской разведки, прибыли 6000 военных.", ["British intelligence"]),
        ("По последним данным, погибли 9 человек.", []),
        ("Дождь прекратился вечером.", []),
    ],
)
def test_a_speaker_is_found_by_its_cue(sentence: str, expected: list[str]) -> None:
    assert speakers("ru", sentence) == expected


def test_a_statement_pointing_back_names_the_speaker_and_the_source_it_cites() -> None:
    text = "Погибли 40 человек. Об этом сообщает «Газета» со ссылкой на спецслужбы Сеула"
    assert attributed("ru", text, ["40 человек"]) == [("Газета", "National Intelligence Service")]


@pytest.mark.parametrize(
    ("sentence", "phrase", "low"),
    [
        ("Прибыли около двух тысяч бойцов.", "около двух тысяч", 2000),
        ("Отправят порядка пяти тысяч солдат.", "порядка пяти тысяч", 5000),
        ("Погибли десять человек.", "десять", 10),
    ],
)
def test_a_number_word_in_any_case_is_a_figure(sentence: str, phrase: str, low: int) -> None:
    (quantity,) = find_quantities(sentence, PACK)
    assert (quantity.text, quantity.value.low) == (phrase, low)


# Time expressions by the pack's timex.toml, resolved against Monday 16 December 2024 (invented sentences).
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("В октябре СМИ сообщали о нескольких тысячах военных.", [("В октябре", "2024-10-01", "2024-10-31")]),
        (
            "С октября 2024 года КНДР направила 13 тысяч военных.",
            [("С октября 2024", "2024-10-01", "2024-12-16")],
        ),
        ("Во вторник ведомство сообщило о 100 погибших.", [("Во вторник", "2024-12-10", "2024-12-10")]),
        ("В прошлом году погибли до 2000 человек.", [("В прошлом году", "2023-01-01", "2023-12-31")]),
    ],
)
def test_time_expressions_resolve_by_the_packs_words(
    sentence: str, expected: list[tuple[str, str, str]]
) -> None:
    assert dated("ru", sentence) == expected


# Speakers after an addressee, behind a relaying outlet, an agency named in quotes after
# its kind, the source after a statement word, and a bare noun for the last speaker
# (invented sentences).
@pytest.mark.parametrize(
    ("text", "figures", "expected"),
    [
        (
            "Ранены 70 солдат, сказал журналистам депутат Южной Кореи Ли",
            ["70 солдат"],
            [("Lee Seong-kweun", "Lee Seong-kweun")],
        ),
        (
            "Погибли 40 человек. Об этом заявил Сергей Шойгу, сообщает «Газета» со ссылкой на агентство Reuters",
            ["40 человек"],
            [("Sergei Shoigu", "Sergei Shoigu")],
        ),
        (
            "Прибыли 500 саперов. Такие данные приводит агентство «Газета» со ссылкой на данные разведки Южной Кореи",
            ["500 саперов"],
            [("Газета", "National Intelligence Service")],
        ),
        (
            "Погибли 12 человек, заявил Зеленский. Еще 5 человек пропали, уточнил президент",
            ["12 человек", "5 человек"],
            [("Volodymyr Zelensky", "Volodymyr Zelensky")] * 2,
        ),
        (
            "В октябре там находились 3000 военных, сообщали СМИ",
            ["3000 военных"],
            [("media", "media")],
        ),
    ],
)
def test_a_speaker_is_found_past_what_stands_between_it_and_its_verb(
    text: str, figures: list[str], expected: list[tuple[str, str]]
) -> None:
    assert attributed("ru", text, figures) == expected


# Pages read whole (invented): a figure that could be a year counting people, a number
# joined to an adjective, a label after "№".
def test_a_year_like_figure_counting_people_is_a_claim() -> None:
    page = "Война идет третий год. По его словам, в Северную Корею вернули около 2000 раненых солдат."
    assert [(c.text, c.measure) for c in claims_of("ru", page)] == [("около 2000", "wounded")]


def test_labels_and_compounds_are_not_figures() -> None:
    page = "Бойцы группы № 84 взяли в плен 2 солдат. Телевидение показало 20-минутный репортаж о боях."
    assert [c.text for c in claims_of("ru", page)] == ["2"]


def test_the_parts_of_a_count_share_its_period() -> None:
    page = (
        "По его словам, с 8 августа армия потеряла 17 819 военных. "
        "Из них безвозвратные потери составили 6 662 человека, санитарные — 10 446 человек."
    )
    found = [(c.text, c.measure, c.when and str(c.when.start)) for c in claims_of("ru", page)]
    assert found == [
        ("17 819", "casualties", "2024-08-08"),
        ("6 662", "casualties", "2024-08-08"),
        ("10 446", "wounded", "2024-08-08"),
    ]


def test_an_unknown_name_is_romanized() -> None:
    assert speakers("ru", "Погибли 5 человек, заявил Алексей Петренко.") == ["Aleksey Petrenko"]


def test_the_day_a_speaker_is_quoted_on_dates_the_statement() -> None:
    page = (
        "Погибли около двух тысяч солдат, сообщил депутат Ли. "
        '"Прибыли еще шесть тысяч", - цитирует законодателя в пятницу, 13 декабря, агентство AFP.'
    )
    found = [(c.text, c.stated_by, str(c.stated_on)) for c in claims_of("ru", page)]
    assert found == [
        ("около двух тысяч", "Lee Seong-kweun", "2024-12-13"),
        ("шесть тысяч", "Lee Seong-kweun", "2024-12-13"),
    ]


# A headline's name before a colon speaks if the alias tables know it; a body named in
# part ("представители разведки") is the one the page names in full (invented pages).
@pytest.mark.parametrize(
    ("text", "figures", "expected"),
    [
        ("Сеул: на войне погибли 600 солдат", ["600 солдат"], [("South Korea", "South Korea")]),
        ("Фото: на войне погибли 600 солдат", ["600 солдат"], [(None, None)]),
        (
            "Погибли 600 солдат, заявили представители разведки. Южнокорейская разведка ведет подсчет",
            ["600 солдат"],
            [("National Intelligence Service", "National Intelligence Service")],
        ),
    ],
)
def test_a_speaker_is_named_by_the_page(
    text: str, figures: list[str], expected: list[tuple[str, str]]
) -> None:
    assert attributed("ru", text, figures) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Погибли 5 человек, сообщили в МЧС.", ["Ministry of Emergency Situations (Russia)"]),
        ("Погибли 5 человек, заявил губернатор Вячеслав Гладков.", ["Vyacheslav Gladkov"]),
        ("По данным ООН, погибли не менее 12 тысяч мирных жителей.", ["United Nations"]),
        ("Погибли 5 человек, сообщил Генштаб ВСУ.", ["General Staff of the Armed Forces of Ukraine"]),
    ],
)
def test_bodies_and_people_named_in_any_script(sentence: str, expected: list[str]) -> None:
    assert speakers("ru", sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "phrase", "low"),
    [
        ("Число погибших выросло до 41.", "41", 41),
        ("Пхеньян направит до десяти тысяч бойцов.", "до десяти тысяч", None),
    ],
)
def test_to_after_a_change_verb_is_the_new_count(sentence: str, phrase: str, low: int | None) -> None:
    (quantity,) = find_quantities(sentence, PACK)
    assert (quantity.text, quantity.value.low) == (phrase, low)


def test_a_day_in_another_clause_than_the_cue_is_not_the_statements() -> None:
    page = "Три дня назад погибли 5 человек, еще 12 ранены, заявил губернатор Вячеслав Гладков."
    assert [str(c.stated_on) for c in claims_of("ru", page)] == ["2024-12-16", "2024-12-16"]


# A person named after an opener that takes the genitive comes out in the nominative;
# an outlet relaying ("передает") speaks (invented names).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("По словам губернатора Андрея Воробьева, погибли 5 человек", ("Andrey Vorobev", "Andrey Vorobev")),
        ("По данным Дмитрия Смирнова, погибли 5 человек", ("Dmitriy Smirnov", "Dmitriy Smirnov")),
        ("Погибли 5 человек, передает РИА Новости", ("RIA Novosti", "RIA Novosti")),
    ],
)
def test_a_genitive_name_and_a_relaying_outlet(text: str, expected: tuple[str, str]) -> None:
    assert attributed("ru", text, ["5 человек"]) == [expected]


def test_a_figure_after_a_verb_of_crossing_is_a_lower_bound() -> None:
    (claim,) = claims_of("ru", "Потери КНДР превысили 3 тысячи, заявил Зеленский.")
    assert (claim.value.low, claim.value.high, claim.qualifier) == (3000, None, "more_than")


@pytest.mark.parametrize("quote", ["«Интерфакс»", '"Интерфакс"'])
def test_an_agency_named_in_quotes_of_either_kind(quote: str) -> None:
    # a closing '"' is no second opening quote (invented sentences)
    assert speakers("ru", f"Погибли 40 человек, сообщает агентство {quote}.") == ["Interfax"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            (
                "Погибли 500 солдат. Такие данные приводит агентство «Интерфакс» со ссылкой на данные разведки "
                "Южной Кореи. При этом, уточняет агентство, еще 300 солдат ранены"
            ),
            [("Interfax", "National Intelligence Service")] * 2,
        ),
        (
            "Погибли 500 солдат, сообщил депутат Ли со ссылкой на агентство Reuters. Еще 300 солдат ранены, добавил Ли",
            [("Lee Seong-kweun", "Reuters"), ("Lee Seong-kweun", "Lee Seong-kweun")],
        ),
    ],
)
def test_cited_data_goes_on_being_reported_a_cited_name_does_not(
    text: str, expected: list[tuple[str, str]]
) -> None:
    # h-slav's "a speaker keeps citing its source" with h-rom's "a source cited for a report is
    # not carried": the statement word ("данные") tells them apart (invented sentences).
    assert attributed("ru", text, ["500 солдат", "300 солдат"]) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A body speaks in the neuter past, its name after the verb.
        (
            "Погибли 9 человек, сообщило Министерство здравоохранения Кастории.",
            ["Министерство здравоохранения Кастории"],
        ),
        ("Ранены 12 человек, заявило региональное управление полиции.", ["региональное управление полиции"]),
        # A name in Latin letters is kept whole, not cut to a first name and surname.
        ("По данным фонда Northwind Relief Trust, погибли 30 человек.", ["Northwind Relief Trust"]),
    ],
)
def test_a_body_speaking_in_the_neuter_or_named_in_latin_letters(sentence: str, expected: list[str]) -> None:
    assert speakers("ru", sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Погибли 9 человек, среди них 3 ребенка.", "killed"),
        ("В поисках задействовано 400 спасателей, в том числе 60 водолазов.", "deployed"),
        # Without a word of a part, a noun of its own is no continuation.
        ("Погибли 9 человек. Известно о 3 детях.", "other"),
    ],
)
def test_a_part_of_the_figure_before_it_has_that_figures_measure(sentence: str, expected: str) -> None:
    text = sentence.split(". ")[-1]
    part = find_quantities(text, PACK)[-1]
    found = read_by_word_order(part, text, PACK)
    assert found is not None and found.measure == expected
