"""Reporting cues in a parsed sentence: the cue clause ("he said", "according to Ms. Yau") and
the content around it.

Works by position over the dependency parse rather than by trusting one attachment, because
the small parser attaches a trailing "he said" in several ways: the cue clause is the verb, its
speaker's words and the adjuncts that hang off the verb ("on Friday", "told Reuters"); the
content is what the sentence holds on either side of it. A left side counts only when a comma
(or a mark) separates it from the cue ("..., he said"), a right side only when the verb governs it
("said (that) ...") or a comma opens it ("In this area, he said, China ...").
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsgraph.extract import lexicon
from newsgraph.extract.lemmas import forms
from newsgraph.extract.quotes.marks import is_mark
from newsgraph.extract.quotes.speakers import can_speak, speaker_words
from newsgraph.model import EntityIndex

ADJUNCT_DEPS = frozenset({"prep", "npadvmod", "advmod", "dative", "agent", "prt", "dobj"})
LEFT_VERB_DEPS = frozenset({"aux", "auxpass", "advmod", "neg"})
INVERTED_DEPS = frozenset({"dobj", "attr", "npadvmod", "nsubj", "appos", "oprd", "conj"})
BORROWED_SUBJECT = frozenset({"advcl", "conj", "xcomp"})
NO_LEFT_CONTENT = frozenset({"advcl", "relcl", "acl", "xcomp", "pcomp"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
OBJECT_DEPS = CLAUSE_DEPS | {"dobj", "prep", "attr", "oprd", "advcl", "acomp"}
ADDRESSEE_VERBS = frozenset({"tell", "ask", "inform", "assure", "remind", "warn", "urge"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
RELATIVES = frozenset({"who", "whose", "whom"})
COPULAS = frozenset({"is", "was", "are", "were", "remains", "remained"})
SUBORDINATORS = frozenset({"as", "while", "when", "where", "after", "before", "because", "since", "though",
                          "although", "whereas", "until", "whose"})
EDGE_WORDS = frozenset({"that", ":", ";", ",", "—", "–", "-"})


@dataclass(frozen=True, slots=True)
class Cue:
    """One reporting cue: word(s), speaker head, the clause's token range and the content ranges."""

    word: str                          # as written: "said", "according to"
    verb: int                          # token index of the cue word
    speaker: int                       # token index of the speaker's head
    clause: tuple[int, int]            # token range of the cue clause
    parts: tuple[tuple[int, int], ...]  # token ranges of the content, in order
    content_first: bool                # content before the cue: direct speech word order
    source: bool = False               # a source phrase ("according to"), not a reporting verb

    @property
    def content_after(self) -> bool:
        """Whether content follows the cue clause ("said that ..."), so it cannot close a quote before it."""
        return any(start >= self.clause[1] for start, _ in self.parts)


@dataclass(frozen=True, slots=True)
class ReportingVerb:
    lemma: str
    particle: str | None       # "out" of "point out"
    takes_object: bool         # its object is content ("described X as Y"), not just its clause
    belief: bool = False       # an opinion verb: a cue only with a clause and a known speaker
    frame: bool = False        # a cue only with a complement beyond a bare object ("called X a Y")


@lru_cache(maxsize=1)
def _verbs() -> dict[str, list[ReportingVerb]]:
    """Inflected form -> the lexicon entries it can be."""
    entries = []
    for line in lexicon.words("reporting_verbs"):
        words = line.split()
        particle = next((w for w in words[1:] if not w.startswith("+")), None)
        entries.append(ReportingVerb(words[0], particle, "+object" in words, "+belief" in words, "+frame" in words))
    inflected = forms(frozenset(e.lemma for e in entries), "VERB")
    found: dict[str, list[ReportingVerb]] = {}
    for form, lemma in inflected.items():
        found[form] = [e for e in entries if e.lemma == lemma]
    return found


@lru_cache(maxsize=1)
def _cue_words(role: str) -> frozenset[str]:
    return frozenset(r["phrase"].lower() for r in lexicon.rows("quote_cues") if r["role"] == role)


