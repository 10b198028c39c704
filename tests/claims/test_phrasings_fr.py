"""French phrasings: the number grammar of the pack (locale separators, qualifiers,
scale words) and the word-order reading of counted noun, measure and hedge (invented sentences)."""

from __future__ import annotations

import pytest
from cue_cases import FigureCase, attributed, check_figure, figure_cases, speakers

CASES = [
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
