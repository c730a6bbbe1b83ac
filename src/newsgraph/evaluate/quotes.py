"""Scoring quote attribution against PolNeAR-style gold: content overlap, speaker, end to end.

Offsets are not compared (system and gold may segment the text differently). A system quote
matches a gold quote when their word multisets overlap: |common| / |gold| and |common| /
|system| must both reach the threshold. Matching is one-to-one and greedy per article: highest
overlap first, ties broken by a correct speaker, then by nearer start offsets.

Speaker correct: the gold speaker shares a content word (function words, honorifics and titles
ignored: resources/speaker_ignore.txt) with the system speaker's entity name, an alias or its
speaker_text; a gold speaker made only of such words ("he") compares on its words as written.
A gold quote without a speaker is rightly attributed only by a system quote without one.

Views: `all`; `direct` (gold content holds quotation marks); `speech` (the gold cue is a verb
of saying). Recall counts the view's gold quotes; precision counts the system quotes matched
to the view's gold plus the unmatched ones (in `direct`, only unmatched ones the system
presents as direct), so a system quote matching gold outside the view is neither right nor
wrong there. End to end: a true positive needs the match and the right speaker.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache

from newsgraph.evaluate.matching import Finding, has_quote_marks, one_line, sentence_at, tokens, word_list
from newsgraph.evaluate.polnear import GoldArticle, GoldQuote

DEFAULT_THRESHOLD = 0.5
ARTICLES = frozenset({"a", "an", "the"})


@cache
def _ignored_speaker_words() -> frozenset[str]:
    return frozenset(word_list("speaker_ignore.txt"))


def speaker_key(names: Iterable[str | None]) -> frozenset[str]:
    """The words a gold speaker must share with the system's: content words of `names`, else
    the words as written without articles; empty when there is no speaker."""
    words = {w for name in names if name for w in tokens(name)}
    return frozenset((words - _ignored_speaker_words()) or (words - ARTICLES))


@dataclass(frozen=True)
class ComparedQuote:
    bag: Counter                 # content tokens as a multiset
    speaker: frozenset[str]      # gold: speaker_key; system: every word naming the speaker
    direct: bool
    speech: bool | None          # gold only
    start: int | None
    text: str
    size: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "size", sum(self.bag.values()))


def compared_gold(quote: GoldQuote) -> ComparedQuote:
    return ComparedQuote(Counter(tokens(quote.text)), speaker_key([quote.speaker]), quote.direct,
                         quote.speech, quote.start, quote.text)


def compared_system(record: dict) -> list[ComparedQuote]:
    text = (record.get("document") or {}).get("text") or ""
    entities = {e.get("id"): e for e in record.get("entities") or []}
    quotes = []
    for q in record.get("quotes") or []:
        span = q.get("span") or None
        content = q.get("text") or (text[span[0]:span[1]] if span else "")
        entity = entities.get(q.get("speaker")) or {}
        names = [entity.get("name"), *(entity.get("aliases") or []), q.get("speaker_text")]
        quotes.append(ComparedQuote(Counter(tokens(content)), frozenset(w for n in names if n for w in tokens(n)),
                                    _presented_direct(q, content, text), None,
                                    span[0] if span else None, content))
    return quotes


def _presented_direct(quote: dict, content: str, text: str) -> bool:
    """The system's kind, else quotation marks in or just around the content."""
    if quote.get("kind"):
        return quote["kind"] in ("direct", "mixed")
    span = quote.get("span")
    around = text[max(span[0] - 1, 0):span[1] + 1] if span else ""
    return has_quote_marks(content) or has_quote_marks(around)


def content_overlap(gold: ComparedQuote, system: ComparedQuote) -> float:
    if not gold.size or not system.size:
        return 0.0
    common = sum((gold.bag & system.bag).values())
    return min(common / gold.size, common / system.size)


def speaker_ok(gold: ComparedQuote, system: ComparedQuote) -> bool:
    return bool(gold.speaker & system.speaker) if gold.speaker else not system.speaker


def match(golds: list[ComparedQuote], systems: list[ComparedQuote], threshold: float) -> dict[int, int]:
    """Greedy one-to-one matching: {gold index: system index}."""
    pairs = []
    for i, g in enumerate(golds):
        for j, s in enumerate(systems):
            score = content_overlap(g, s)
            if score >= threshold:
                near = abs(g.start - s.start) if g.start is not None and s.start is not None else 0
                pairs.append((-score, not speaker_ok(g, s), near, i, j))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, _, _, i, j in sorted(pairs):
        if i not in matched and j not in used:
            matched[i] = j
            used.add(j)
    return matched


