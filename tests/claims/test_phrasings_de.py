"""German phrasings: the number grammar of the pack (locale separators, qualifiers,
scale words) and the word-order reading of counted noun, measure and hedge (invented sentences)."""

from __future__ import annotations

import datetime as dt

import pytest
from cue_cases import FigureCase, attributed, check_figure, dated, figure_cases, speakers

import claimtrail
from claimtrail.claims.lang import load_language
from claimtrail.claims.quantities import find_quantities
from claimtrail.claims.wordorder import hedged_by_word_order, read_by_word_order

PACK = load_language("de")

CASES = [
    ("Rund 600 Soldaten wurden getötet.", "Rund 600", (600, 600), "approx", "Soldaten", "killed", False),
    (
        "Mehr als 11.000 Soldaten wurden nach Russland geschickt.",
        "Mehr als 11.000",
        (11000, None),
        "more_than",
        "Soldaten",
        "deployed",
        False,
    ),
    (
        "Über 4.000 Kämpfer sollen verwundet worden sein.",
        "Über 4.000",
        (4000, None),
        "more_than",
        "Kämpfer",
        "wounded",
        True,
    ),
    # A compound is read by its last part: a noun of the pack, or a measure word. Troops with
    # no measure word are deployed; other people are not.
    (
        "Dabei halfen 100 Bundeswehrsoldaten.",
        "100",
        (100, 100),
        "exact",
        "Bundeswehrsoldaten",
        "deployed",
        False,
    ),
    ("Im Ort waren 60 Bewohner.", "60", (60, 60), "exact", "Bewohner", "other", False),
    ("Es gab 14 Schwerverletzte.", "14", (14, 14), "exact", "Schwerverletzte", "wounded", False),
    ("Man zählte 9 Flutopfer.", "9", (9, 9), "exact", None, "casualties", False),
    (
        "Mehr als 200 Feuerwehrleute waren vor Ort.",
        "Mehr als 200",
        (200, None),
        "more_than",
        "Feuerwehrleute",
        "other",
        False,
    ),
    # Brought to safety: displaced.
    (
        "Tausende Menschen mussten in Sicherheit gebracht werden.",
        "Tausende",
        (2000, None),
        "vague",
        "Menschen",
        "displaced",
        False,
    ),
    # Lost: casualties.
    ("Die Armee hat 900 Soldaten verloren.", "900", (900, 900), "exact", "Soldaten", "casualties", False),
    # Territory.
    (
        "Die Armee habe 2.500 Quadratkilometer erobert.",
        "2.500",
        (2500, 2500),
        "exact",
        None,
        "territory",
        False,
    ),
    # People of a story are counted without a measure word.
    ("Die Polizei nahm 27 Demonstranten fest.", "27", (27, 27), "exact", "Demonstranten", "other", False),
    # "Berichten zufolge" (reportedly), "möglicherweise", "könnten" hedge.
    ("Berichten zufolge starben 40 Menschen.", "40", (40, 40), "exact", "Menschen", "killed", True),
    ("Möglicherweise wurden 12 Menschen verletzt.", "12", (12, 12), "exact", "Menschen", "wounded", True),
    # Konjunktiv I alone does not hedge.
    ("Es seien 30 Soldaten getötet worden.", "30", (30, 30), "exact", "Soldaten", "killed", False),
    # What a search is for is no measure of the searchers.
    ("Seit Tagen suchen 300 Helfer nach Vermissten.", "300", (300, 300), "exact", "Helfer", "other", False),
    # The expelled are displaced; (invented sentences).
    (
        "Die Behörden sprechen von rund 5.000 Vertriebenen.",
        "rund 5.000",
        (5000, 5000),
        "approx",
        None,
        "displaced",
        False,
    ),
]


@pytest.mark.parametrize("case", figure_cases(CASES))
def test_a_figure_is_read_with_its_noun_measure_and_hedge(case: FigureCase) -> None:
    check_figure("de", case)