def connectives() -> frozenset[str]:
    return _cue_words("connective")


def units(doc: Doc, paragraph_of: Callable[[int], int]) -> list[Span]:
    """Sentences, re-joined where the parser split inside one ("Road [in the region] was ..."),
    split where it ran two together ("... 2007.  This is ...": a lone full stop, then a capital)."""
    found: list[Span] = []
    pieces = (piece for s in doc.sents for run in _split_paragraphs(s, paragraph_of) for piece in _split_run_on(run))
    for sent in pieces:
        if found and _unfinished(found[-1]) and paragraph_of(found[-1].start_char) == paragraph_of(sent.start_char):
            found[-1] = doc[found[-1].start:sent.end]
        else:
            found.append(sent)
    return found


def _split_paragraphs(sent: Span, paragraph_of: Callable[[int], int]) -> list[Span]:
    """A sentence never runs over a paragraph break, whatever the parser made of it."""
    pieces, start = [], sent.start
    for token in sent[1:]:
        if not token.is_space and paragraph_of(token.idx) != paragraph_of(sent.doc[start].idx):
            pieces.append(sent.doc[start:token.i])
            start = token.i
    pieces.append(sent.doc[start:sent.end])
    return [p for p in pieces if len(p) and not all(t.is_space for t in p)]


def _split_run_on(sent: Span) -> list[Span]:
    doc, pieces, start = sent.doc, [], sent.start
    for token in sent[:-1]:
        if token.text in {".", "!", "?"} and token.i + 1 > start:
            nxt = next((t for t in doc[token.i + 1:sent.end] if not t.is_space), None)
            if nxt is not None and (nxt.is_title or nxt.is_upper) and not is_mark(nxt.text) and nxt.i < sent.end:
                pieces.append(doc[start:nxt.i])
                start = nxt.i
    pieces.append(doc[start:sent.end])
    return [p for p in pieces if len(p)]


def _unfinished(sent: Span) -> bool:
    tail = [t for t in sent if not (is_mark(t.text) or t.text in {")", "]"} or t.is_space)]
    return bool(tail) and tail[-1].text not in {".", "!", "?", "...", "…"} and not tail[-1].text.endswith(".")


def find_cues(unit: Span, entities: EntityIndex) -> list[Cue]:
    """Verb cues first (in parse order), then "according to" cues if no verb cue has content."""
    cues = [c for t in unit if (c := _verb_cue(t, unit, entities) or _nominal_cue(t, unit, entities)) is not None]
    if not any(c.parts for c in cues):
        cues += [c for c in _source_cues(unit, entities) if c is not None]
    return _outermost(cues)


def _outermost(cues: list[Cue]) -> list[Cue]:
    """A cue inside another cue's content is reported speech within speech: keep the outer one."""
    kept = []
    for cue in sorted(cues, key=lambda c: c.clause[1] - c.clause[0]):
        inside = any(s <= cue.verb < e for other in cues if other is not cue and other.parts
                     for s, e in other.parts)
        if not inside:
            kept.append(cue)
    return sorted(kept, key=lambda c: c.verb)


def _verb_cue(verb: Token, unit: Span, entities: EntityIndex) -> Cue | None:
    if not verb.tag_.startswith("VB") or _cancelled(verb):
        return None
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    entry = next((e for e in _verbs().get(verb.lower_, ()) if e.particle is None or e.particle in particles), None)
    if entry is None or not _shape_fits(verb, entry, entities):
        return None
    speaker = _subject(verb, entities, loose=not (entry.takes_object or entry.belief))
    return _build(verb, speaker, unit, entry) if speaker is not None else None


def _shape_fits(verb: Token, entry: ReportingVerb, entities: EntityIndex) -> bool:
    """What the verb governs makes it a cue: a clause for opinion verbs, a frame for "call", and
    never only a person ("the Senate confirmed Jane Doe as ambassador" reports no words)."""
    clause = any(c.dep_ in CLAUSE_DEPS for c in verb.children)
    if entry.belief:
        return any(c.dep_ == "ccomp" for c in verb.children)
    if entry.frame and not (clause or any(c.dep_ in {"oprd", "xcomp"} for c in verb.children)):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if entry.takes_object and not clause and objects and not entry.frame:
        entity = entities.at(objects[0].idx, objects[0].idx + len(objects[0]))
        return entity is None or entity.type != "PERSON"
    return True


