"""Stance of a speaker toward the actors a statement is about: support, oppose or neutral.

Two kinds of evidence, strongest first:
- a coded event whose actor takes a side ("Xi praised Tokayev": SUPPORT; "Iran condemned the
  strike": ACCUSE), scored by `resources/stance_actions.tsv`; a negated event is neutral;
- what a speaker says in a quote about an actor named in it: an event coded inside the quote,
  else a verb of the event lexicon that takes a side ("opposes outside forces"), else the
  sentiment lexicon (VADER, negation included) over the clause that names the actor.
Lexical sentiment alone is weak evidence of stance, so it is scaled down (`LEXICAL_WEIGHT`) and
most clauses come out neutral; the words that decided each stance are kept.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.events.lexicon import lemma, trigger_of
from newsgraph.extract.lexicon import rows
from newsgraph.extract.registry import Context, TableSection, register
from newsgraph.extract.stance.sentiment import compound, deciding_words, is_negator, valence
from newsgraph.model import ArticleRecord, Entity, Event, Quote, Stance

ACTOR_TYPES = frozenset({"PERSON", "ORG", "IGO", "COUNTRY", "GROUP"})
SIDE_THRESHOLD = 0.3       # |score| at or above this takes a side; below it is neutral
LEXICAL_WEIGHT = 0.6       # sentiment of a clause is weaker evidence than a coded event
NOT_FACTS = frozenset({"hypothetical", "conditional"})
# Event categories whose verb, said of its object, takes a side toward it in words ("we
# condemn", "they support"); giving, agreeing, working on or attacking something is not a
# stated stance toward the object ("supplied weapons", "attacked a store")
SPOKEN_SIDES = frozenset({"SUPPORT", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION"})
DENIALS = frozenset({"deny", "refute"})
HYPOTHETICAL_WORDS = frozenset({"would", "could", "might", "may", "if", "unless"})   # "denied that it had backed X": no stance toward X
STRONG_VALENCE = 2.0       # a verb this valenced (VADER: -4..4) takes a side by itself


@lru_cache(maxsize=1)
def action_scores() -> dict[str, float]:
    return {row["action"]: float(row["score"]) for row in rows("stance_actions")}


@lru_cache(maxsize=1)
def stance_verbs() -> dict[str, float]:
    return {row["verb"]: float(row["score"]) for row in rows("stance_verbs")}


def spoken_score(token: Token) -> float | None:
    """How far a verb said of its object takes a side toward it: its event category when that is
    one of SPOKEN_SIDES (another category, "attacked", "supplied", takes none), else the
    stance-verb list, else a strongly valenced verb of the sentiment lexicon ("slam")."""
    if token.pos_ != "VERB":
        return None
    trig = trigger_of(token)        # looked up once: the lexicon test is the costly part
    if trig is not None and trig.category not in SPOKEN_SIDES:
        return None
    if trig is not None and trig.category in action_scores():
        return action_scores()[trig.category]
    verb = lemma(token)
    if verb in stance_verbs():
        return stance_verbs()[verb]
    strength = valence(verb)
    return max(-1.0, min(1.0, strength / 3)) if abs(strength) >= STRONG_VALENCE else None


def side(score: float) -> str:
    if score >= SIDE_THRESHOLD:
        return "support"
    if score <= -SIDE_THRESHOLD:
        return "oppose"
    return "neutral"


def event_stance(event: Event, entities) -> Stance | None:
    """The stance an event shows, when it has an actor, a target and a side-taking action."""
    score = action_scores().get(event.action)
    if score is None or event.modality in NOT_FACTS or not event.actor or not event.target:
        return None
    if event.actor == event.target:
        return None
    target = entities.get(event.target)
    words = ("not", event.trigger) if event.negated else (event.trigger,)
    score = 0.0 if event.negated else score
    return Stance(holder=event.actor, target=event.target,
                  target_text=target.name if target else event.target, stance=side(score),
                  score=score, words=words, basis="event", evidence=event.id, span=event.span)


class QuoteReader:
    """Stances in one quote: toward each actor it names, and toward what its verbs take sides on."""

    def __init__(self, doc: Doc, context: Context, quote: Quote) -> None:
        self.doc, self.context, self.quote = doc, context, quote
        self.span = _span(doc, *quote.span)
        speaker = context.entities.get(quote.speaker)
        # the speaker and the bodies they speak for: a spokesman praising his own government
        # is the government's message, not a stance toward it
        self.own_side = {quote.speaker, *(r.of for r in (speaker.roles if speaker else ()) if r.of),
                         *(r.of for r in context.section("roles") if r.person == quote.speaker and r.of)}
        self.events = [e for e in context.section("events")
                       if quote.span[0] <= e.span[0] and e.span[1] <= quote.span[1]]

    def stances(self) -> Iterator[Stance]:
        if self.span is None or not self.quote.speaker:
            return
        named: set[str] = set()
        for (start, end), entity in self.context.entities.mentions_in(*self.quote.span):
            if entity.id in named or entity.id in self.own_side or entity.type not in ACTOR_TYPES:
                continue
            named.add(entity.id)
            yield self._toward(entity, start, end)
        yield from self._verb_objects(named)

    def _toward(self, entity: Entity, start: int, end: int) -> Stance:
        for event in self.events:
            score = action_scores().get(event.action)
            if event.target == entity.id and score is not None and event.actor in (None, self.quote.speaker):
                score = 0.0 if event.negated else score
                return self._stance(entity.id, entity.name, score, (event.trigger,), event.span)
        mention = _span(self.doc, start, end)
        said = _evaluation(mention.root) if mention is not None else []
        said = [t for t in said if self.span.start <= t.i < self.span.end]
        score = round(LEXICAL_WEIGHT * compound(" ".join(t.text for t in said)), 3) if said else 0.0
        words = deciding_words((t.text for t in said), score) if side(score) != "neutral" else ()
        sentence = mention.sent if mention is not None else self.span
        return self._stance(entity.id, entity.name, score, words,
                            (sentence.start_char, sentence.end_char))

    def _verb_objects(self, named: set[str]) -> Iterator[Stance]:
        """'opposes outside forces': a side-taking verb with an object that names no actor."""
        for token in self.span:
            score = spoken_score(token)
            obj = _object_of(token)
            if (score is None or obj is None or obj.like_num or obj.pos_ == "NUM"
                    or not self._speaker_acts(token) or _hypothetical(token)):
                continue
            phrase = self.doc[obj.left_edge.i:obj.i + 1]
            inside = self.context.entities.at(phrase.start_char, phrase.end_char)
            if inside is not None and (inside.id in named or inside.id in self.own_side):
                continue
            negated = (any(is_negator(c.text) for c in token.children if c.dep_ == "neg")
                       or any(lemma(a) in DENIALS for a in token.ancestors))
            score = 0.0 if negated else score
            words = tuple(c.text for c in token.children if c.dep_ == "neg") + (token.text,)
            yield self._stance(inside.id if inside else None, inside.name if inside else phrase.text,
                               score, words, (token.sent.start_char, token.sent.end_char))

    def _speaker_acts(self, verb: Token) -> bool:
        """The verb is the speaker's own: no subject of its own ("..., saying opposes"), a
        pronoun ("we oppose", "he supports") or the speaker's side named."""
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None or subject.pos_ == "PRON":
            return True
        named = self.context.entities.at(subject.idx, subject.idx + len(subject.text))
        return named is not None and named.id in self.own_side

    def _stance(self, target: str | None, text: str, score: float, words: tuple[str, ...],
                span: tuple[int, int]) -> Stance:
        return Stance(holder=self.quote.speaker, target=target, target_text=text, stance=side(score),
                      score=score, words=words, basis="quote", evidence=self.quote.id, span=span)