def _figures(sentence: str) -> list[tuple[str, str, bool]]:
    """(figure, measure, hedged) of each figure of ``sentence``, read by word order."""
    out = []
    for q in find_quantities(sentence, PACK):
        found = read_by_word_order(q, sentence, PACK)
        assert found is not None
        out.append((q.text, found.measure, hedged_by_word_order(sentence, PACK, figure=q)))
    return out


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Verb-final clauses: the participle after a figure tells its measure.
        (
            "Dabei wurden 12 Zivilisten getötet und 40 weitere verletzt.",
            [("12", "killed", False), ("40", "wounded", False)],
        ),
        (
            'Im Dorf sind 7 Menschen bei einem Brand mit "Großalarm"-Einsatz gestorben.',
            [("7", "killed", False)],
        ),
        # With no measure word after it, the nearest before it.
        ("Die Zahl der Todesopfer stieg auf 31.", [("31", "killed", False)]),
        # "soll" hedges its clause; a clause after a comma with its own finite verb is not hedged,
        # and a stretch without one belongs to the clause before it.
        (
            "Die Miliz soll 300 Kämpfer entsandt haben, 90 Verletzte habe es gegeben, davon 20 Schwerverletzte.",
            [("300", "deployed", True), ("90", "wounded", False), ("20", "wounded", False)],
        ),
        (
            "Insgesamt sollen bei dem Beschuss, der am Morgen begann, 14 Menschen getötet worden sein.",
            [("14", "killed", True)],
        ),
        (
            "Mindestens 6 Menschen sollen ertrunken sein, 25 wurden verletzt.",
            [("Mindestens 6", "other", True), ("25", "wounded", False)],
        ),
    ],
)
def test_figures_of_one_sentence_take_the_measure_and_hedge_of_their_clause(
    sentence: str, expected: list[tuple[str, str, bool]]
) -> None:
    assert _figures(sentence) == expected