def _cancelled(verb: Token) -> bool:
    """Negated ("did not say"), refused ("declined to comment"), a modifier ("the said deal") or a
    name ("Edward Said": a capital inside a sentence that is not in title case)."""
    if any(c.dep_ == "neg" for c in verb.children) or verb.dep_ in {"amod", "acl", "compound"}:
        return True
    if verb.text[0].isupper() and not verb.is_sent_start and not _title_case(verb.sent):
        return True
    refusals = forms(_cue_words("refusal"), "VERB")
    return verb.dep_ == "xcomp" and verb.head.lower_ in refusals


def _title_case(sent: Span) -> bool:
    """A headline written in title case ("Clinton Says She Will Win"), where capitals mean nothing."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return bool(words) and sum(t.text[0].isupper() for t in words) / len(words) > 0.6


def _subject(verb: Token, entities: EntityIndex, loose: bool = False) -> Token | None:
    """The speaker head of a reporting verb. `loose`: a verb whose content can only be a clause
    ("said (that) ...") takes any common noun as its subject ("the self-described socialist said");
    one whose object is content too ("predicted the collapse") only a known speaker."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ in BORROWED_SUBJECT:
        subject = _borrowed_subject(verb)
    if subject is None and _after_break(verb):
        subject = next((c for c in verb.rights if c.dep_ in INVERTED_DEPS
                        and (c.pos_ == "PROPN" or entities.at(c.idx, c.idx + len(c)))), None)
    if subject is None:
        return None
    return subject if can_speak(subject, entities) or (loose and subject.pos_ == "NOUN") else None


def _borrowed_subject(verb: Token) -> Token | None:
    """"He insisted that both sides stop, telling the government ...": a participle hanging inside
    a reported clause takes the subject of the reporting verb above it, not of the clause."""
    if verb.tag_ == "VBG":
        for ancestor in verb.ancestors:
            if ancestor.lower_ in _verbs():
                found = next((c for c in ancestor.children if c.dep_ == "nsubj"), None)
                if found is not None:
                    return found
    return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)


def _after_break(token: Token) -> bool:
    prev = token.doc[token.i - 1] if token.i > 0 else None
    return prev is not None and (prev.text in {",", ":"} or is_mark(prev.text))


def _build(cue: Token, speaker: Token, unit: Span, verb: ReportingVerb | None) -> Cue:
    start, end = _clause(cue, speaker, unit, addressee=verb is not None and verb.lemma in ADDRESSEE_VERBS)
    left = _trimmed(unit.doc, unit.start, start)
    deps = OBJECT_DEPS if verb is None or verb.takes_object else CLAUSE_DEPS
    right = _trimmed(unit.doc, end, _participle_cut(unit.doc, end, _reported_end(cue, end, unit, deps)))
    right_ok = bool(right) and (_governs(cue, right, deps) or _opens(unit, end) and not _subordinate(unit.doc, right)) \
        and not _participle(cue, right)
    left_ok = bool(left) and _after_break(unit.doc[start]) and cue.dep_ not in NO_LEFT_CONTENT \
        and (_finite_in(unit.doc, left) or (right_ok and _opens(unit, end)))
    parts = tuple(p for p, ok in ((left, left_ok), (right, right_ok)) if ok and p)
    return Cue(cue.text, cue.i, speaker.i, (start, end), parts, content_first=left_ok)


