"""Quotations and who said them (`quotes.rules.v1`).

Three passes over one parsed article, then speaker resolution in text order:
1. direct speech: every quotation-mark span (`quote_marks.scan`) takes the reporting cue right
   after it (`"...," he said`) or right before it (`He said: "..."`); a span split around its cue
   (`"We will go," he said, "but not now."`) is one quote; a span with no cue continues the
   last speaker's quote when it opens a sentence, and is a scare quote (dropped) otherwise;
2. reported speech: every other sentence with a cue (`quote_cues.find_cues`) gives the content
   around the cue clause: "X said (that) ...", "according to X, ...", and "..., he said" where
   the marks were lost (kind "direct": the word order is that of direct speech);
3. continuation: cue-less sentences that follow a lost-mark quote in its paragraph and read as
   speech (a connective, a modal, first person) join it; narration ends it.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.quotes.cues import Cue, connectives, find_cues, units
from newsgraph.extract.quotes.colon import colon_quotes
from newsgraph.extract.quotes.marks import Marked, content, has_marks, is_mark, paragraphs, scan
from newsgraph.extract.registry import Context, TableSection, register
from newsgraph.extract.quotes.speakers import PERSONAL, SUBJECT_DEPS, Speakers
from newsgraph.extract.quotes.when import statement_date
from newsgraph.model import ArticleRecord, Quote

CharSpan = tuple[int, int]
_SIGNATURE = re.compile(r"[\"”’'.,!?]*[ \t\u00a0]*[―—–][ \t\u00a0]*(?P<name>[^\W\d][^\n―—–]{1,60}?)[ \t\u00a0]*(?=\n|$)")
FIRST_SECOND_PERSON = frozenset({"i", "we", "us", "our", "my", "me", "you", "your"})
MIN_UNCUED_WORDS = 5       # shorter marked spans without a cue are scare quotes or titles
CONFIDENCE = {"marked": 0.95, "unbalanced": 0.6, "lost_marks": 0.75, "indirect": 0.8,
              "source": 0.7, "uncued": 0.6, "headline": 0.7}


@dataclass(frozen=True, slots=True)
class Draft:
    """A quote before its speaker is resolved: content spans, speaker head, cue."""

    parts: tuple[CharSpan, ...]
    speaker: int | None            # token index of the speaker's head
    cue: str | None
    kind: str
    confidence: float
    text: str
    open_ended: bool = False       # a lost-mark quote that later sentences may continue
    inherits: bool = False         # no cue of its own: the previous quote's speaker, if near
    clause: CharSpan | None = None  # the cue clause ("he said on Friday"), where its date is

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


@dataclass
class Article:
    """The parsed article with its paragraphs, sentence units and cues, shared by the passes."""

    doc: Doc
    text: str                       # doc.text, which spaCy rebuilds on every access
    context: Context
    para_starts: list[int]
    units: list[Span]
    cues: dict[int, list[Cue]]      # unit number -> cues
    marks: list[Marked]             # every quotation in marks, in text order

    def paragraph_of(self, offset: int) -> int:
        return bisect_right(self.para_starts, offset) - 1


@register
class RuleQuotes:
    name = "quotes.rules.v1"
    section = "quotes"
    requires: tuple[str, ...] = ()

    def extract(self, doc: Doc, context: Context) -> list[Quote]:
        article = _article(doc, context)
        lines = _colon_drafts(article)
        used: set[tuple[int, int]] = set()  # (unit, verb) of cues already given to a direct quote
        direct = [d for d in _direct(article, used) if not _within(d, lines)]
        reported = [d for d in _reported(article, used, direct) if not _within(d, lines)]
        drafts = _continued(article, sorted(direct + reported + lines, key=lambda d: d.start))
        return _quotes(article, _joined_follow_ups(article, _inherit(article, drafts)))

    def table(self, record: ArticleRecord) -> list[TableSection]:
        if not record.quotes:
            return []
        groups: dict[str, list[Quote]] = {}
        for quote in record.quotes:
            entity = record.entity(quote.speaker)
            groups.setdefault(entity.name if entity else f"({quote.speaker_text or 'unattributed'})", []).append(quote)
        rows = []
        for speaker, quotes in sorted(groups.items(), key=lambda g: (-len(g[1]), g[0])):
            for n, q in enumerate(quotes):
                rows.append((speaker if n == 0 else "", q.speaker_text or "", q.cue or "", q.kind,
                             f"{q.confidence:.2f}", q.text))
        return [TableSection(f"Quotes ({len(record.quotes)}) by speaker",
                             ("speaker", "named as", "cue", "kind", "conf", "quote"), tuple(rows))]


def _article(doc: Doc, context: Context) -> Article:
    text = doc.text
    starts = [s for s, _ in paragraphs(text)] or [0]
    article = Article(doc, text, context, starts, [], {}, scan(text))
    article.units = units(doc, article.paragraph_of)
    article.cues = {n: find_cues(u, context.entities) for n, u in enumerate(article.units)}
    return article


def _chars(doc: Doc, tokens: tuple[int, int]) -> CharSpan:
    span = doc[tokens[0]:tokens[1]]
    return span.start_char, span.end_char


def _clause_chars(article: Article, cue: Cue) -> CharSpan:
    return _chars(article.doc, cue.clause)


# -- headline --------------------------------------------------------------------------------

def _colon_drafts(article: Article) -> list[Draft]:
    """"Warren: Trump Is a 'Proven Failure'" (the title line) and "TAPPER: Do you think ..."."""
    drafts = []
    for found in colon_quotes(article.doc, article.context.entities):
        head = article.doc[found.speaker]
        text = article.text[found.claim[0]:found.claim[1]]
        drafts.append(Draft((found.claim,), found.speaker, ":", found.kind, CONFIDENCE["headline"], text,
                            clause=(head.idx, head.idx + len(head))))
    return drafts


def _within(draft: Draft, lines: list[Draft]) -> bool:
    return any(line.start <= draft.start and draft.end <= line.end + 1 for line in lines)


# -- direct speech ---------------------------------------------------------------------------

def _direct(article: Article, used: set[tuple[int, int]]) -> list[Draft]:
    drafts: list[Draft] = []
    marks = article.marks
    skip: set[Marked] = set()
    for n, marked in enumerate(marks):
        if marked in skip:
            continue
        if not any(c.isalnum() for c in article.text[marked.start:marked.end]):
            continue  # `said: "."` and other empty marks
        found = _cue_for(article, marked, used)
        if found is None and not marked.balanced:
            found, marked = _cue_inside(article, marked)
        if found is None:
            signed = _signed(article, marked)
            drafts.extend([signed] if signed is not None else _uncued(article, marked))
            continue
        key, cue = found
        used.add(key)
        pieces = [marked]
        following = marks[n + 1] if n + 1 < len(marks) else None
        if following is not None and _split_by(article, cue, marked, following):
            pieces.append(following)
            skip.add(following)
        drafts.append(_marked_draft(article, pieces, cue))
    return drafts


def _marked_draft(article: Article, pieces: list[Marked], cue: Cue | None) -> Draft:
    text = " ".join(content(article.text, m) for m in pieces).rstrip(",").strip()
    balanced = all(m.balanced for m in pieces)
    confidence = CONFIDENCE["marked" if balanced else "unbalanced"]
    return Draft(tuple((m.start, m.end) for m in pieces), cue.speaker if cue else None,
                 cue.word if cue else None, "direct", confidence, text,
                 clause=_clause_chars(article, cue) if cue else None)


def _between(text: str, start: int, end: int, allowed: str = ",:;.!?—– \n\"“”‘’'") -> bool:
    return start <= end and all(c in allowed for c in text[start:end])


def _cue_for(article: Article, marked: Marked, used: set[tuple[int, int]]) -> tuple[tuple[int, int], Cue] | None:
    """The unused cue clause right after the closing mark, else right before the opening mark."""
    text = article.text
    para = article.paragraph_of(marked.end)
    candidates = [((n, c.verb), c) for n, cues in article.cues.items() for c in cues if (n, c.verb) not in used]
    for key, cue in candidates:
        start, _ = _clause_chars(article, cue)
        if article.paragraph_of(start) == para and _between(text, marked.end, start) and start - marked.end < 5 \
                and not _own_content_after(article, cue):
            return key, cue
    for key, cue in candidates:
        _, end = _clause_chars(article, cue)
        gap = text[end:marked.start].strip(" ,:\"“‘'—–\n").lower()
        if end <= marked.start and marked.start - end < 12 and gap in {"", "that"} \
                and not _clause_goes_on(article, cue, marked):
            return key, cue
    return None


def _clause_goes_on(article: Article, cue: Cue, marked: Marked) -> bool:
    """`says "the wind is at our backs" despite his loss`: the reported clause runs past the
    closing mark, so the quotation is part of it (a mixed quote), not the whole statement."""
    after = [_chars(article.doc, p)[1] for p in cue.parts if p[0] >= cue.clause[1]]
    return bool(after) and any(c.isalnum() for c in article.text[marked.end:after[-1]])


def _own_content_after(article: Article, cue: Cue) -> bool:
    """"... said that ...": a cue with unmarked content of its own after it opens a new statement."""
    if not cue.content_after:
        return False
    _, end = _clause_chars(article, cue)
    right = next(_chars(article.doc, p)[0] for p in cue.parts if p[0] >= cue.clause[1])
    return not any(is_mark(c) for c in article.text[end:right])


def _cue_inside(article: Article, marked: Marked) -> tuple[tuple[tuple[int, int], Cue] | None, Marked]:
    """A mark that never closed ran over its own cue (`"We are not leaving, he said.`): cut there."""
    for n, cues in article.cues.items():
        for cue in cues:
            start, _ = _clause_chars(article, cue)
            if cue.content_first and marked.start < start < marked.end:
                content_end = _chars(article.doc, cue.parts[0])[1]
                return ((n, cue.verb), cue), replace(marked, end=min(content_end, start))
    return None, marked


def _split_by(article: Article, cue: Cue, first: Marked, second: Marked) -> bool:
    """`"We will go," he said, "but not now."`: the cue sits between two marks of one sentence."""
    text = article.text
    _, end = _clause_chars(article, cue)
    if not (first.end < end <= second.start) or article.paragraph_of(second.start) != article.paragraph_of(end):
        return False
    closing = text[first.end - 1:first.end + 1]
    return "," in closing and _between(text, end, second.start) and "," in text[end:second.start]


def _signed(article: Article, marked: Marked) -> Draft | None:
    """`"We deserve better." ― Jane Doe`: a quotation signed with a dash and a name that ends
    its line (lists of reactions, epigraphs)."""
    match = _SIGNATURE.match(article.text, marked.end)
    if match is None:
        return None
    words = article.doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
    names = [t for t in words if t.is_alpha] if words is not None else []
    if not names or len(names) > 5 or not all(t.text[0].isupper() for t in names):
        return None
    return replace(_marked_draft(article, [marked], None), speaker=names[-1].i, cue="―",
                   clause=(words.start_char, words.end_char))


def _uncued(article: Article, marked: Marked) -> list[Draft]:
    """A cue-less span that opens a sentence continues the last speaker; otherwise a scare quote.
    Unbalanced marks without a cue are dropped: stray marks in the copy, not speech."""
    text = article.text
    words = text[marked.start:marked.end].split()
    before = text[:marked.start].rstrip(" \"“‘")
    opens_sentence = not before or before[-1] in ".!?\n:" or before.endswith(("\n", ".”", '."'))
    if len(words) < MIN_UNCUED_WORDS or not opens_sentence or not marked.balanced:
        return []
    return [Draft(((marked.start, marked.end),), None, None, "direct", CONFIDENCE["uncued"],
                  content(text, marked).rstrip(","), inherits=True)]


def _inherit(article: Article, drafts: list[Draft]) -> list[Draft]:
    """Cue-less quotes take the person a narration sentence just before them introduces ("Her
    opponent, X, ran the bank for years." then a quotation: X), else the speaker of the quote just
    before, in this or the previous paragraph, when that quote was direct speech or a person's:
    after "Reuters reported ..." a quotation is someone Reuters heard, not Reuters."""
    result: list[Draft] = []
    for draft in drafts:
        previous = result[-1] if result else None
        if draft.inherits:
            introduced = _introduced(article, draft, previous)
            if introduced is not None:
                draft = replace(draft, speaker=introduced)
            elif previous is not None and _passes_on(article, previous) \
                    and article.paragraph_of(draft.start) - article.paragraph_of(previous.end) <= 1:
                draft = replace(draft, speaker=previous.speaker)
        result.append(draft)
    return result


def _joined_follow_ups(article: Article, drafts: list[Draft]) -> list[Draft]:
    """`"We will go," he said. "The date is not set."`: a cue-less quotation right after a quote,
    in its paragraph with only the cue between, is the rest of that statement: one quote."""
    result: list[Draft] = []
    for draft in drafts:
        previous = result[-1] if result else None
        if previous is not None and draft.inherits and draft.speaker == previous.speaker \
                and previous.kind == "direct" and _only_cue_between(article, previous, draft):
            stop = "" if previous.text.endswith((".", "!", "?", "…")) else "."  # the cue took its stop
            result[-1] = replace(previous, parts=(*previous.parts, *draft.parts),
                                 text=f"{previous.text}{stop} {draft.text}")
            continue
        result.append(draft)
    return result


def _only_cue_between(article: Article, previous: Draft, draft: Draft) -> bool:
    if article.paragraph_of(previous.end) != article.paragraph_of(draft.start):
        return False
    gap = article.text[previous.end:draft.start]
    if previous.clause is not None and previous.end <= previous.clause[0] < draft.start:
        # the cue and what hangs on it to the end of its sentence (", an economist who ...")
        cue_end = max(previous.clause[1], next((u.end_char for u in article.units
                                                if u.start_char <= previous.clause[0] < u.end_char), 0))
        gap = article.text[previous.end:previous.clause[0]] + article.text[min(cue_end, draft.start):draft.start]
    return not any(c.isalnum() for c in gap)


def _introduced(article: Article, draft: Draft, previous: Draft | None) -> int | None:
    """The person subject of the narration sentence right before a cue-less quote, if any."""
    before = [u for u in article.units if u.end_char <= draft.start]
    if not before:
        return None
    unit = before[-1]
    if previous is not None and previous.end > unit.start_char:
        return None  # the sentence before is quoted speech: its speaker carries on
    if article.paragraph_of(draft.start) - article.paragraph_of(unit.start_char) > 1 or _has_quote(unit, set()):
        return None
    subject = next((c for c in unit.root.children if c.dep_ in SUBJECT_DEPS), None)
    return subject.i if subject is not None and _is_person(article, subject) else None


def _is_person(article: Article, token: Token) -> bool:
    entities = article.context.entities
    for candidate in (token, *(c for c in token.children if c.dep_ == "appos")):
        entity = entities.at(candidate.idx, candidate.idx + len(candidate)) or (
            entities.named(candidate.text) if candidate.pos_ == "PROPN" else None)
        if entity is not None and entity.type == "PERSON":
            return True
    return token.lower_ in PERSONAL


def _passes_on(article: Article, previous: Draft) -> bool:
    if previous.kind == "direct" or previous.speaker is None:
        return True
    head = article.doc[previous.speaker]
    entity = article.context.entities.at(head.idx, head.idx + len(head))
    return head.lower_ in {"he", "she"} or (entity is not None and entity.type == "PERSON")


# -- reported speech -------------------------------------------------------------------------

def _reported(article: Article, used: set[tuple[int, int]], direct: list[Draft]) -> list[Draft]:
    drafts = []
    taken = [p for d in direct for p in d.parts]
    for n, cues in article.cues.items():
        for cue in cues:
            if (n, cue.verb) in used or not cue.parts:
                continue
            parts = tuple(_chars(article.doc, p) for p in cue.parts)
            if any(s < te and ts < e for s, e in parts for ts, te in taken):
                continue
            drafts.append(_reported_draft(article, cue, parts))
    return drafts


def _reported_draft(article: Article, cue: Cue, parts: tuple[CharSpan, ...]) -> Draft:
    text = _joined(article.text, parts)
    if cue.content_first and not article.marks:  # copy whose marks were lost: "..., he said" is direct
        kind, confidence = "direct", CONFIDENCE["lost_marks"]
    else:
        kind = "mixed" if has_marks(text) else "indirect"
        confidence = CONFIDENCE["source" if cue.source else "indirect"]
    return Draft(parts, cue.speaker, cue.word, kind, confidence, text, open_ended=cue.content_first,
                 clause=_clause_chars(article, cue))


def _joined(text: str, parts: tuple[CharSpan, ...]) -> str:
    """Content parts as one text; a part the cue clause cut off after a comma keeps the comma."""
    words = [text[s:e] + ("," if i < len(parts) - 1 and text[e:e + 1] == "," else "")
             for i, (s, e) in enumerate(parts)]
    return " ".join(words).strip()


# -- continuation ----------------------------------------------------------------------------

def _continued(article: Article, drafts: list[Draft]) -> list[Draft]:
    """Lost-mark quotes swallow the cue-less sentences after them that still read as speech."""
    starts = {d.start for d in drafts}
    result = []
    for draft in drafts:
        if draft.open_ended:
            draft = _extend(article, draft, starts)
        result.append(draft)
    return result


def _extend(article: Article, draft: Draft, taken: set[int]) -> Draft:
    para = article.paragraph_of(draft.start)
    number = next((n for n, u in enumerate(article.units) if u.start_char <= draft.end < u.end_char + 1), None)
    if number is None:
        return draft
    for unit, cues in ((article.units[k], article.cues[k]) for k in range(number + 1, len(article.units))):
        if article.paragraph_of(unit.start_char) != para or cues or _has_quote(unit, taken) or not _speech_like(unit):
            break
        stop = "" if draft.text.endswith((".", "!", "?", "…")) else "."  # the cue tail took its full stop
        text = f"{draft.text}{stop} {unit.text.strip()}"
        draft = replace(draft, parts=(*draft.parts, (unit.start_char, unit.end_char)), text=text,
                        confidence=round(draft.confidence * 0.9, 2))
    return draft


def _has_quote(unit: Span, taken: set[int]) -> bool:
    return any(unit.start_char <= s < unit.end_char for s in taken) or any(c in unit.text for c in "\"“”")


def _speech_like(unit: Span) -> bool:
    """Speech, not narration: opens with a connective, speaks in the first person, or hedges."""
    words = [t for t in unit if not t.is_punct]
    if not words:
        return False
    if words[0].lower_ in connectives() or any(t.lower_ in FIRST_SECOND_PERSON for t in words):
        return True
    return any(c.tag_ == "MD" for c in unit.root.children)


# -- records ---------------------------------------------------------------------------------

def _quotes(article: Article, drafts: list[Draft]) -> list[Quote]:
    quoted = [part for draft in drafts for part in draft.parts]
    speakers = Speakers(article.doc, article.context.entities, article.paragraph_of, quoted)
    published = article.context.document.published
    quotes = []
    for number, draft in enumerate(sorted(drafts, key=lambda d: d.start), start=1):
        entity, words = None, None
        if draft.speaker is not None:
            ref = speakers.resolve(article.doc[draft.speaker])
            entity, words = ref.entity, ref.text
        confidence = draft.confidence if entity else round(draft.confidence * 0.85, 2)
        when = statement_date(article.doc, draft.clause, draft.parts, published)
        quotes.append(Quote(f"q{number}", draft.text, (draft.start, draft.end), entity, words,
                            draft.cue, draft.kind, confidence, when))
    return quotes