# Who states a figure, by word order (claims/cues.py; invented sentences).
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Laut dem Innenministerium starben 40 Menschen.", ["Innenministerium"]),
        ("Dem südkoreanischen Geheimdienst zufolge fielen 300 Soldaten.", ["National Intelligence Service"]),
        ("Nach Angaben der Feuerwehr wurden 12 Menschen gerettet.", ["Feuerwehr"]),
        ("Nach jüngsten Angaben starben 9 Menschen.", []),
        ("Es gebe 30 Verletzte, sagte Präsident Selenskyj am Abend.", ["Volodymyr Zelensky"]),
        ("Der Regen hörte am Abend auf.", []),
        # A subject before a present-tense verb, with the adjectives after its determiner.
        (
            "Der südkoreanische Generalstab nennt Zahlen zu den Verlusten.",
            ["Joint Chiefs of Staff (South Korea)"],
        ),
        ("Die örtliche Feuerwehr meldet 7 Verletzte.", ["örtliche Feuerwehr"]),
        # Without a determiner the adjective is no part of the subject.
        ("Viele ukrainische Soldaten sagten, 30 seien gefallen.", ["Soldaten"]),
        # A toll counted by its speaker, the subject after the verb.
        ("Bis Montag zählten die Behörden 12 Tote.", ["Behörden"]),
        # The agent of a passive statement, with a participle of stating in its sentence.
        ("Die Zahl der Vermissten wurde vom Landratsamt mit 80 angegeben.", ["Landratsamt"]),
        ("Die Zahl wurde von der Stadtverwaltung am Abend auf 45 beziffert.", ["Stadtverwaltung"]),
        # Without such a participle "von" is no agent.
        ("Sieben Menschen wurden von der Feuerwehr gerettet.", []),
        # ", so der ..." names the speaker; "so" elsewhere is an adverb.
        (
            "Etwa 40 Häuser wurden zerstört, so der Bürgermeister der Gemeinde.",
            ["Bürgermeister der Gemeinde"],
        ),
        ("So viele Verletzte gab es noch nie, 300 in einer Nacht.", []),
        # "wie ... mitteilte": the subject before the verb; a capitalised article is no part of it.
        ("Wie die Feuerwehr mitteilte, wurden 9 Menschen verletzt.", ["Feuerwehr"]),
        ("Das Gesundheitsamt bestätigte 17 Fälle.", ["Gesundheitsamt"]),
        # A verb of two words.
        ("Die Stadtwerke gaben bekannt, dass 40 Haushalte ohne Strom sind.", ["Stadtwerke"]),
        # After "nach eigenen Angaben" the sentence's subject speaks.
        ("Die Küstenwache hat nach eigenen Angaben 31 Menschen gerettet.", ["Küstenwache"]),
        ("Nach eigenen Angaben hat die Bergwacht 12 Wanderer geborgen.", ["Bergwacht"]),
        # The object of a reporting verb does not speak: its subject does.
        ("Die Behörden beziffern die Zahl der Obdachlosen auf 2.000.", ["Behörden"]),
        # A report, estimate or statement leads on to its speaker.
        ("Laut einem Bericht der Lokalzeitung brannten 14 Häuser.", ["Lokalzeitung"]),
        ("Nach Schätzung von Fachleuten kamen 500 Besucher.", ["Fachleuten"]),
        # A compound statement noun names its speaker by its first part.
        ("Nach Polizeiangaben wurden 14 Menschen verletzt.", ["Polizei"]),
        ("Laut Regierungsangaben kamen 800 Flüchtlinge an.", ["Regierung"]),
        ("Behördenangaben zufolge starben 6 Menschen.", ["Behörden"]),
        ("Nach UN-Angaben flohen 900 Menschen.", ["United Nations"]),
        # A nationality adjective before a statement word names the country; alone it names none.
        ("Dort starben nach ukrainischen Angaben 14 Menschen.", ["Ukraine"]),
        ("Nach amerikanischen Angaben kamen 900 Soldaten.", ["United States"]),
        ("Laut russischen Medien starben 40 Soldaten.", ["russischen Medien"]),
        ("Nach offiziellen Angaben starben 5 Menschen.", []),
        ("Russland meldete 300 Gefangene.", ["Russia"]),
        # A preposition after the verb opens no speaker: the subject speaks.
        ("Die Ukraine meldet seit Kriegsbeginn 600.000 Verluste.", ["Ukraine"]),
        ("Nach Angaben starben 6 Menschen.", []),
        # A time or place between the subject and its verb is no subject.
        ("Die Zahl stieg auf 205, wie die Behörden am Freitag mitteilten.", ["Behörden"]),
        ("Nach Einschätzung westlicher Geheimdienste kamen 10.000 Soldaten.", ["westlicher Geheimdienste"]),
        # German names of widely cited bodies, under their English names.
        ("Laut den Vereinten Nationen flohen 3.000 Menschen.", ["United Nations"]),
        (
            "Das russische Verteidigungsministerium meldete 40 getötete Soldaten.",
            ["Ministry of Defence of the Russian Federation"],
        ),
        (
            "Nach Angaben des ukrainischen Generalstabs fielen 1.200 Soldaten.",
            ["General Staff of the Armed Forces of Ukraine"],
        ),
        ("Laut Ärzte ohne Grenzen starben 30 Menschen.", ["Doctors Without Borders"]),
    ],
)
def test_a_speaker_is_found_by_its_cue(sentence: str, expected: list[str]) -> None:
    assert speakers("de", sentence) == expected


def test_a_figure_without_a_cue_goes_on_with_the_last_speaker_and_the_source_it_cites() -> None:
    text = "Es gab 5 Tote, berichtete der Sender Kanal Neun unter Berufung auf die Polizei. Dazu kamen 8 Verletzte"
    assert attributed("de", text, ["5 Tote", "8 Verletzte"]) == [("Sender Kanal Neun", "Polizei")] * 2