def _clause(cue: Token, speaker: Token, unit: Span, addressee: bool) -> tuple[int, int]:
    s0, s1 = speaker_words(speaker)
    s1 = _extend_right(speaker, s1, {"prep"})
    borrowed = speaker.head.i != cue.i and speaker not in cue.rights
    start = cue.i if borrowed else min(s0, cue.i)
    for child in reversed(list(cue.lefts)):  # "has also said": adjacent auxiliaries and adverbs only
        if child.dep_ in LEFT_VERB_DEPS and child.right_edge.i == start - 1:
            start = child.left_edge.i
    end = cue.i + 1 if borrowed else max(s1, cue.i + 1)
    deps = ADJUNCT_DEPS if addressee else ADJUNCT_DEPS - {"dobj"}
    if _has_complement_elsewhere(cue, end) or _after_break(unit.doc[start]):
        end = _extend_right(cue, end, deps)
    end = _appositives(unit, end)
    return start, min(end, unit.end)


def _reported_end(cue: Token, end: int, unit: Span, deps: frozenset[str]) -> int:
    """Where the content after the cue ends: with the clause the cue governs ("said X" stops before
    ", but did not say Y" or "and 40 percent said Z"), or with the sentence when a comma opens it."""
    governed = [c.right_edge.i + 1 for c in cue.rights if c.i >= end and c.dep_ in deps]
    if not governed or _opens(unit, end):
        return unit.end
    return min(unit.end, max(governed))


def _participle_cut(doc: Doc, start: int, end: int) -> int:
    """Content stops before ", arguing that ..." or ", citing ...": a participle clause after a
    comma is the writer's framing (or a cue of its own), not the reported words."""
    for token in doc[start + 1:end]:
        if token.tag_ == "VBG" and doc[token.i - 1].text == "," and token.dep_ in {"advcl", "xcomp", "conj"}:
            return token.i - 1
        if token.dep_ == "cc" and any(c.dep_ == "conj" and c.i > token.i and c.lower_ in _verbs() and _finite(c)
                                      for c in token.head.children):
            return token.i  # "... but did not say when": a second statement about the first
    return end


def _finite(verb: Token) -> bool:
    """"did not say", "said": a verb with a tense of its own, not an infinitive ("to do and say")."""
    return verb.tag_ in FINITE_TAGS or any(c.dep_ in {"aux", "neg"} and c.tag_ in FINITE_TAGS for c in verb.children)


def _extend_right(head: Token, end: int, deps: set[str] | frozenset[str]) -> int:
    """Swallow the head's adjacent right children of the given kinds ("on Friday", "of Johns Hopkins")."""
    for child in head.rights:
        if child.dep_ in deps and child.left_edge.i <= end and not _has_finite(child):
            end = max(end, child.right_edge.i + 1)
    return end


def _has_complement_elsewhere(cue: Token, end: int) -> bool:
    return any(c.dep_ in {"ccomp", "parataxis"} for c in cue.children) or cue.dep_ in {"ccomp", "parataxis"} \
        or any(c.i < cue.i and c.dep_ in {"ccomp"} for c in cue.children)


def _appositives(unit: Span, end: int) -> int:
    """", a senior researcher at Y" after an inverted cue belongs to the cue clause, not the content."""
    doc = unit.doc
    for _ in range(2):
        if end >= unit.end or doc[end].text != ",":
            return end
        stop = next((t.i for t in doc[end + 1:unit.end] if t.text == ","), unit.end)
        segment = doc[end + 1:stop]
        relative = segment and segment[0].lower_ in RELATIVES  # ", who heads the bank"
        # ", an economist who served as director": finite verbs after a relative word are its clause
        head_words = next((segment[:t.i - segment.start] for t in segment if t.lower_ in RELATIVES), segment)
        if not segment or not relative and (any(t.tag_ in FINITE_TAGS for t in head_words) or segment[0].pos_ not in {
                "DET", "ADJ", "NOUN", "PROPN", "NUM"}):
            return end
        end = stop
    return end


def _subordinate(doc: Doc, part: tuple[int, int]) -> bool:
    """"..., said X, as the others applauded": a clause of circumstance after the cue, not content."""
    return doc[part[0]].lower_ in SUBORDINATORS


