"""The public API: what ``claimtrail`` exports, and ``extract_text`` on a short article."""

from __future__ import annotations
import __future__

import datetime as dt
import types
from pathlib import Path
from typing import Any

import pytest

import claimtrail

ARTICLE = (
    "Floods kill 27 people in northern province\n"
    "2 min read\n"
    "Floods killed 27 people and displaced about 4,000 residents in the north, the disaster ministry "
    "said on Monday.\n"
    "Rescue teams reached the last cut-off villages by boat on Tuesday, officials said.\n"
    "Related Articles\n"
    "Storm leaves 3,000 homes without power in the south, the utility said on Sunday.\n"
)


def public_names(module: types.ModuleType) -> set[str]:
    """Names a user would import: not private, not submodules, not ``from __future__`` features."""
    return {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and not isinstance(value, __future__._Feature)
    }


def test_all_lists_exactly_the_public_names() -> None:
    exported = claimtrail.__all__

    assert len(exported) == len(set(exported))
    assert set(exported) - {"__version__"} == public_names(claimtrail)


@pytest.mark.parametrize("name", claimtrail.__all__)
def test_every_exported_name_exists(name: str) -> None:
    assert getattr(claimtrail, name) is not None


def test_errors_derive_from_one_base() -> None:
    assert issubclass(claimtrail.InputError, claimtrail.ClaimtrailError)
    assert claimtrail.__version__.count(".") == 2


@pytest.mark.slow
@pytest.mark.parametrize("published", ["2025-03-12", dt.date(2025, 3, 12), "2025-03-12T08:30:00+09:00"])
def test_extract_text_returns_claims_whose_spans_index_the_text(published: Any) -> None:
    document = claimtrail.extract_text(ARTICLE, published=published, doc="floods")

    assert isinstance(document, claimtrail.Document)
    assert (document.doc, document.published, document.language) == ("floods", dt.date(2025, 3, 12), "en")
    assert document.title == "Floods kill 27 people in northern province"
    claims = {c.text: c for c in document.claims}
    assert {"27 people", "about 4,000 residents"} <= set(claims)
    for claim in document.claims:
        assert ARTICLE[claim.span[0] : claim.span[1]] == claim.text
        # The related-articles box is not the article.
        assert claim.span[0] < ARTICLE.index("Related Articles")
    assert (claims["27 people"].value, claims["27 people"].measure) == (claimtrail.Value(27, 27), "killed")
    assert claims["about 4,000 residents"].qualifier == "approx"


@pytest.mark.slow
def test_extract_text_given_metadata_wins() -> None:
    document = claimtrail.extract_text(ARTICLE, title="Deadly floods", outlet="Herald", language="en")

    assert (document.title, document.outlet, document.published) == ("Deadly floods", "Herald", None)


@pytest.mark.slow
def test_extract_text_of_boilerplate_only_has_no_claims() -> None:
    assert claimtrail.extract_text("  • Home\n  • World\n2 min read\n").claims == ()


@pytest.mark.parametrize("text", ["", "   ", "\n\t\n"])
def test_extract_text_of_empty_text_is_an_input_error(text: str) -> None:
    with pytest.raises(claimtrail.InputError, match="empty"):
        claimtrail.extract_text(text)


@pytest.mark.parametrize("published", ["12/03/2025", "yesterday", "2025-02-30", "2025-13-01"])
def test_extract_text_with_a_bad_date_string_is_an_input_error(published: str) -> None:
    with pytest.raises(claimtrail.InputError, match="ISO date") as info:
        claimtrail.extract_text(ARTICLE, published=published)

    assert repr(published) in str(info.value)


@pytest.mark.parametrize("path", ["articles/", Path("articles")])
def test_extract_files_takes_a_list_of_paths(path: str | Path) -> None:
    with pytest.raises(TypeError, match="not one path"):
        claimtrail.extract_files(path)  # type: ignore[arg-type]


@pytest.mark.slow
def test_the_docstring_example_holds() -> None:
    doc = claimtrail.extract_text(
        "Floods killed 27 people, the ministry said on Monday.", published="2025-03-12"
    )

    assert [(c.text, c.measure, c.stated_by) for c in doc.claims] == [("27 people", "killed", "ministry")]
