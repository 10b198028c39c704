"""Near-duplicate documents: one wire copy printed by two outlets is found as a copy.

Two outlets' own reports of one story, even quoting the same officials and figures,
are not copies. Signatures are deterministic, so a ledger can store and compare them.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from datasketch import MinHashLSH

from claimtrail.link import COPY_THRESHOLD, Signature, find_original, signature, similarity
from claimtrail.link.duplicates import BANDS, MIN_WORDS, NUM_PERM, ROWS_PER_BAND

WIRE = """\
Floods kill 27 in northern province as rivers burst their banks
Floods killed at least 27 people and forced about 4,000 residents from their homes in the northern
province of Aldera after three days of torrential rain, the Interior Ministry said on Monday.
Rescue teams using boats and helicopters reached villages cut off since Friday, when the Varna and
Tesk rivers burst their banks and swept away bridges on the main road to the provincial capital.
"The water rose faster than anyone expected. Whole streets were under two metres of water within
an hour," said Mira Holen, a volunteer coordinating shelters in the town of Brask.
The ministry said 11 people were still missing and that the toll was likely to rise as the water
receded. Most of the victims were elderly residents who could not leave their homes in time.
Authorities opened 35 emergency shelters in schools and sports halls, and the army deployed
some 600 soldiers to help with evacuations and to distribute drinking water and food.
Prime Minister Tomas Verel, who visited the region on Sunday, promised compensation for families
who lost their homes and said the government would review the state of flood defences built in
the 1970s. Critics have long warned that the embankments along the Varna were poorly maintained.
The national weather service forecast more rain for the north on Tuesday and Wednesday and kept
its highest alert level in place for four districts. Farmers' unions said thousands of hectares of
wheat and maize had been destroyed just weeks before the harvest.
The floods are the deadliest in the country since 2010, when heavy rain in the south killed
more than 40 people. Scientists say that a warming climate is making such extreme downpours
more frequent and more intense across the region.
"""

# The same wire copy as another outlet printed it: its own byline and menu, a rewritten
# headline, and one sentence changed as the toll was updated.
COPY = (
    "Home | World | Politics | Business\nBy Staff Writer and agencies, Aldera Daily\n"
    + WIRE.replace(
        "Floods kill 27 in northern province as rivers burst their banks",
        "Aldera floods: death toll reaches 27",
    ).replace(
        "The ministry said 11 people were still missing and that the toll was likely to rise as the water\n"
        "receded.",
        "By Monday evening nine people were still listed as missing, according to local officials, who\n"
        "feared more bodies would be found.",
    )
    + "Share this article\n"
)

# Another outlet's own report of the same story: the same figures and the same quote, other words.
OWN_REPORT = """\
Death toll climbs in Aldera floods
At least 27 people have died in flooding across Aldera province, the Interior Ministry said on
Monday, as soldiers and volunteers worked to evacuate residents stranded on rooftops.
About 4,000 people have left their homes since the Varna and Tesk rivers overflowed on Friday,
cutting the main road to the provincial capital and leaving several villages reachable only by boat.
In Brask, one of the worst-hit towns, volunteers turned a school gymnasium into a shelter. "The
water rose faster than anyone expected," said Mira Holen, who is organising the town's shelters.
Officials said 11 people remained unaccounted for. The army said it had sent around 600 troops to
the region, along with trucks carrying drinking water, blankets and food supplies.
Prime Minister Tomas Verel toured the flooded districts on Sunday. He pledged that families would
be compensated and announced an inquiry into the condition of the province's ageing embankments,
which local engineers had described as neglected for decades.
Forecasters expect further heavy rain on Tuesday and Wednesday, and four districts remain on the
highest alert. Agricultural groups warned that large areas of wheat and maize, close to harvest,
have been lost, threatening the incomes of thousands of farming families.
The disaster is the country's deadliest since 2010, when flooding in the south killed more than
40 people. Climate researchers have linked the growing frequency of intense rainfall in the region
to rising temperatures, and environmental groups renewed calls for investment in flood protection.
"""


def test_the_texts_are_article_length() -> None:
    assert 280 <= len(WIRE.split()) <= 360
    assert 240 <= len(OWN_REPORT.split()) <= 360


# The wire copy cut short by an editor: its last three lines dropped.
TRIMMED = "\n".join(WIRE.splitlines()[:-3]) + "\n"


@pytest.mark.parametrize("copy", [COPY, TRIMMED], ids=["edited", "trimmed"])
def test_a_wire_copy_edited_or_trimmed_by_another_outlet_is_a_copy(copy: str) -> None:
    original, printed = signature(WIRE), signature(copy)

    assert set(original.bands) & set(printed.bands)  # the store would find it
    assert similarity(original.minhash_bytes, printed.minhash_bytes) >= COPY_THRESHOLD
    assert find_original(printed, [("wire", original.minhash_bytes)]) == "wire"


def test_two_reports_of_the_same_story_are_not_copies() -> None:
    wire, own = signature(WIRE), signature(OWN_REPORT)

    assert similarity(wire.minhash_bytes, own.minhash_bytes) < 0.2
    assert find_original(own, [("wire", wire.minhash_bytes)]) is None


def test_find_original_picks_the_most_similar_candidate() -> None:
    copy = signature(COPY)
    candidates = [("other", signature(OWN_REPORT).minhash_bytes), ("wire", signature(WIRE).minhash_bytes)]

    assert find_original(copy, candidates) == "wire"
    assert find_original(copy, []) is None


def test_of_equally_similar_candidates_the_first_wins() -> None:
    wire = signature(WIRE).minhash_bytes

    assert find_original(signature(COPY), [("first", wire), ("second", wire)]) == "first"


def test_identical_texts_have_similarity_one() -> None:
    a, b = signature(WIRE), signature(WIRE)

    assert similarity(a.minhash_bytes, b.minhash_bytes) == 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Floods killed 27 people, the ministry said.", "floods KILLED 27 people -- the ministry said!"),
        ("The toll rose to 11,000 on Monday.", "The toll rose to 11000 on Monday"),
    ],
)
def test_case_and_punctuation_do_not_change_the_signature(a: str, b: str) -> None:
    assert signature(a) == signature(b)


def test_the_signature_is_a_fixed_size_and_has_one_key_per_band() -> None:
    sig = signature(WIRE)

    assert isinstance(sig, Signature)
    assert len(sig.minhash_bytes) == NUM_PERM * 8
    assert len(sig.bands) == BANDS
    # The band index prefixes each key, so equal rows in different bands never collide.
    assert [key.split(":")[0] for key in sig.bands] == [f"{i:02d}" for i in range(BANDS)]


def test_signatures_are_the_same_in_another_process() -> None:
    code = (
        "import sys; from claimtrail.link import signature; s = signature(sys.stdin.read()); "
        "print(s.minhash_bytes.hex()); print(' '.join(s.bands))"
    )
    run = subprocess.run([sys.executable, "-c", code], input=WIRE, capture_output=True, text=True, check=True)
    here = signature(WIRE)

    assert run.stdout.split("\n")[:2] == [here.minhash_bytes.hex(), " ".join(here.bands)]


@pytest.mark.parametrize("text", ["", "Floods killed 27 people.", " ".join(["word"] * (MIN_WORDS - 1))])
def test_a_text_too_short_to_judge_has_no_bands_and_is_nobody_s_copy(text: str) -> None:
    sig = signature(text)

    assert sig.bands == ()
    assert find_original(sig, [("same", sig.minhash_bytes)]) is None


def test_a_text_of_min_words_has_bands() -> None:
    assert len(signature(" ".join(f"w{i}" for i in range(MIN_WORDS))).bands) == BANDS


def test_bands_and_rows_are_datasketch_s_optimum_for_the_threshold() -> None:
    lsh = MinHashLSH(threshold=COPY_THRESHOLD, num_perm=NUM_PERM, weights=(0.1, 0.9))

    assert (lsh.b, lsh.r) == (BANDS, ROWS_PER_BAND)
    assert BANDS * ROWS_PER_BAND <= NUM_PERM


def test_a_signature_of_the_wrong_size_is_refused() -> None:
    with pytest.raises(ValueError, match="1024 bytes"):
        similarity(b"\x00" * 10, signature(WIRE).minhash_bytes)
