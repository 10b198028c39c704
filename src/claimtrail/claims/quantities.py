"""Number phrases in a sentence: the figure, its qualifier and its bounds.

    >>> [q.text for q in find_quantities("some 2,000 rescuers and between 300 and 400 houses")]
    ['some 2,000', 'between 300 and 400']

This module reads surface text only; whether a number phrase counts a thing
of the story (and what) is decided with the parse in ``extract``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from ..models import Value
from .lang import Language, active, read_table


@dataclass(frozen=True)
class Quantity:
    """A number phrase at ``[start, end)`` of the sentence it was found in."""

    start: int
    end: int
    text: str
    value: Value
    qualifier: str
    number_start: int  # where the figure itself begins (after qualifier words)
    is_decimal: bool = False
    is_plain_year: bool = False


@dataclass(frozen=True)
class _Grammar:
    pattern: re.Pattern[str]
    qualifiers: dict[str, str]
    number_words: dict[str, int]
    scales: dict[str, int]
    vague_units: dict[str, int]
    vague_singular: dict[str, int]
    several: tuple[str, ...]
    closed_plural: frozenset[str]
    change_words: frozenset[str]
    clause_break: re.Pattern[str]
    one: str
    half: tuple[str, ...]
    conjunction: str
    partitive: str
    range_to: str
    multiples: dict[str, int]
    numeric: re.Pattern[str]
    group: str
    decimal: str


# What may separate groups of three digits ("80 000", "12'345"): a plain, no-break,
# narrow no-break or thin space, or an apostrophe (as in Switzerland). Any other run
# of digits and spaces is a list or a code.
GROUP_SPACE = "[ \u00a0\u202f\u2009'\u2019]"


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def load_grammar(language: Language | None = None) -> _Grammar:
    """The number grammar of ``language``, else of the active pack (its ``quantities.toml``).

    Compiled once per pack (cached by its code and folder), never per call.
    """
    pack = language if language is not None else active()
    return _grammar(pack.code, pack.root)


@lru_cache(maxsize=4)
def _grammar(language: str, root: str | None = None) -> _Grammar:
    data: dict[str, Any] = read_table(language, "quantities.toml", root)
    words = data["number_words"]
    scales = data["scales"]
    units = data["vague_units"]
    singular = data["vague_singular"]
    several = data["vague"]["several"]
    grammar = data["grammar"]
    one, conjunction, partitive = grammar["one"].lower(), _alt([grammar["conjunction"]]), grammar["partitive"]
    to = _alt([grammar["range_to"]])
    multiples = {k.lower(): int(v) for k, v in grammar["multiples"].items()}
    qualifier = _alt(list(data["qualifiers"]))
    # "as many as about 180": a bound stacked on an approximation. A qualifier is a word of its
    # own: "unter" in "darunter 3.000" is none.
    qual = rf"(?:(?<![^\W\d_])(?P<qual>{qualifier})\s+)?(?:(?<![^\W\d_])(?P<qual2>{qualifier})\s+)?"
    currency = r"(?:US\$|A\$|C\$|HK\$|S\$|\$|€|£|¥|₩|₴|₽)?"
    group_symbol, decimal_symbol = _separators(grammar.get("locale", DEFAULT_LOCALE))
    digits = _digits(group_symbol, decimal_symbol)
    long_scales = _alt([s for s in scales if len(s) > 2])
    short_scales = _alt([s for s in scales if len(s) <= 2])
    # "22.4 billion", "12-hundred", "6 hundred million", "1.5m"
    scale = rf"(?:(?:\s*|-)(?:{long_scales})\b(?:\s+(?:{long_scales})\b)*|(?:{short_scales})\b)"
    words_alt = _alt([one] + list(words))
    # "thirty-one", "twenty five"
    group = rf"(?:{_alt(list(words))})(?:[\s-]+(?:{words_alt}))?"
    scaled = rf"(?:[\s-]+(?:{long_scales}))+"
    word_num = (
        # "six-thousand", "thirty-one thousand four hundred and six", "two hundred thousand"
        rf"(?:{group}(?:{scaled}(?:(?:\s+{conjunction})?\s+{group}(?:{scaled})?)*)?"
        rf"|(?:{_alt([one])}|{_alt([grammar['half']])})(?:{scaled}))"  # "one million", "half a million"
    )
    # Not part of a longer digit string ("0800 414 212", "v2.5", "1,2").
    digit_num = rf"(?<![\d.,]){currency}{digits}{scale}?(?![\w])"
    num = rf"(?:{digit_num}|\b{word_num}\b)"
    vague = (
        rf"\b(?:(?:{_alt(list(multiples))})\s+{_alt([partitive])}\s+(?:{_alt(list(units))})"
        rf"|(?:{_alt(several)})\s+(?:{_alt(list(singular))})"
        rf"|(?:{_alt(list(units))}))\b"
    )
    ranges = (
        rf"\b{_alt([grammar['between']])}\s+(?P<b1>{num})\s+{conjunction}\s+(?P<b2>{num})"
        rf"|\b{_alt([grammar['range_from']])}\s+(?P<f1>{num})\s+{to}\s+(?P<f2>{num})"
        rf"|(?P<r1>{digit_num})\s*(?:-|–|—|{to})\s*(?P<r2>{digit_num})"
        rf"|\b(?P<w1>{word_num})\s+{to}\s+(?P<w2>{word_num})\b"  # "two to three thousand"
    )
    full = rf"{qual}(?:(?P<range>{ranges})|(?P<vague>{vague})|(?P<num>{num}))"
    return _Grammar(
        pattern=re.compile(full, re.IGNORECASE),
        qualifiers={k.lower(): v for k, v in data["qualifiers"].items()},
        number_words={k.lower(): int(v) for k, v in words.items()},
        scales={k.lower(): int(v) for k, v in scales.items()},
        vague_units={k.lower(): int(v) for k, v in units.items()},
        vague_singular={k.lower(): int(v) for k, v in singular.items()},
        several=tuple(s.lower() for s in several),
        closed_plural=frozenset(data["vague"]["closed_plural"]),
        change_words=frozenset(w.lower() for w in data["change"]["words"]),
        clause_break=re.compile(rf"[,;:—–]|\s(?:{_alt(data['change']['clause_breaks'])})\s", re.IGNORECASE),
        one=one,
        half=tuple(grammar["half"].lower().split()),
        conjunction=grammar["conjunction"].lower(),
        partitive=partitive.lower(),
        range_to=grammar["range_to"].lower(),
        multiples=multiples,
        numeric=re.compile(rf"(?P<digits>{digits})(?P<scale>(?:[\s-]*[^\W\d_]+)*)", re.IGNORECASE),
        group=group_symbol,
        decimal=decimal_symbol,
    )


# The locale of a pack that names none ([grammar] locale): English separators.
DEFAULT_LOCALE = "en"


def _separators(locale: str) -> tuple[str, str]:
    """The digit group and decimal symbols of ``locale`` (Babel's CLDR data): "," and "." in
    English, "." and "," in German, a narrow no-break space and "," in French."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    return get_group_symbol(locale), get_decimal_symbol(locale)


def _digits(group: str, decimal: str) -> str:
    """A figure in digits: "11,000" (or "11.000" where "." groups), "80 000" (groups of three
    after a space, no-break or thin space), "1400", "1.5" (or "1,5")."""
    grouped = "" if group.isspace() else rf"\d{{1,3}}(?:{re.escape(group)}\d{{3}})+|"
    return (
        rf"(?:{grouped}\d{{1,3}}(?:{GROUP_SPACE}\d{{3}})+(?![\d,])|\d+)"
        rf"(?:{re.escape(decimal)}\d+)?"
    )


# Figures from this size up are not claims: the largest real counts (people on
# Earth, 8 x 10^9) and sums (a year's output of Indonesia, 2 x 10^16 rupiah) are far
# below it, while "10,000,000,000,000,000,000 troops" is a typo or a joke. Below it
# every value fits the ledger's 64-bit integers (2^63 is about 9.2 x 10^18).
MAX_FIGURE = 10**18


def parse_number(text: str, language: Language | None = None) -> int | float | None:
    """The value of one figure: "11,000", "22.4 billion", "US$22.4b", "two thousand", "6 hundred million".

    None when ``text`` is not a figure, or one of ``MAX_FIGURE`` or more. The words are those
    of ``language`` if given, else of the active pack (:func:`claims.lang.speaking`).
    """
    return _parse_number(text, load_grammar(language))


def _parse_number(text: str, g: _Grammar) -> int | float | None:
    m = g.numeric.search(text)
    if m:
        digits = re.sub(rf"[{re.escape(g.group)}\s{GROUP_SPACE[1:-1]}]", "", m.group("digits"))
        value = float(digits.replace(g.decimal, "."))
        for word in re.findall(r"[^\W\d_]+", m.group("scale").lower()):
            if word not in g.scales:
                break
            value *= g.scales[word]  # "6 hundred million" is 600 million
        return _tidy(value)
    words = [w for w in re.split(r"[\s-]+", text.lower().strip()) if w != g.conjunction]
    if tuple(words[:2]) == g.half and len(words) == 3 and words[2] in g.scales:
        return _tidy(g.scales[words[2]] / 2)
    return _spelled_out(words, g)


def _spelled_out(words: list[str], g: _Grammar) -> int | float | None:
    """ "thirty-one thousand four hundred and six" (without "and"): 31,406."""
    total, current, last_scale = 0, 0, 0
    i = 0
    while i < len(words):
        pair = " ".join(words[i : i + 2])
        if pair in g.number_words:
            current += g.number_words[pair]
            i += 2
            continue
        w = words[i]
        if w in g.number_words:
            current += g.number_words[w]
        elif w == g.one:
            current += 1
        elif w in g.scales and g.scales[w] < 1000:  # "hundred" multiplies what precedes it
            current = max(current, 1) * g.scales[w]
        elif w in g.scales:
            scale = g.scales[w]
            if current == 0 and total and scale > last_scale:  # "two thousand million"
                total *= scale
            else:
                total += max(current, 1) * scale
            current, last_scale = 0, scale
        else:
            return None
        i += 1
    number = total + current
    return _tidy(float(number)) if 0 < number < MAX_FIGURE else None


def _tidy(value: float) -> int | float | None:
    if not math.isfinite(value) or abs(value) >= MAX_FIGURE:
        return None
    return int(value) if value.is_integer() else value


# The multiple of "X of <unit>" when X is none of the grammar's multiples (the largest, "hundreds").
MAX_MULTIPLE = 100


def vague_bounds(text: str, language: Language | None = None) -> Value | None:
    """Bounds of a vague magnitude per the spec ("hundreds" [200, 999], "thousands" [2000, open]).

    The words are those of ``language`` if given, else of the active pack.
    """
    return _vague_bounds(text, load_grammar(language))


def _vague_bounds(text: str, g: _Grammar) -> Value | None:
    words = text.lower().split()
    last = words[-1]
    if len(words) >= 3 and words[1] == g.partitive:  # tens/hundreds of thousands
        unit = g.vague_units[last]
        factor = g.multiples.get(words[0], MAX_MULTIPLE)
        return Value(2 * factor * unit, 10 * factor * unit - 1)
    if last in g.vague_singular and (len(words) > 1 or last not in g.vague_units):  # several thousand
        unit = g.vague_singular[last]
        return Value(2 * unit, 10 * unit - 1)
    unit = g.vague_units[last]
    if last in g.closed_plural:
        return Value(2 * unit, (100 if unit < 100 else 10 * unit) - 1)
    return Value(2 * unit, None)


def _bounds(qualifier: str, number: float) -> Value:
    if qualifier in ("more_than", "at_least"):
        return Value(number, None)
    if qualifier in ("up_to", "at_most"):
        return Value(None, number)
    return Value(number, number)


# How many words before "from X to Y" a change verb may stand and still make it a
# change between two figures, not a range: the verb's object comes between them
# ("raised the number of people killed from 78 to 82" is six words).
CHANGE_LOOKBACK_WORDS = 6


def find_quantities(sentence: str, language: Language | None = None) -> list[Quantity]:
    """Every number phrase of ``sentence``, left to right, not overlapping.

    "fell from 63 to 38" is two figures (a revision), not a range. The words are those of
    ``language`` if given, else of the active pack (the one :func:`claims.lang.speaking`
    set; English outside it), read once per call.
    """
    g = load_grammar(language)
    found: list[Quantity] = []
    for m in g.pattern.finditer(sentence):
        pair = ("f1", "f2") if m.group("f1") else ("r1", "r2") if _joined_by_to(m, g) else None
        if pair is not None and _is_change(sentence, m, g, pair):
            found += [
                q
                for q in (_single(m, pair[0], sentence, g), _single(m, pair[1], sentence, g))
                if q is not None
            ]
            continue
        quantity = _read_match(m, g)
        if quantity is not None and _changed_to(sentence, m, quantity, g):
            # "зросла до 41": the figure a count changed to, not "up to" it
            quantity = replace(
                quantity,
                start=quantity.number_start,
                text=sentence[quantity.number_start : quantity.end],
                value=Value(quantity.value.high, quantity.value.high),
                qualifier="exact",
            )
        if quantity is not None:
            found.append(quantity)
    return found


def _changed_to(sentence: str, m: re.Match[str], q: Quantity, g: _Grammar) -> bool:
    """Whether the "up to" of ``q`` is the range's "to" word after a change verb ("выросло до 41")."""
    qualifier = " ".join((m.group("qual") or "").lower().split())
    if q.qualifier != "up_to" or qualifier != g.range_to:
        return False
    clauses = [c.split() for c in g.clause_break.split(sentence[: m.start()].lower())]
    return any(w.strip("\"'“”‘’()") in g.change_words for w in clauses[-1][-CHANGE_LOOKBACK_WORDS:])


def _joined_by_to(m: re.Match[str], g: _Grammar) -> bool:
    """Whether the two figures of a digit range are joined by the "to" word ("с 30 до 41"), not a dash."""
    if not m.group("r1"):
        return False
    between = m.string[m.end("r1") : m.start("r2")].strip().lower()
    return between == g.range_to


def _is_change(sentence: str, m: re.Match[str], g: _Grammar, pair: tuple[str, str] = ("f1", "f2")) -> bool:
    """ "rose from 63 to 38", "bringing the death toll from 78 to 81": a change verb shortly before."""
    low, high = _parse_number(m.group(pair[0]), g), _parse_number(m.group(pair[1]), g)
    if low is not None and high is not None and low >= high:
        return True
    # the words back to the clause's start ("people fled, from 20 to 30 villages" is a range),
    # or the clause before when "from" opens one ("rose by 5, from 10 to 15")
    clauses = [c.split() for c in g.clause_break.split(sentence[: m.start("range")].lower())]
    previous = clauses[-1] or (clauses[-2] if len(clauses) > 1 else [])
    return any(w.strip("\"'“”‘’()") in g.change_words for w in previous[-CHANGE_LOOKBACK_WORDS:])


def _single(m: re.Match[str], group: str, sentence: str, g: _Grammar) -> Quantity | None:
    number = _parse_number(m.group(group), g)
    if number is None:
        return None
    start, end = m.start(group), m.end(group)
    return Quantity(start, end, sentence[start:end], Value(number, number), "exact", start)


def _qualifier(m: re.Match[str], g: _Grammar) -> str:
    """The qualifier of the words before a figure; a bound outranks an approximation stacked on it."""
    found = [g.qualifiers[" ".join(w.lower().split())] for w in (m.group("qual"), m.group("qual2")) if w]
    bounds = [q for q in found if q not in ("approx", "nearly")]
    return (bounds or found or ["exact"])[0]


def _range_bounds(low_text: str, high_text: str, g: _Grammar) -> tuple[float | None, float | None]:
    """Both ends of a range; a scale written once is shared: "two to three thousand" is 2,000-3,000.

    Only when the low figure without it is below the high one's: "500 to 1 million" keeps 500.
    """
    low, high = _parse_number(low_text, g), _parse_number(high_text, g)
    scale_words = re.findall(r"[^\W\d_]+", high_text.lower())
    factor = math.prod(g.scales[w] for w in scale_words if w in g.scales)
    bare_high = high / factor if high is not None and factor > 1 else None
    low_scaled = any(w in g.scales for w in re.findall(r"[^\W\d_]+", low_text.lower()))
    if low is not None and bare_high is not None and not low_scaled and low < bare_high:
        low = _tidy(float(low * factor))
    return low, high


def _read_match(m: re.Match[str], g: _Grammar) -> Quantity | None:
    qualifier = _qualifier(m, g)
    body_start = (
        m.start("range") if m.group("range") else m.start("vague") if m.group("vague") else m.start("num")
    )
    if m.group("range"):
        pairs = [("b1", "b2"), ("f1", "f2"), ("r1", "r2"), ("w1", "w2")]
        lo_key, hi_key = next((a, b) for a, b in pairs if m.group(a))
        low, high = _range_bounds(m.group(lo_key), m.group(hi_key), g)
        if low is None or high is None or not low < high:
            return None
        # "about 1,000-3,000" is still a range; a qualifier cannot narrow it.
        value, qualifier = Value(low, high), "range"
        decimal = False
    elif m.group("vague") and qualifier != "exact" and m.group("vague").lower() in g.scales:
        # "близько тисячі", "более тысячи": after a qualifier the word is one thousand (in the
        # genitive), not "thousands"
        value, decimal = _bounds(qualifier, g.scales[m.group("vague").lower()]), False
    elif m.group("vague"):
        value, qualifier = _vague_bounds(" ".join(m.group("vague").split()), g) or Value(None, None), "vague"
        decimal = False
    else:
        number = _parse_number(m.group("num"), g)
        if number is None:
            return None
        value = _bounds(qualifier, number)
        decimal = isinstance(number, float) or (
            g.decimal in m.group("num") and not re.search(r"[^\W\d_]", m.group("num"))
        )
    raw = m.group("num") or ""
    plain_year = bool(re.fullmatch(r"1[89]\d\d|20\d\d", raw)) or (
        bool(m.group("range"))
        and all(re.fullmatch(r"1[89]\d\d|20\d\d", m.group(k) or "") for k in ("r1", "r2"))
    )
    return Quantity(
        start=m.start(),
        end=m.end(),
        text=m.group(),
        value=value,
        qualifier=qualifier,
        number_start=body_start,
        is_decimal=decimal,
        is_plain_year=plain_year,
    )
