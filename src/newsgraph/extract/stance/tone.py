"""Tone in the GDELT GKG sense (V1.5TONE), per article and per actor.

For a stretch of text: positive and negative are the percentages of its words that the
sentiment lexicon scores above or below zero, tone is positive minus negative, polarity their
sum, activity the percentage of verbs and self-reference the percentage of first-person
pronouns. GDELT computes the same fields with its own dictionaries; ours is VADER's lexicon, so
values are comparable in kind but not equal to GDELT's (docs/data-model.md says more).

An actor's tone is the tone of the sentences that mention it.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.registry import Context, TableSection, register
from newsgraph.extract.stance.sentiment import valence
from newsgraph.model import ArticleRecord, Tone

FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"})


def tone_of(tokens: Iterable[Token], entity: str | None = None) -> Tone:
    words = positive = negative = verbs = selves = 0
    for token in tokens:
        if not token.is_alpha:
            continue
        words += 1
        score = valence(token.lower_)
        positive += score > 0
        negative += score < 0
        verbs += token.pos_ == "VERB"
        selves += token.lower_ in FIRST_PERSON
    share = (lambda n: round(100.0 * n / words, 3)) if words else (lambda n: 0.0)
    return Tone(entity=entity, tone=round(share(positive) - share(negative), 3),
                positive=share(positive), negative=share(negative),
                polarity=round(share(positive) + share(negative), 3), activity=share(verbs),
                self_reference=share(selves), words=words)


def _sentences_of(doc: Doc, spans: Sequence[tuple[int, int]]) -> list[Span]:
    """The sentences holding these character spans, once each, in order."""
    seen: dict[int, Span] = {}
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand") if 0 <= start < end <= len(doc.text) else None
        if span is not None:
            sentence = span[0].sent
            seen.setdefault(sentence.start, sentence)
    return [seen[k] for k in sorted(seen)]


@register
class ToneExtractor:
    name = "tones.lexicon.v1"
    section = "tones"
    requires: tuple[str, ...] = ()

    def extract(self, doc: Doc, context: Context) -> list[Tone]:
        found = [tone_of(doc)]
        for entity in context.entities.entities:
            sentences = _sentences_of(doc, entity.mentions)
            found.append(tone_of((t for s in sentences for t in s), entity.id))
        return found

    def table(self, record: ArticleRecord) -> list[TableSection]:
        article = next((t for t in record.tones if t.entity is None), None)
        if article is None:
            return []
        return [TableSection("Tone", ("tone", "positive %", "negative %", "polarity", "words"),
                             ((f"{article.tone:+.2f}", f"{article.positive:.2f}", f"{article.negative:.2f}",
                               f"{article.polarity:.2f}", str(article.words)),))]
