"""Speaker memory: whom the plain text introduces with a title word."""

from __future__ import annotations

from claimtrail.claims.lexicon import load_gazetteer, load_role_titles
from claimtrail.claims.speakers import SpeakerMemory, _introduction_pattern

LINES = (
    "Floods kill 27 in the north",
    "Education Minister Karin Olsen visited the valley on Monday.",
    "Menu Sports Weather",
    "The top security official Ana Ruiz said roads were closed. Gov. Kathy Hochul agreed.",
    "Health minister",  # a title with the name on the next line: no introduction
    "Bo Li spoke later.",
)
TEXT = "\n".join(LINES)


def test_introductions_are_read_from_the_lines_that_hold_a_title_before_a_name() -> None:
    memory = SpeakerMemory(gazetteer=load_gazetteer())
    memory.learn_introductions_from_text(TEXT, load_role_titles())
    assert [(person, sorted(describing), title) for person, describing, title in memory.introduced] == [
        ("Karin Olsen", ["education"], "minister"),
        ("Ana Ruiz", ["security"], "official"),
        ("Kathy Hochul", [], "gov"),
    ]


def test_the_line_by_line_scan_finds_what_a_scan_of_the_whole_text_finds() -> None:
    memory = SpeakerMemory(gazetteer=load_gazetteer())
    memory.learn_introductions_from_text(TEXT, load_role_titles())
    whole = [m.group(3) for m in _introduction_pattern(load_role_titles()).finditer(TEXT)]
    assert [person for person, _, _ in memory.introduced] == whole
