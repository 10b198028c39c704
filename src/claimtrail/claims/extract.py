"""The claims of one annotated article, in numbered steps.

For each parsed sentence: 1. find number phrases; 2. drop those that are not
counts (dates, ratios, units...); 3. read the counted noun and the measure;
4. find who states it and whom they cite; 5. the statement date and the
period the figure holds for; 6. hedges; 7. actor and location. Then, across
the document: 8. repeated sentences yield one claim; 9. figures without an
explicit actor take the document's usual one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from ..models import AnnotatedArticle, Claim, ParsedSentence, Period, Value
from .actors import find_actor, find_location
from .attribution import Frame, choose_frame, figure_owner, find_frames, reported_by
from .cues import attribute_by_word_order, has_cues
from .filters import rejects
from .hedges import is_hedged
from .lang import has_entity, has_role, has_tag
from .lang import words as pack_words
from .lexicon import Gazetteer, Lexicon, TimeWords, load_headline_verbs, load_role_titles, load_time_words
from .measure import Counted, crosses_threshold, find_counted, find_measure, said_unharmed
from .quantities import Quantity, find_quantities
from .quotes import paragraph_speaker, quote_date, quote_speaker, quoted_ranges
from .speakers import SpeakerMemory
from .syntax import Token, ancestors, phrase, strip_determiners, tokens_in
from .timex import TimeMention, find_time_mentions
from .wordorder import (
    crosses_by_word_order,
    dates_by_stretch,
    hedged_by_word_order,
    kind_of,
    nears_by_word_order,
    read_by_word_order,
)

# How far (in tokens) the counted noun may stand from the figure and still be
# part of the claim's span: "400 of the North Korean troops" is six.
MAX_SPAN_TOKENS = 6
# A bare digit up to this at the very end of a sentence ("... alrededor de Sudzha 2.") is a
# footnote's reference mark, not a breakdown of the figure before it.
FOOTNOTE_MARK_MAX = 9
# Such a digit right after a word this long ("resultado heridos 1.", "cargas explosivas 4.")
# is a mark even where a measure word stands before it; after a shorter word it is mostly
# the figure of a preposition ("asciende a 3.", "con 5.").
FOOTNOTE_AFTER_WORD_CHARS = 4
# A bare figure ("up from 27", "The government says about 8,000.") continues
# the count of a claim at most this many sentences back.
INHERIT_MAX_SENTENCES = 2
# Counts of nouns outside the lexicons ("46 official shelters") are kept from
# this size up; smaller ones ("two countries", "three sons") rarely matter.
MIN_OTHER_COUNT = 10
# The paragraph a figure's measure may be read from (a deployment story: the measure's step 4)
# is its line up to this many characters on either side of the sentence: real
# paragraphs are well under it, and a line of megabytes is not read whole for
# every figure.
PARAGRAPH_WINDOW_CHARS = 2_000
# A time phrase dates a statement when it hangs on the statement's verb or participle through
# at most this many links of a noun phrase: "said during a Sunday morning briefing" is three
# (Sunday -> briefing -> during -> said), "claims made during the summit on Oct. 24" four.
MAX_TIME_HOPS = 4
# The links a time phrase may climb through to reach the statement's verb.
_TIME_PATH_ROLES = (
    "noun_compound",
    "adjectival_modifier",
    "noun_modifier",
    "numeric_modifier",
    "prepositional_object",
    "preposition",
    "possessive",
    "noun_adverbial",
)
# How deep under a verb a noun that names the statement may lie: "according to (1) an updated
# toll (2) issued on Saturday" reaches the toll through according -> to -> toll (3 links).
MAX_STATEMENT_NOUN_DEPTH = 3
# Words before a time phrase skipped to find a comparison cue ("up 53% from", "compared
# with") are the pack's ``[extract] comparison_tail``.
_LAST_WORD = re.compile(r"([A-Za-z]+)\W*$")


# A wire dateline opening a sentence: "SEOUL, Dec 19 (Reuters) - ", "KYIV, Ukraine (AP) — ".
# What ends a stretch of a sentence read without a parse: a comma, a colon or semicolon,
# brackets, quotes, a dash between spaces.
_STRETCH_BREAK = re.compile(r"[,;:()«»\"“”„]|\s[–—-]\s")
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]+(?:,\s*[\w. ]{1,30})?\s*(?:\([^)]{1,40}\))?\s*[-–—]\s")


@dataclass(frozen=True)
class _Attribution:
    stated_by: str | None
    source: str | None
    stated_on: dt.date | None
    frame: Frame | None
    statement_time: TimeMention | None


@dataclass(frozen=True)
class _Document:
    """What every sentence of one article shares: the article, its speakers, the word lists.

    ``reporting`` holds, per content block, the last statement made in it: the
    sentences after "X said on Monday that ..." in the same paragraph keep
    reporting X's statement ("The agency also counted ...") unless they name
    another speaker.
    """

    annotated: AnnotatedArticle
    memory: SpeakerMemory
    lex: Lexicon
    gazetteer: Gazetteer
    reporting: dict[int, _Attribution] = field(default_factory=dict)
    # Per content block, the attribution its last sentence ended on (None: the
    # outlet's own figures or a sentence with neither figures nor a speaker).
    ended: dict[int, _Attribution | None] = field(default_factory=dict)
    labels: dict[int, str] = field(default_factory=dict)
    reference: dt.date | None = None
    time_words: TimeWords = field(default_factory=load_time_words)
    # The attribution frames of each parsed sentence, by its start: found once, whether for
    # the sentence itself or for the paragraphs around it that a later figure looks back on.
    frames: dict[int, list[Frame]] = field(default_factory=dict)

    def frames_of(self, parsed: ParsedSentence) -> list[Frame]:
        if parsed.start not in self.frames:
            self.frames[parsed.start] = find_frames(parsed.doc, self.lex)
        return self.frames[parsed.start]

    @property
    def published(self) -> dt.date | None:
        return self.annotated.article.published


@dataclass(frozen=True)
class _Sentence:
    """One parsed sentence with its text, attribution frames and time mentions."""

    parsed: ParsedSentence
    text: str
    frames: list[Frame]
    times: list[TimeMention]
    quoted: list[tuple[int, int]]
    paragraph: str


def extract_claims(annotated: AnnotatedArticle, lex: Lexicon, gazetteer: Gazetteer) -> list[Claim]:
    """Every claim of the article, in text order."""
    article = annotated.article
    memory = SpeakerMemory(gazetteer=gazetteer)
    content = _content_text(article)
    context = _Document(
        annotated,
        memory,
        lex,
        gazetteer,
        labels=_source_labels(article, lex),
        reference=_reference_date(content, article.published),
    )
    for sentence in annotated.sentences:
        memory.learn_people(sentence.doc)
    for sentence in annotated.sentences:
        memory.learn_introductions(sentence.doc)
    memory.learn_introductions_from_text(content, load_role_titles())
    claims: list[Claim] = []
    seen: set[tuple[str, str]] = set()
    recent: list[tuple[int, Claim]] = []
    previous: list[int] = []  # where the claims of the sentence before stand in ``claims``
    for number, sentence in enumerate(annotated.sentences):
        memory.learn_roles(sentence.doc)
        text = article.text[sentence.start : sentence.end]
        earlier = [c for n, c in recent if number - n <= INHERIT_MAX_SENTENCES]
        found = _sentence_claims(sentence, text, context, earlier)
        if not found and previous and _follows(annotated, number):
            pointing = _pointing_back(sentence, text, context)
            if pointing is not None:  # "... 80 were killed." then "This was stated by X."
                for index in previous:
                    if claims[index].stated_by is None:
                        claims[index] = replace(
                            claims[index],
                            stated_by=pointing.stated_by,
                            source=pointing.source,
                            stated_on=pointing.stated_on,
                        )
        previous = []
        if "\n" not in text.strip():  # a headline's own speaker ("..., Ortiz says")
            named = memory.headline_speaker(text, load_headline_verbs())
            found = [
                replace(c, stated_by=named, source=c.source or named) if named and not c.stated_by else c
                for c in found
            ]
        context.ended[sentence.block] = _ending(found)
        recent += [(number, c) for c in found]
        for claim in found:
            key = (" ".join(text.split()).lower(), claim.text)
            if key in seen:  # step 8
                continue
            seen.add(key)
            previous.append(len(claims))
            claims.append(claim)
    if has_cues():  # a pack read without a parse: speakers by word order
        spans = [(s.start, s.end, article.text[s.start : s.end]) for s in annotated.sentences]
        blocks = [s.block for s in annotated.sentences]
        days = [_days_named(text, context) for _, _, text in spans]
        claims = attribute_by_word_order(spans, claims, gazetteer, blocks, days, article.published)
    return _fill_actors(claims, {country for country, _ in gazetteer.places})


def _days_named(text: str, context: _Document) -> list[tuple[int, dt.date]]:
    """(where, day) of the single day ``text`` names ("у вівторок, 2 вересня" is one), if it
    names exactly one; else none."""
    found = [
        (m.start, m.period.start)
        for m in find_time_mentions(text, context.published or context.reference)
        if m.period is not None and m.period.start == m.period.end
    ]
    return found[:1] if len({day for _, day in found}) == 1 else []


def _follows(annotated: AnnotatedArticle, number: int) -> bool:
    """Whether sentence ``number`` comes right after the parsed sentence before it, with
    nothing between them (a heading, a caption or unparsed prose stops a statement that
    points back)."""
    if number == 0:
        return False
    before, sentence = annotated.sentences[number - 1], annotated.sentences[number]
    return not annotated.article.text[before.end : sentence.start].strip()


def _pointing_back(parsed: ParsedSentence, text: str, context: _Document) -> _Attribution | None:
    """The statement of a sentence that names what it says only by a demonstrative ("This was
    stated by the commander in an interview", "These figures were reported by the agency"):
    it speaks for the figures of the sentence before it."""
    lex = context.lex
    for frame in context.frames_of(parsed):
        if frame.kind != "verb" or frame.speaker is None:
            continue
        said = [c for c in frame.verb.children if has_role(c, "passive_subject", "object")]
        if not any(_demonstrative(t, lex) for t in said):
            continue
        speaker = _frame_speaker(frame, context)
        if speaker is None:
            return None
        source = context.memory.resolve(frame.source, None) if frame.source else speaker
        time = _statement_time(frame, find_time_mentions(text, context.published))
        said_on = time.period.start if time is not None and time.period is not None else None
        return _Attribution(
            speaker, source, said_on or context.memory.dates.get(speaker, context.published), None, time
        )
    return None


def _demonstrative(token: Token, lex: Lexicon) -> bool:
    """ "this", "these figures": a word pointing back at what was just said."""
    if token.lower_ in lex.demonstratives:
        return True
    named = lex.figure_nouns | lex.generic_heads
    return token.lemma_.lower() in named and any(
        has_role(c, "determiner") and c.lower_ in lex.demonstratives for c in token.children
    )


def _ending(found: list[Claim]) -> _Attribution | None:
    """The statement a sentence leaves its paragraph on: its last figure's speaker, if any."""
    if found:
        last = found[-1]
        return (
            _Attribution(last.stated_by, last.source, last.stated_on, None, None) if last.stated_by else None
        )
    return None


def _content_text(article: Any) -> str:
    """The article's content lines, one per line: what whole-text scans read.

    Menus, footers and boxes are left out, so their size never costs (the content
    itself is bounded by ``nlp.max_content_chars``).
    """
    text = article.text
    return "\n".join(text[b.start : b.end] for b in article.clean.blocks if b.is_content)


def _reference_date(text: str, published: dt.date | None) -> dt.date | None:
    """The date relative periods resolve against: the publication date, else the latest full date of the text.

    An undated page that says "on April 13, 2024" somewhere is read in 2024: "between 1
    January and 31 March" there is 2024's first quarter. Statement dates still need the
    publication date ("said Friday" stays unresolved).
    """
    if published is not None:
        return published
    days = [m.period.start for m in find_time_mentions(text, None) if m.is_point and m.period is not None]
    return max(days, default=None)


def _sentence_claims(parsed: ParsedSentence, text: str, doc: _Document, earlier: list[Claim]) -> list[Claim]:
    sentence = _Sentence(
        parsed,
        text,
        doc.frames_of(parsed),
        find_time_mentions(text, doc.published),
        quoted_ranges(text),
        _paragraph(doc.annotated, parsed),
    )
    for frame in sentence.frames:  # remember citations and dates even in sentences without claims
        who = _frame_speaker(frame, doc)
        cited = doc.memory.resolve(frame.source, None) if frame.source else None
        said = _statement_time(frame, sentence.times)  # '"...," the governor said on Sunday. "Right now ..."'
        if who and frame.kind != "noun":
            doc.memory.remember(
                who, cited, said.period.start if said and said.period and not frame.earlier else None
            )
    out: list[Claim] = []
    previous_actor: str | None = None
    for q in find_quantities(text):  # step 1
        if _overlaps_time(q, sentence.times) or rejects(q, text, doc.lex):  # step 2
            continue
        claim = _read_claim(q, sentence, doc, earlier + out)
        if claim is None:
            continue
        if claim.actor is None and previous_actor:
            claim = replace(claim, actor=previous_actor)
        previous_actor = claim.actor or previous_actor
        out.append(claim)
    return out


def _paragraph(annotated: AnnotatedArticle, parsed: ParsedSentence) -> str:
    """The line of ``parsed``, at most ``PARAGRAPH_WINDOW_CHARS`` either side of it."""
    block = annotated.article.clean.blocks[parsed.block]
    start = max(block.start, parsed.start - PARAGRAPH_WINDOW_CHARS)
    return annotated.article.text[start : min(block.end, parsed.end + PARAGRAPH_WINDOW_CHARS)]


def _overlaps_time(q: Quantity, times: list[TimeMention]) -> bool:
    return any(t.start < q.end and q.number_start < t.end for t in times)


def _read_claim(q: Quantity, sentence: _Sentence, context: _Document, earlier: list[Claim]) -> Claim | None:
    doc, text, lex = sentence.parsed.doc, sentence.text, context.lex
    toks = tokens_in(doc, q.number_start, q.end)
    if not toks:
        return None
    anchor = toks[-1]
    q = _drop_particle(q, doc)
    if q.qualifier == "exact" and (crosses_threshold(anchor, lex) or crosses_by_word_order(q, text)):
        q = replace(q, qualifier="more_than", value=Value(q.value.low, None))
    elif q.qualifier == "exact" and nears_by_word_order(q, text):
        q = replace(q, qualifier="nearly")  # "approcher le millier", "roza los 200"
    counted = find_counted(anchor, lex, text[q.end :])  # step 3
    if counted.kind == "other" and counted.head is None and _has_currency(q):
        counted = replace(counted, kind="money")  # "$5 billion in damage" counts money
    if q.is_plain_year and counted.head is None:  # "около 2000 раненых солдат" read without a parse
        order = read_by_word_order(q, text)
        counted = replace(counted, kind=order.kind) if order is not None else counted
    if not _is_count(q, counted, lex, text):
        return None
    measure = find_measure(anchor, counted, lex, sentence.paragraph)
    counted_text, inherited_actor = counted.text, None
    by_order = read_by_word_order(q, text) if measure == "other" else None
    if by_order is not None:  # a language read without a parse, or whose parse told nothing
        measure, counted_text = by_order.measure, counted_text or by_order.counted
        # "Catarroja, con 25": a figure without a noun after a claim continues its count (below).
        if by_order.counted is None and _is_footnote_mark(q, text) and _after_word(q, text):
            return None
        bare = by_order.counted is None and bool(earlier) and not _is_footnote_mark(q, text)
        if by_order.measure == "other" and by_order.kind == "other" and not bare:
            return None
        if counted.head is None:
            counted = replace(counted, text=counted_text, kind=by_order.kind)
    # A noun of its own by word order ("40 Rettungskräfte") continues no claim before it; nor does
    # materiel after people ("45 танків;" after "711 полонених": a list of its own, not their
    # measure), while after materiel ("5 млн снарядів ... 10 тис. контейнерів") it goes on with it.
    own_noun = by_order is not None and (
        by_order.own_noun
        or (by_order.kind == "materiel" and not (earlier and kind_of(earlier[-1].counted) == by_order.kind))
    )
    if measure == "other" and earlier and _is_bare(counted, lex) and not own_noun:
        previous = earlier[-1]  # "up from 27", "11 of them", "The government says about 8,000."
        measure, counted_text, inherited_actor = previous.measure, previous.counted, previous.actor
        if by_order is not None and by_order.counted:
            counted_text = by_order.counted  # "10 тис. контейнерів" after "5 млн снарядів": its own noun
        if said_unharmed(anchor, counted, lex):
            measure = "other"  # "another 300 were confirmed safe": the same people, unharmed
    elif measure == "other" and not _is_story_count(q, counted, lex):
        return None
    elif counted.head is not None and counted.head.pos_ == "PRON" and earlier:
        counted_text, inherited_actor = earlier[-1].counted, earlier[-1].actor  # "4,000 of them"
    elif counted_text is None:
        counted_text = _same_sentence_noun(earlier, sentence.parsed)  # "400 troops killed and 3,600 wounded"
    attribution = _attribute(anchor, counted, sentence, context)  # step 4
    when = _when(anchor, counted, attribution, sentence, context)  # step 5
    if when is None and by_order is not None and earlier and _breaks_down(sentence, context):
        when = earlier[-1].when  # "З них ... 6 662 особи": the parts of a count share its period
    # Step 6; a pack's word-order hedges ("redoutent", "cree que") also hedge a parsed figure.
    hedged = is_hedged(anchor, _reporting_verb(attribution), text, lex) or hedged_by_word_order(
        text, figure=q
    )
    actor = find_actor(anchor, counted.head, measure, context.gazetteer, lex.reporting) or inherited_actor
    start, end = _span(q, counted, anchor)
    offset = sentence.parsed.start
    return Claim(
        span=(offset + start, offset + end),
        text=text[start:end],
        value=q.value,
        qualifier=q.qualifier,
        measure=measure,
        counted=counted_text,
        actor=actor,
        location=find_location(anchor, lex.reporting, measure),
        when=when,
        stated_by=attribution.stated_by,
        source=attribution.source,
        stated_on=attribution.stated_on,
        hedged=hedged,
    )


def _same_sentence_noun(earlier: list[Claim], sentence: ParsedSentence) -> str | None:
    """The counted noun of the previous claim when it stands in the same sentence."""
    if earlier and sentence.start <= earlier[-1].span[0] < sentence.end:
        return earlier[-1].counted
    return None


def _drop_particle(q: Quantity, doc: Any) -> Quantity:
    """ "handed over 12,000 shells": "over" is the verb's particle, not "more than"."""
    if q.number_start == q.start:
        return q
    first = tokens_in(doc, q.start, q.start + 1)
    if first and has_role(first[0], "particle"):
        bounds = Value(q.value.high if q.value.low is None else q.value.low, q.value.low or q.value.high)
        return replace(
            q, start=q.number_start, text=q.text[q.number_start - q.start :], qualifier="exact", value=bounds
        )
    return q


def _after_word(q: Quantity, text: str) -> bool:
    """Whether a word of FOOTNOTE_AFTER_WORD_CHARS or more letters stands right before the figure."""
    before = text[: q.start].rstrip()
    word = re.search(r"[^\W\d_]+$", before)
    return word is not None and len(word.group()) >= FOOTNOTE_AFTER_WORD_CHARS


def _is_footnote_mark(q: Quantity, text: str) -> bool:
    """ "... en territorio ruso, alrededor de Sudzha 2.": a small bare digit that ends its sentence."""
    small = q.value.high is not None and q.value.high <= FOOTNOTE_MARK_MAX
    return small and q.qualifier == "exact" and not text[q.end :].strip(" .\n")


def _is_bare(counted: Counted, lex: Lexicon) -> bool:
    """A figure with no noun of its own, a pronoun ("11 of them") or a figure noun ("the figure")."""
    head = counted.head
    if counted.kind == "area" or counted.kind == "money":
        return False
    return head is None or head.pos_ == "PRON" or head.lemma_.lower() in lex.figure_nouns


def _is_story_count(q: Quantity, counted: Counted, lex: Lexicon) -> bool:
    """Whether a figure of measure ``other`` still counts something of the story."""
    if counted.kind in ("personnel", "materiel", "money"):
        return True
    head = counted.head
    if head is None or head.pos_ not in ("NOUN", "PROPN") or head.lemma_.lower() in lex.not_story_nouns:
        return False
    size = max(v for v in (q.value.low, q.value.high, 0) if v is not None)
    return bool(re.search(r"\d", q.text)) and size >= MIN_OTHER_COUNT


# Classes of counted noun that make a figure looking like a year a count ("2000 soldiers").
_COUNTED_KINDS = ("personnel", "materiel")


def _is_count(q: Quantity, counted: Counted, lex: Lexicon, text: str) -> bool:
    head = counted.head
    if head is not None and (head.lemma_.lower() in lex.not_counted or head.lower_ in lex.not_counted):
        return False
    if q.is_plain_year and counted.kind not in _COUNTED_KINDS:
        # Without a parse the pack's word order tells the noun's class: "2000 soldados" is no year.
        by_order = read_by_word_order(q, text)
        if by_order is None or by_order.kind not in _COUNTED_KINDS:
            return False
    has_currency = _has_currency(q)
    # "6.8" alone is a measurement, "1.5 million" is a count
    return not (q.is_decimal and not has_currency and not re.search(r"[^\W\d_]$", q.text))


def _has_currency(q: Quantity) -> bool:
    return bool(re.search(r"[$€£¥₩₴₽]", q.text))


def _span(q: Quantity, counted: Counted, anchor: Token) -> tuple[int, int]:
    end = q.end
    head = counted.head
    if head is not None and 0 < head.i - anchor.i <= MAX_SPAN_TOKENS:
        end = max(end, head.idx + len(head.text))
    elif counted.kind == "area" and counted.text:
        end = q.end + len(counted.text) + 1
    return q.start, end


def _attribute(anchor: Token, counted: Counted, sentence: _Sentence, context: _Document) -> _Attribution:
    """Step 4 and the statement date of step 5."""
    memory, lex, published = context.memory, context.lex, context.published
    # "Ohio reported 12 deaths, Indiana had 7": a place's tally speaks for its own figures only
    frames = [f for f in sentence.frames if not _place_tally(f, context) or _owns(f, anchor)]
    quoted = sentence.quoted
    start = counted.head if counted.head is not None else anchor
    frame = (
        choose_frame(start, frames, lex, quoted)
        or choose_frame(anchor, frames, lex, quoted)
        or _opening_cue(anchor, frames)
        or _closing_statement(anchor, frames)
    )
    noun_source = reported_by(counted.head)
    owner = figure_owner(anchor, lex)
    # "the toll issued on Saturday", "claims made on Oct. 24 that ...": the statement's own date
    noun_time = _own_statement_time(anchor, sentence.times, lex, context.time_words)
    noun_date = noun_time.period.start if noun_time is not None and noun_time.period is not None else None
    if owner is not None:  # "the government's count of about 8,000" is the government's figure
        who = memory.resolve(strip_determiners(phrase(owner)), owner)
        return _Attribution(who, memory.sources.get(who or "", who), noun_date or published, None, noun_time)
    if frame is None:
        quoted_name = quote_speaker(context.annotated, sentence.parsed, anchor)
        speaker = memory.resolve(quoted_name, None) if quoted_name else None
        if speaker is None and noun_source is None:
            continued = _continued(sentence, context)
            if noun_time is not None:
                return _Attribution(
                    continued.stated_by if continued else None,
                    continued.source if continued else None,
                    noun_date,
                    None,
                    noun_time,
                )
            return continued or _Attribution(None, None, published, None, None)
        speaker = speaker or (memory.resolve(noun_source, None) if noun_source else None)
        source = (
            memory.resolve(noun_source, None) if noun_source else memory.sources.get(speaker or "", speaker)
        )
        quoted_on = quote_date(context.annotated, sentence.parsed, anchor, published) if quoted_name else None
        said_on = noun_date or quoted_on or memory.dates.get(speaker or "", published)
        return _Attribution(speaker, source, said_on, None, noun_time)
    tally = _place_tally(frame, context)
    if tally:  # "Kano and Kaduna reported 4 deaths each" in a paragraph going on with a body's count
        before = _content_block_before(context, sentence.parsed.block)
        carried = _continued(sentence, context, own_checked=True) or (
            context.ended.get(before) if before is not None else None
        )
        if carried is not None and carried.stated_by:
            context.reporting[sentence.parsed.block] = carried  # "Zaria had 2." goes on with it too
            return carried
    reporter = _reporter_above(frame, frames)
    if reporter is not None:
        # "A lawmaker reported that 100 were killed, according to the spy agency": the
        # lawmaker speaks, citing the agency.
        frame = replace(reporter, source=reporter.source or frame.speaker)
    speaker = _frame_speaker(frame, context)
    cited = noun_source or frame.source
    source = memory.resolve(cited, None) if cited else memory.sources.get(speaker or "", speaker)
    statement_time = noun_time or _statement_time(frame, sentence.times)
    if statement_time is not None and statement_time.period is not None:
        stated_on: dt.date | None = statement_time.period.start
    elif frame.earlier:
        stated_on = None
    else:
        stated_on = memory.dates.get(speaker or "", published)
    hearsay = frame.kind == "noun"  # "amid reports that ...": no one to remember or go on with
    if speaker and not hearsay:
        memory.remember(speaker, source if source != speaker else None, stated_on if statement_time else None)
    found = _Attribution(speaker, source, stated_on, frame, statement_time)
    if speaker and not hearsay and not tally:  # a place's tally is no statement to go on with
        context.reporting[sentence.parsed.block] = replace(found, frame=None, statement_time=None)
    return found


def _frame_speaker(frame: Frame, context: _Document) -> str | None:
    """The speaker ``frame`` names, as the document names it; a group pronoun ("The group ...
    They also said that 12 more died") stands for the organisation last named, not for the
    last person, and for no one before any organisation is named."""
    if frame.speaker and frame.speaker.lower() in context.lex.group_pronouns:
        return context.memory.last_organisation
    return context.memory.resolve(frame.speaker, frame.speaker_token)


# The entity roles of places: a place that "reported 12 deaths" tallies its own dead.
PLACE_ENTITIES = ("political_place", "natural_place", "facility")


def _place_tally(frame: Frame, context: _Document) -> bool:
    """ "Ohio reported 12 deaths", "Kano, Kaduna and Sokoto recorded 4 deaths each": a frame whose
    subject is a place (or a list of places) and whose object is a count tallies that place's
    figure; it states nothing beyond it."""
    who = frame.speaker_token
    if frame.kind != "verb" or who is None:
        return False
    if not any(_has_number(c) for c in frame.verb.children if has_role(c, "object")):
        return False
    return any(_is_place(t, context.gazetteer) for t in (who, *who.conjuncts))


def _is_place(token: Token, gazetteer: Gazetteer) -> bool:
    """A bare place name ("Ohio", "South Carolina"), not a body named after one ("County of X Department")."""
    if any(
        has_role(c, "preposition", "clausal_modifier", "relative_clause", "appositive")
        for c in token.children
    ):
        return False
    return has_entity(token, *PLACE_ENTITIES) or any(p.fullmatch(token.text) for _, p in gazetteer.places)


def _has_number(token: Token) -> bool:
    return any(t.like_num for t in token.subtree)


def _owns(frame: Frame, anchor: Token) -> bool:
    """Whether the figure at ``anchor`` lies in the object of the frame's verb."""
    return any(
        a.head.i == frame.verb.i and has_role(a, "object") for a in ancestors(anchor, limit=len(anchor.doc))
    )


def _reporter_above(cue: Frame, frames: list[Frame]) -> Frame | None:
    """A reporting verb whose statement holds the cue ``cue`` ("X reported that ..., according to Y")."""
    if cue.kind != "cue":
        return None
    above = {t.i for t in ancestors(cue.verb, limit=len(cue.verb.doc))}
    return next(
        (f for f in frames if f.kind == "verb" and f.verb.i in above and f.verb.i != cue.verb.i), None
    )


# What may follow the reporting verb of a closing ", X said on Wednesday.": its time
# and place, nothing that says more.
_CLOSING_ROLES = (
    "preposition",
    "prepositional_object",
    "noun_adverbial",
    "adverbial_modifier",
    "punctuation",
    "determiner",
    "noun_compound",
    "adjectival_modifier",
    "numeric_modifier",
)


# Words before a closing statement's subject that still belong to it, wherever the parser
# hung them ("the" of "the U.N. estimates" hung on the verb).
_SUBJECT_LEFT_ROLES = ("determiner", "noun_compound", "adjectival_modifier", "possessive")


def _closing_statement(anchor: Token, frames: list[Frame]) -> Frame | None:
    """ "The toll has risen to 12, and includes two children, the minister said on Wednesday.":
    a statement closing the sentence after a comma covers the figures before it, however the
    parser hung it."""
    for frame in frames:
        if frame.kind != "verb" or frame.speaker_token is None or frame.verb.i <= anchor.i:
            continue
        doc = frame.verb.doc
        subject_start = frame.speaker_token.left_edge.i
        # "..., the U.N. estimates.": the parser may hang the subject's article on the verb
        while subject_start > 0 and has_role(doc[subject_start - 1], *_SUBJECT_LEFT_ROLES):
            subject_start -= 1
        after_comma = subject_start > 0 and doc[subject_start - 1].text == ","
        closing = all(has_role(t, *_CLOSING_ROLES) for t in doc[frame.verb.i + 1 :])
        if after_comma and closing and anchor.i < subject_start:
            return frame
    return None


def _opening_cue(anchor: Token, frames: list[Frame]) -> Frame | None:
    """ "According to X, 6,000 were killed, 10,000 wounded and 700 captured": a cue that opens
    the sentence covers every figure after it, however the parser hung them."""
    cues = [f for f in frames if f.kind == "cue" and f.cue.i < anchor.i]
    if len(cues) == 1 and not any(f.kind == "verb" for f in frames):
        return cues[0]
    return None


def _source_labels(article: Any, lex: Lexicon) -> dict[int, str]:
    """Lines that name the source of what follows ("Source: the regional police"), by block."""
    labels: dict[int, str] = {}
    for index, block in enumerate(article.clean.blocks):
        line = article.text[block.start : block.end].strip()
        label, colon, name = line.partition(":")
        if colon and label.strip().lower() in lex.source_labels and 0 < len(name.split()) <= MAX_LABEL_WORDS:
            # "Source: the General Staff on Facebook": the platform is not the source
            name = pack_words().label_platform.sub("", name.strip()).strip(" .")
            if name:
                labels[index] = name
    return labels


# A source label names an organisation or a person, not a sentence.
MAX_LABEL_WORDS = 12
_OPENING_QUOTES = ("“", '"', "«", "‘")


def _continued(sentence: _Sentence, context: _Document, own_checked: bool = False) -> _Attribution | None:
    """The statement a sentence with no attribution of its own goes on reporting, if any.

    The last statement of its own paragraph; in a paragraph that opens a
    quotation, the last statement of the paragraph before ("X said:" then the
    quote); else what a source label above it names ("Source: X"). A sentence
    that names a speaker elsewhere ("South Carolina reported 39 deaths, Florida
    had at least 19"), or says that no one did ("officials have not confirmed
    the deaths"), does not go on with an earlier one.
    """
    if not own_checked and (sentence.frames or _has_reporting_verb(sentence.parsed.doc, context.lex)):
        return None
    block = sentence.parsed.block
    own = context.reporting.get(block)
    if own is not None:
        return own
    article = context.annotated.article
    blocks = article.clean.blocks
    if article.text[blocks[block].start : blocks[block].end].lstrip().startswith(_OPENING_QUOTES):
        before = _content_block_before(context, block)
        if before is not None and before in context.reporting:
            return context.reporting[before]
        named = paragraph_speaker(context.annotated, before) if before is not None else None
        if named:
            who = context.memory.resolve(named, None)
            return _Attribution(who, who, context.memory.dates.get(who or "", context.published), None, None)
    carried = _carried_report(sentence, context)
    if carried is not None:
        return carried
    labelled = [i for i in context.labels if i < block]
    if labelled:
        name = context.labels[max(labelled)]
        who = context.memory.resolve(name, None)
        return _Attribution(who, who, context.published, None, None)
    return None


def _carried_report(sentence: _Sentence, context: _Document) -> _Attribution | None:
    """ "At least 50 were killed, the agency said in a report." then a paragraph of figures
    with no speaker ("Most of the fighting was in the north, where at least 20 were
    abducted"): the paragraph goes on with the report its predecessor ended on, if that
    paragraph names a document, or this one opens by breaking down what it stated ("Of
    those, 40 were women"), and no sentence of this one names a speaker.
    """
    block = sentence.parsed.block
    before = _content_block_before(context, block)
    if before is None or context.ended.get(before) is None:
        return None
    lex = context.lex
    sentences = context.annotated.sentences
    if not _opens_breakdown(context, block) and not any(
        _states_document(context.frames_of(s), lex) for s in sentences if s.block == before
    ):
        return None  # "..., officials said." then "More than a million are displaced": the outlet's own
    for other in (s for s in sentences if s.block == block):
        frames = context.frames_of(other)
        if any(not _place_tally(f, context) for f in frames):
            return None
        if not frames and _has_reporting_verb(other.doc, lex):
            return None  # "officials have not confirmed": no one goes on; a place's tally does not stop it
    return context.ended[before]


# How much of a paragraph's start is read for a breakdown opener: two words ("Of those")
# fit with room to spare, and a line of megabytes is never read whole.
BREAKDOWN_OPENING_CHARS = 40


def _opens_breakdown(context: _Document, block: int) -> bool:
    """Whether paragraph ``block`` opens with a partitive that breaks down what was just
    stated ("Of the 90 still missing, 12 are children", "Among them were 4 nurses")."""
    b = context.annotated.article.clean.blocks[block]
    head = context.annotated.article.text[b.start : min(b.end, b.start + BREAKDOWN_OPENING_CHARS)]
    opening = " ".join(re.findall(r"[\w'’-]+", head)[:2]).lower()
    return opening in context.lex.breakdown_openers


def _breaks_down(sentence: _Sentence, context: _Document) -> bool:
    """Whether ``sentence``, read without a parse, breaks down the count before it: it opens
    with a partitive ("З них", "Из них") or is an item of a list in the prose ("втратила:
    • 45 танків;")."""
    opening = " ".join(re.findall(r"[\w'’-]+", sentence.text[:BREAKDOWN_OPENING_CHARS])[:2]).lower()
    block = context.annotated.article.clean.blocks[sentence.parsed.block]
    return opening in context.lex.breakdown_openers or block.is_list_item


def _content_block_before(context: _Document, block: int) -> int | None:
    """The index of the nearest content block (paragraph) before ``block``."""
    blocks = context.annotated.article.clean.blocks
    return next((i for i in range(block - 1, -1, -1) if blocks[i].is_content), None)


def _has_reporting_verb(doc: Any, lex: Lexicon) -> bool:
    """Whether a sentence has a reporting verb, even one that names no speaker ("have not confirmed")."""
    return any(t.pos_ == "VERB" and t.lemma_.lower() in lex.reporting for t in doc)


def _states_document(frames: list[Frame], lex: Lexicon) -> bool:
    """Whether a sentence's frames report a document ("X said in a report", "the report found")."""
    for frame in frames:
        if frame.kind != "verb":
            continue
        near = list(frame.speaker_token.subtree) if frame.speaker_token is not None else []
        near += [t for c in frame.verb.children if has_role(c, "preposition") for t in c.subtree]
        if any(t.pos_ == "NOUN" and t.lemma_.lower() in lex.document_nouns for t in near):
            return True
    return False


def _reporting_verb(attribution: _Attribution) -> Token | None:
    """The reporting verb above a figure; a cue ("according to") hangs on the figure's own verb."""
    frame = attribution.frame
    return frame.verb if frame is not None and frame.kind == "verb" else None


def _statement_time(frame: Frame, times: list[TimeMention]) -> TimeMention | None:
    """A point in time attached to the reporting verb ("said on Thursday")."""
    return _time_on(frame.verb, times) if frame.kind == "verb" else None


def _own_statement_time(
    anchor: Token, times: list[TimeMention], lex: Lexicon, words: TimeWords
) -> TimeMention | None:
    """The date given on the statement a figure comes from, by the participle of a noun naming it.

    "up from 27 announced on Sunday" (the figure's own participle), "Putin's claims made on
    Oct. 24 that about 2,000 ..." (a noun above the figure), "The toll released on Saturday
    showed 1,480 dead" (the subject of the figure's verb), "according to a toll issued on
    Saturday" (the object of a citing phrase).
    """
    if not any(m.is_point for m in times):
        return None
    participles = lex.reporting | words.statement_participles
    for node in ancestors(anchor):
        nouns = [node]
        if node.pos_ in ("VERB", "AUX"):
            named = lex.figure_nouns | words.statement_nouns
            nouns += [n for n in _statement_nouns(node) if n.lemma_.lower() in named]
        for noun in nouns:
            for child in noun.children:
                if has_role(child, "clausal_modifier") and child.lemma_.lower() in participles:
                    found = _time_on(child, times)
                    if found is not None:
                        return found
    return None


def _statement_nouns(verb: Token) -> list[Token]:
    """The subject and object of ``verb`` and the objects of its prepositional phrases ("according to X")."""
    found = [c for c in verb.children if has_role(c, "subject", "passive_subject", "object")]
    level = [c for c in verb.children if has_role(c, "preposition")]
    for _ in range(MAX_STATEMENT_NOUN_DEPTH - 1):
        found += [t for t in level if has_role(t, "prepositional_object")]
        level = [c for t in level for c in t.children if has_role(c, "preposition", "prepositional_object")]
    return found + [t for t in level if has_role(t, "prepositional_object")]


def _time_on(verb: Token, times: list[TimeMention]) -> TimeMention | None:
    """A point in time hanging on ``verb``, directly or through a noun phrase ("during a Sunday briefing")."""
    doc = verb.doc
    for mention in times:
        if not mention.is_point:
            continue
        for token in tokens_in(doc, mention.start, mention.end):
            node = token
            for _ in range(MAX_TIME_HOPS):
                if node.head.i == node.i or not has_role(node, *_TIME_PATH_ROLES):
                    break
                node = node.head
                if node.i == verb.i:
                    return mention
            if token.head.i == verb.i:
                return mention
    return None


def _when(
    anchor: Token, counted: Counted, attribution: _Attribution, sentence: _Sentence, context: _Document
) -> Period | None:
    """The period of a figure: a time phrase hanging on the figure's own clause.

    First a phrase attached to the figure's chain of heads, then one anywhere in its clause,
    then the sentence's only period ("killed 6,600, wounded 10,400 and captured 700 since
    Aug. 8" gives all three the period). A statement's date, a dateline, the baseline of a
    comparison ("up 53% from the last quarter") and a ranking ("the worst since 2005") are
    never the figure's period; a single day is one only where it hangs on the figure.
    """
    text, times = sentence.text, sentence.times
    base = attribution.stated_on or context.published or context.reference
    reporting = _reporting_verb(attribution)
    stop = reporting.i if reporting is not None else -1
    chain: list[Token] = []
    for token in ancestors(anchor):
        if token.i == stop:
            break
        chain.append(token)
    near = {t.i for t in chain}
    if counted.head is not None:
        near.update(t.i for t in counted.head.subtree)
    clause = _clause_tokens(chain)
    dateline = _DATELINE.match(text)
    in_clause: Period | None = None
    periods: list[Period] = []
    for mention in times:
        if attribution.statement_time is not None and mention.start == attribution.statement_time.start:
            continue
        if dateline and mention.end <= dateline.end():
            continue  # "SEOUL, Dec 19 (Reuters) -" dates the report, not the figure
        tokens = tokens_in(anchor.doc, mention.start, mention.end)
        if _is_baseline(mention, text, context.time_words) or _ranks(tokens):
            continue
        period = _resolve(mention, text, base, context.published)
        opened = _clause_start(tokens, period, base, context.time_words)
        if opened is not None:  # "since the operation began on 6 August 2024"
            periods.append(opened)
            continue
        attached = any(
            t.i in near or t.head.i in near or (has_role(t.head, "preposition") and t.head.head.i in near)
            for t in tokens
        )
        if attached:
            return period
        if in_clause is None and tokens and all(t.i in clause for t in tokens):
            in_clause = period
        if in_clause is None and dates_by_stretch() and _same_stretch(text, mention, anchor):
            in_clause = period  # no parse: a day in the figure's stretch ("am Dienstag starben 12")
        if (
            period is not None
            and not mention.is_point
            and not _in_reporting_clause(tokens, reporting)
            and not _in_other_clause(tokens, anchor)
        ):
            periods.append(period)
    if in_clause is not None:
        return in_clause
    return periods[0] if len(periods) == 1 else None


def _same_stretch(text: str, mention: TimeMention, anchor: Token) -> bool:
    """Whether ``mention`` and the figure at ``anchor`` stand with no clause's punctuation between them."""
    low, high = sorted((mention.start, anchor.idx))
    return not _STRETCH_BREAK.search(text, low, high)


def _is_baseline(mention: TimeMention, text: str, words: TimeWords) -> bool:
    """ "up 53% from the last three months of 2023", "compared with 2022": the period compared against."""
    before = f"{text[: mention.start]} {mention.text.split()[0]} "  # "from" may open the mention
    before = pack_words().comparison_tail.sub("", before)
    last = _LAST_WORD.search(before)
    return last is not None and last.group(1).lower() in words.comparison


def _ranks(tokens: list[Token]) -> bool:
    """ "the worst since 2005", "the deadliest in a decade": the phrase ranks a superlative."""
    return any(has_role(t, "preposition") and has_tag(t.head, "superlative") for t in tokens)


def _clause_start(
    tokens: list[Token], period: Period | None, base: dt.date | None, words: TimeWords
) -> Period | None:
    """A day in a "since" clause opens a period up to the statement: "since the war began on 6 May"."""
    if period is None or base is None or period.start != period.end or period.start > base:
        return None
    for token in tokens:
        verb = token.head.head if has_role(token.head, "preposition") else token.head
        opens = any(has_role(c, "marker") and c.lower_ in words.clause_start for c in verb.children)
        if opens and verb.pos_ in ("VERB", "AUX") and has_role(verb, "adverbial_clause"):
            return Period(period.start, base, period.text)
    return None


# Dependencies that open a subordinate clause with a time of its own: "After sending 8,000
# peacekeepers in October, the alliance announced 2,000 more" (pcomp), "when ..." (advcl).
_SUBORDINATE_ROLES = ("adverbial_clause", "prepositional_complement", "relative_clause")


def _in_other_clause(tokens: list[Token], anchor: Token) -> bool:
    """Whether a time phrase lies in a subordinate clause that does not hold the figure."""
    for token in tokens[:1]:
        for node in ancestors(token):
            if has_role(node, *_SUBORDINATE_ROLES) and not (
                node.left_edge.i <= anchor.i <= node.right_edge.i
            ):
                return True
    return False


def _in_reporting_clause(tokens: list[Token], reporting: Token | None) -> bool:
    """Whether a time phrase hangs on the reporting verb itself ("the agency said on Friday")."""
    return reporting is not None and any(t.head.i == reporting.i for t in tokens)


def _clause_tokens(chain: list[Token]) -> set[int]:
    """Token indexes of the clause of the figure's predicate, without nested clauses of other verbs."""
    predicate = next((t for t in chain if t.pos_ in ("VERB", "AUX")), None)
    if predicate is None:
        return set()
    on_chain = {t.i for t in chain}
    tokens = {t.i for t in predicate.subtree}
    for child in predicate.children:
        if child.i in on_chain:
            continue
        clause = has_role(
            child,
            "clausal_complement",
            "adverbial_clause",
            "relative_clause",
            "open_complement",
            "paratactic_clause",
            "conjunct",
        )
        # "After dispatching 11,000 personnel in October, ...": a verb under a preposition
        # is a clause of its own, with its own period
        verbal = has_role(child, "preposition") and any(
            has_role(c, "prepositional_complement") and c.pos_ == "VERB" for c in child.children
        )
        if clause or verbal:
            tokens -= {t.i for t in child.subtree}
    return tokens


def _resolve(
    mention: TimeMention, text: str, anchor: dt.date | None, resolved_with: dt.date | None
) -> Period | None:
    """``mention``'s period against ``anchor``; it was found with ``resolved_with`` as its anchor."""
    if anchor == resolved_with:
        return mention.period  # the sentence's mentions already hold this anchor's periods
    for again in find_time_mentions(text, anchor):
        if again.start == mention.start:
            return again.period
    return mention.period


# Step 9 fills in only what a story's main actor sends or supplies: the people
# a country deploys are its own, but the dead of a place need not be.
FILLED_MEASURES = frozenset({"deployed", "supplied"})


def _fill_actors(claims: list[Claim], countries: set[str]) -> list[Claim]:
    """Step 9: deployments and supplies with no actor take the document's most frequent country."""
    counts = Counter(c.actor for c in claims if c.actor in countries)
    if not counts:
        return claims
    usual = counts.most_common(1)[0][0]
    return [c if c.actor or c.measure not in FILLED_MEASURES else replace(c, actor=usual) for c in claims]


__all__ = ["extract_claims"]