# view -> (gold quote in the view, unmatched system quote counted against the view)
VIEWS: dict[str, tuple[Callable[[ComparedQuote], bool], Callable[[ComparedQuote], bool]]] = {
    "direct": (lambda gold: gold.direct, lambda system: system.direct),
    "speech": (lambda gold: bool(gold.speech), lambda system: True),
    "all": (lambda gold: True, lambda system: True),
}


@dataclass
class ViewCounts:
    gold: int = 0
    system: int = 0
    matched: int = 0
    speaker_ok: int = 0

    def add(self, view: str, golds: list[ComparedQuote], systems: list[ComparedQuote],
            matched: dict[int, int]) -> None:
        in_gold, counts_against = VIEWS[view]
        hits = {i: j for i, j in matched.items() if in_gold(golds[i])}
        taken = set(matched.values())
        self.gold += sum(map(in_gold, golds))
        self.system += len(hits) + sum(counts_against(s) for j, s in enumerate(systems) if j not in taken)
        self.matched += len(hits)
        self.speaker_ok += sum(speaker_ok(golds[i], systems[j]) for i, j in hits.items())

    def metrics(self) -> dict:
        def prf(tp: int) -> tuple[float, float, float]:
            p = tp / self.system if self.system else 0.0
            r = tp / self.gold if self.gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        p, r, f = prf(self.matched)
        ep, er, ef = prf(self.speaker_ok)
        scores = {"precision": p, "recall": r, "f1": f,
                  "speaker_accuracy": self.speaker_ok / self.matched if self.matched else 0.0,
                  "e2e_precision": ep, "e2e_recall": er, "e2e_f1": ef}
        return {"gold": self.gold, "system": self.system, "matched": self.matched,
                "speaker_ok": self.speaker_ok, **{k: round(v, 4) for k, v in scores.items()}}


@dataclass(frozen=True)
class QuotesScore:
    threshold: float
    documents: int
    missing_documents: tuple[str, ...]
    views: Mapping[str, dict]
    findings: tuple[Finding, ...]

    def to_dict(self) -> dict:
        return {**self.views, "threshold": self.threshold, "documents": self.documents,
                "missing_documents": list(self.missing_documents)}


def score_quotes(gold_articles: Iterable[GoldArticle], records: Mapping[str, dict],
                 threshold: float = DEFAULT_THRESHOLD) -> QuotesScore:
    """Gold articles against records keyed by document id; an article without a record has
    all its quotes missed."""
    gold_articles = list(gold_articles)
    views = [v for v in VIEWS if v != "speech" or any(q.speech is not None for a in gold_articles for q in a.quotes)]
    counts = {v: ViewCounts() for v in views}
    findings: list[Finding] = []
    missing = []
    for article in gold_articles:
        record = records.get(article.id)
        if record is None:
            missing.append(article.id)
        golds = [compared_gold(q) for q in article.quotes]
        systems = compared_system(record or {})
        matched = match(golds, systems, threshold)
        for v in views:
            counts[v].add(v, golds, systems, matched)
        findings.extend(_findings(article, golds, systems, matched))
    return QuotesScore(threshold, len(gold_articles), tuple(missing),
                       {v: counts[v].metrics() for v in views}, tuple(findings))


def _findings(article: GoldArticle, golds: list[ComparedQuote], systems: list[ComparedQuote],
              matched: dict[int, int]) -> Iterator[Finding]:
    def context(quote: ComparedQuote) -> str:
        return sentence_at(article.text, quote.start, quote.start + 1) if quote.start is not None else ""

    for i, g in enumerate(golds):
        if i not in matched:
            yield Finding(article.id, "quotes", "missed", one_line(g.text), context(g))
        elif not speaker_ok(g, systems[matched[i]]):
            yield Finding(article.id, "quotes", "speaker wrong",
                          f"{one_line(g.text)} gold={sorted(g.speaker)} system={sorted(systems[matched[i]].speaker)}",
                          context(g))
    taken = set(matched.values())
    for j, s in enumerate(systems):
        if j not in taken:
            yield Finding(article.id, "quotes", "false positive", one_line(s.text), context(s))