def _participle(cue: Token, part: tuple[int, int] | None) -> bool:
    """"..., he said, adding that ...": the participle is a cue of its own, not this cue's content."""
    first = cue.doc[part[0]] if part else None
    return first is not None and first.tag_ == "VBG" and first.head.i == cue.i


def _opens(unit: Span, i: int) -> bool:
    """Whether a comma, colon or mark right at token i opens what follows the cue clause."""
    return i < unit.end and (unit.doc[i].text in {",", ":"} or is_mark(unit.doc[i].text))


def _has_finite(token: Token) -> bool:
    return any(t.tag_ in FINITE_TAGS for t in token.subtree)


def _finite_in(doc: Doc, part: tuple[int, int]) -> bool:
    """A finite verb makes a statement; "Speaking to the BBC," before the cue is a frame, not content."""
    return any(t.tag_ in FINITE_TAGS for t in doc[part[0]:part[1]])


def _governs(cue: Token, part: tuple[int, int], deps: frozenset[str]) -> bool:
    return any(part[0] <= c.i < part[1] and c.dep_ in deps for c in cue.children)


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The range without punctuation, marks and a leading "that" at its edges."""
    while start < end and (doc[start].is_punct or is_mark(doc[start].text) or doc[start].lower_ in EDGE_WORDS
                           or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or is_mark(doc[end - 1].text) or doc[end - 1].is_space) \
            and doc[end - 1].text not in {"?", "!", ")", "]"}:
        end -= 1
    return (start, end) if end > start else None


def _nominal_cue(noun: Token, unit: Span, entities: EntityIndex) -> Cue | None:
    """"Trump's claim that ...", "the warning by the ministry that ...", "her view is that ...":
    a reporting noun, its holder (a possessive or "by"/"from"/"of" someone who can speak) and the
    clause that says what was claimed."""
    if noun.pos_ != "NOUN" or noun.lower_ not in forms(_cue_words("nominal"), "NOUN"):
        return None
    holder = next((c for c in noun.children if c.dep_ == "poss"), None) or next(
        (g for p in noun.children if p.dep_ == "prep" and p.lower_ in {"by", "from", "of"}
         for g in p.children if g.dep_ == "pobj"), None)
    if holder is None or not can_speak(holder, entities):
        return None
    clause = next((c for c in noun.children if c.dep_ in {"acl", "ccomp"}
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is None and noun.dep_ == "nsubj" and noun.head.lower_ in COPULAS:  # "her view is that ..."
        clause = next((c for c in noun.head.children if c.dep_ in {"ccomp", "attr"} and c.i > noun.i), None)
    if clause is None:
        return None
    part = _trimmed(unit.doc, clause.left_edge.i, min(clause.right_edge.i + 1, unit.end))
    if part is None:
        return None
    start = min(speaker_words(holder)[0], noun.i)
    return Cue(noun.text, noun.i, holder.i, (start, noun.i + 1), (part,), content_first=False, source=True)


def _source_cues(unit: Span, entities: EntityIndex) -> list[Cue | None]:
    """"according to X" (and the other source phrases): X speaks the rest of the sentence."""
    found = []
    lowers = [t.lower_ for t in unit]
    for phrase in _cue_words("source"):
        words = phrase.split()
        for i in range(len(lowers) - len(words)):
            if lowers[i:i + len(words)] == words:
                found.append(_source_cue(unit, unit.start + i, len(words), entities))
    return found


def _source_cue(unit: Span, first: int, size: int, entities: EntityIndex) -> Cue | None:
    doc = unit.doc
    after = first + size
    chunk = next((c for c in doc.noun_chunks if c.start == after), None)
    if chunk is None or chunk.root.lower_ in forms(_cue_words("source_noun"), "NOUN") or not can_speak(chunk.root, entities):
        return None
    end = _appositives(unit, _extend_right(chunk.root, chunk.end, {"prep"}))
    left, right = _trimmed(doc, unit.start, first), _trimmed(doc, end, unit.end)
    parts = tuple(p for p in (left, right) if p)
    word = doc[first:after].text
    return Cue(word, first, chunk.root.i, (first, end), parts, content_first=False, source=True) if parts else None