def _span(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens covering [start, end), or None for an empty, backwards or outside range
    (an upstream extractor's slip must not sink the article's stances)."""
    if not 0 <= start < end <= len(doc.text):
        return None
    return doc.char_span(start, end, alignment_mode="expand")


def _hypothetical(verb: Token) -> bool:
    """'I would be uneasy about supporting', 'if we back them': no stance taken yet."""
    for head in (verb, *verb.ancestors):
        if any(c.lower_ in HYPOTHETICAL_WORDS for c in head.children if c.dep_ in {"aux", "mark"}):
            return True
    return False


def _object_of(verb: Token) -> Token | None:
    """The direct object, or the subject of a small clause parsed as the complement
    ("opposes [outside forces creating unrest]")."""
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS:
            return child
    for child in verb.children:
        if child.dep_ == "ccomp" and child.tag_ == "VBG":
            return next((c for c in child.children if c.dep_ in SUBJECT_DEPS), None)
    return None


def _phrase_head(name: Token) -> Token:
    """'the government of X', "X's leaders": the noun the actor's name belongs to stands for it."""
    for _ in range(3):
        if name.dep_ == "poss" and name.head.pos_ in NOUNS:
            name = name.head
        elif (name.dep_ == "pobj" and name.head.lower_ == "of" and name.head.head.pos_ in NOUNS):
            name = name.head.head
        else:
            break
    return name


def _evaluation(name: Token) -> list[Token]:
    """The words that evaluate the actor named at `name`, by its place in the parse:
    what it is or does as a subject ("X is corrupt", "X betrayed us"), what is done to it as an
    object ("we condemn X"), the adjective or verb governing it ("critical of X"), with the
    negations and adverbs on them. Words elsewhere in the sentence do not count: a gloomy
    sentence that names an actor says nothing about the speaker's stance toward it."""
    name = _phrase_head(name)
    head = name.head
    words = [c for c in name.children if c.dep_ == "amod"]
    if name.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in EVALUATING_POS:
        head = head.head                                    # "critical of X", "praised for"
    elif name.dep_ in SUBJECT_DEPS:
        complements = [c for c in head.children if c.dep_ in COMPLEMENT_DEPS]
        if not complements:                                 # what X does is not how X is judged
            return sorted(words, key=lambda t: t.i)
        words.extend(t for c in complements for t in c.subtree)
    elif name.dep_ not in OBJECT_DEPS:
        return sorted(words, key=lambda t: t.i)
    words.extend([head, *(c for c in head.children if c.dep_ in MODIFIER_DEPS)])
    return sorted(set(words), key=lambda t: t.i)


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj"})
MODIFIER_DEPS = frozenset({"neg", "advmod", "aux"})
COMPLEMENT_DEPS = frozenset({"acomp", "attr", "oprd"})     # "X is corrupt", "X is a partner"
EVALUATING_POS = frozenset({"ADJ", "VERB"})
NOUNS = frozenset({"NOUN", "PROPN"})


@register
class StanceExtractor:
    name = "stances.rules.v1"
    section = "stances"
    requires = ("quotes", "events")

    def extract(self, doc: Doc, context: Context) -> list[Stance]:
        found = [s for e in context.section("events") if (s := event_stance(e, context.entities))]
        for quote in context.section("quotes"):
            found.extend(QuoteReader(doc, context, quote).stances())
        return _deduplicated(found)

    def table(self, record: ArticleRecord) -> list[TableSection]:
        if not record.stances:
            return []
        name = {e.id: e.name for e in record.entities}
        return [TableSection("Stances", ("holder", "stance", "toward", "score", "words", "basis"),
                             tuple((name.get(s.holder or "", s.holder or ""), s.stance,
                                    name.get(s.target or "", s.target_text), f"{s.score:+.2f}",
                                    " ".join(s.words), s.basis) for s in record.stances))]


def _deduplicated(stances: list[Stance]) -> list[Stance]:
    """One stance per (holder, target, evidence sentence): a quote and the event coded inside it
    often say the same thing."""
    kept: dict[tuple, Stance] = {}
    for stance in stances:
        key = (stance.holder, stance.target or stance.target_text.lower(), stance.span)
        if key not in kept or abs(stance.score) > abs(kept[key].score):
            kept[key] = stance
    return sorted(kept.values(), key=lambda s: s.span)