def test_reported_speech_goes_on_with_the_last_speaker_across_paragraphs() -> None:
    text = "Der Sprecher des Kreises sagte, es regne weiter\nDemnach seien 40 Menschen gestorben\nIn einer Halle sollen 12 Verletzte liegen"
    assert attributed("de", text, ["40 Menschen", "12 Verletzte"]) == [("Sprecher des Kreises",) * 2] * 2


def test_an_attribution_to_no_one_named_takes_no_earlier_speaker() -> None:
    text = "Die Polizei sagte, es gebe 4 Verletzte\nBerichten zufolge sollen 90 Geiseln festgehalten werden"
    assert attributed("de", text, ["4 Verletzte", "90 Geiseln"]) == [("Polizei", "Polizei"), (None, None)]


def test_an_indicative_sentence_of_another_paragraph_is_the_outlets_own() -> None:
    text = "Der Sprecher des Kreises sagte, es regne weiter\nIn den Fluten starben 28 Menschen. Etwa 50 wurden gerettet"
    assert attributed("de", text, ["28 Menschen", "Etwa 50"]) == [(None, None)] * 2


def test_a_subject_with_its_adjectives_speaks_for_the_figures_of_the_next_sentence() -> None:
    text = "Die ukrainische Armee nennt Zahlen. Etwa 70 Soldaten wurden demnach getötet."
    assert attributed("de", text, ["Etwa 70 Soldaten"]) == [("ukrainische Armee", "ukrainische Armee")]


# Time expressions by the pack's timex.toml, resolved against Monday 16 December 2024 (invented sentences).
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Seit dem 3. März 2024 kamen 600 Soldaten an.",
            [("Seit dem 3. März 2024", "2024-03-03", "2024-12-16")],
        ),
        (
            "Am Dienstag sagte der Minister, 28 Menschen seien gestorben.",
            [("Am Dienstag", "2024-12-10", "2024-12-10")],
        ),
        (
            "Im Oktober vergangenen Jahres kamen 3000 Soldaten.",
            [("Im Oktober vergangenen Jahres", "2023-10-01", "2023-10-31")],
        ),
        ("Gestern wurden 12 Verletzte gezählt.", [("Gestern", "2024-12-15", "2024-12-15")]),
        ("Über 2000 Soldaten kamen am 14. Juli.", [("am 14. Juli", "2024-07-14", "2024-07-14")]),
        # Counted back with the word before the count.
        ("Vor drei Tagen starben 5 Menschen.", [("Vor drei Tagen", "2024-12-13", "2024-12-13")]),
        ("Vor zwei Wochen kamen 80 Helfer.", [("Vor zwei Wochen", "2024-12-02", "2024-12-08")]),
        # Parts of a month or year: the thirds.
        ("Anfang März kamen 40 Helfer.", [("Anfang März", "2024-03-01", "2024-03-10")]),
        ("Seit Ende November starben 9 Menschen.", [("Seit Ende November", "2024-11-21", "2024-12-16")]),
        ("Mitte 2023 waren es 70 Soldaten.", [("Mitte 2023", "2023-05-01", "2023-08-31")]),
        # "Ende" without a month or year is a noun.
        ("Das Ende der Kämpfe kam, 30 Menschen starben.", []),
    ],
)
def test_time_expressions_resolve_by_the_packs_words(
    sentence: str, expected: list[tuple[str, str, str]]
) -> None:
    assert dated("de", sentence) == expected


def test_a_duration_is_no_count() -> None:
    sentence = "Das Militär meldete 1.340 getötete Soldaten binnen 24 Stunden."
    assert [(f, m) for f, m, _ in _figures(sentence)] == [("1.340", "killed"), ("24", "other")]
    text = "Das Militär meldete 1.340 getötete Soldaten binnen 24 Stunden. Es war ein schwerer Tag."
    document = claimtrail.extract_text(text, published="2025-04-10", language="de")
    assert [c.text for c in document.claims] == ["1.340"]


def test_an_article_is_read_with_phrases_of_measure_and_nouns_of_its_own() -> None:
    """Through the public API (German has no parse: the blank pipeline, no model to load)."""
    text = (
        "Bei dem Unglück kamen 12 Menschen ums Leben, sagte die Polizei.\n"
        "Seit Tagen suchen Helfer nach 20 Vermissten.\n"
        "Dabei waren auch 100 Feuerwehrleute aus der Nachbarstadt.\n"
        "Vor Ort sind 40 Rettungskräfte im Einsatz.\n"
        "Hunderte Helfer suchten nach den Vermissten.\n"
        "Am Dienstag starben 7 Menschen."
    )
    document = claimtrail.extract_text(text, published="2025-04-10", language="de")
    # Without a parse, a day in the figure's stretch of its sentence dates it.
    when = document.claims[-1].when
    assert when is not None and (when.start, when.end) == (dt.date(2025, 4, 8), dt.date(2025, 4, 8))
    assert [(c.text, c.measure, c.counted) for c in document.claims[:-1]] == [
        ("12", "killed", "Menschen"),
        ("20", "missing", None),
        # A noun of its own: no continuation of the figure before it.
        ("100", "other", "Feuerwehrleute"),
        ("40", "deployed", "Rettungskräfte"),
        ("Hunderte", "other", "Helfer"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Dort kamen dreizehn Soldaten an.", ("dreizehn", 13, 13, "exact")),
        ("Es waren mehr als zweitausend Soldaten.", ("mehr als zweitausend", 2000, None, "more_than")),
        ("Ein Dutzend Häuser brannte.", ("Ein Dutzend", 12, 12, "exact")),
        ("Mehrere hundert Menschen flohen.", ("Mehrere hundert", 200, 999, "vague")),
        ("Hunderttausende Menschen flohen.", ("Hunderttausende", 200000, None, "vague")),
        # "unter" inside "darunter" is no qualifier.
        ("Es starben 40 Menschen, darunter 12 Kinder.", ("12", 12, 12, "exact")),
    ],
)
def test_number_words_of_one_word_and_vague_amounts(sentence: str, expected: tuple[object, ...]) -> None:
    q = find_quantities(sentence, PACK)[-1]
    assert (q.text, q.value.low, q.value.high, q.qualifier) == expected


def test_a_bare_noun_for_the_body_named_before_is_that_body() -> None:
    text = (
        "Das Gesundheitsministerium teilte am Montag mit, 12 Menschen seien gestorben. "
        "Nach Angaben des Ministeriums werden 5 Menschen vermisst."
    )
    assert attributed("de", text, ["12", "5"]) == [("Gesundheitsministerium", "Gesundheitsministerium")] * 2


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Rund 900 Helfer sind im Einsatz, darunter 80 Feuerwehrleute aus dem Nachbarland.", "deployed"),
        ("Es gab 40 Verletzte, davon 12 Kinder.", "wounded"),
        # Without the word of a part, a noun of its own is no continuation.
        ("Rund 900 Helfer sind im Einsatz, dazu kommen 80 Feuerwehrleute aus dem Nachbarland.", "other"),
    ],
)
def test_a_part_of_the_figure_before_it_has_that_figures_measure(sentence: str, expected: str) -> None:
    part = find_quantities(sentence, PACK)[-1]
    found = read_by_word_order(part, sentence, PACK)
    assert found is not None and found.measure == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Die Regierung spricht von etwa 8.000 Vertriebenen.", ["Regierung"]),
        ("Die Polizei sprach von 12 Toten.", ["Polizei"]),
        # The words after "von" are its object, never the speaker.
        ("Ein Sprecher sprach von einer schwierigen Lage, 12 Menschen seien tot.", ["Sprecher"]),
    ],
)
def test_who_speaks_of_a_figure_is_the_subject_before_the_verb(sentence: str, expected: list[str]) -> None:
    assert speakers("de", sentence) == expected
