"""Events in the 16 PLOVER categories, each with its actor, target, place, date and certainty.

A trigger is a verb or noun of `resources/plover_triggers.tsv` ("dispatched", "praised",
"protests"), or a light verb whose object is one ("offered verbal support", "signed a deal").
Its participants come from the parse of its own sentence: the clause's subject (or the subject
it inherits: "vowed to send", "urged Russia to withdraw", "its intention to sell"), objects and
prepositional objects, the owner of an event noun; words that are no name themselves are
resolved in `actors.py` (office nouns, pronouns, "we" in a quotation). Only for a known actor
whose clause names nobody acted on is the target the nearest other participant of the same
sentence. Participants are never borrowed from other sentences' events, which is where most
wrong rows of GDELT-style coders come from. Negated,
hypothetical, future and conditional events are kept but flagged, so nobody reads "would aim to",
"will not allow" or "without committing to intervene" as something that happened.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from newsgraph.extract.events import parse
from newsgraph.extract.events.actors import PARTICIPANTS, Actors
from newsgraph.extract.events.lexicon import Trigger, is_force, light_verbs, lemma, strongest, trigger_of
from newsgraph.extract.figures.dates import normalize_time
from newsgraph.extract.registry import Context, TableSection, register
from newsgraph.model import ArticleRecord, Entity, EntityIndex, Event, Quote

# Acts done by saying them: their date is the date of the statement that reports them.
SPOKEN = frozenset({"SUPPORT", "ACCUSE", "REJECT", "THREATEN", "REQUEST"})
RECIPROCAL = frozenset({"COOPERATE", "CONSULT", "AGREE"})   # "Russia and China collaborate"
# Acts that move one's own forces: their passive subject's owner acts ("Thai troops were pulled
# back" -> Thailand), unlike acts done to forces ("Thai troops were captured").
FORCE_MOVES = frozenset({"MOBILIZE", "RETREAT"})
NOMINAL_ACTOR_PREPS = ("by",)
LIGHT_VERB_PREPS = ("to", "on")
PROTEST_SITE_PREPS = ("outside", "at")
UNSPECIFIC = frozenset({"any", "all", "every", "no", "a", "an", "some"})
# Nominals of intransitive acts take their actor after "of": "the withdrawal of Israeli troops".
# So do those of acts done for someone: "with the support of Argentina", "at the request of Mali".
OF_IS_ACTOR = frozenset({"RETREAT", "PROTEST", "MOBILIZE", "SUPPORT", "AID", "REQUEST", "CONSULT"})
# Encounters that set the scene of a clause: "Bush said during a meeting with Blair that ..." is
# Bush meeting Blair.
SETTINGS = frozenset({"CONSULT", "COOPERATE"})
SETTING_PREPS = frozenset({"during", "at", "after", "before", "following", "in", "on", "ahead"})


@dataclass(frozen=True, slots=True)
class Found:
    """A trigger located in the parse: the words that name it and the token its clause hangs on."""

    category: str
    words: tuple[Token, ...]          # "offered" + "support"; "dispatched"
    anchor: Token                     # the verb (or noun) whose dependents are the participants
    noun: Token | None                # the event noun of a light verb or a nominal trigger
    nominal: bool


@dataclass(frozen=True, slots=True)
class Parties:
    """Resolved participants with the tokens that named them (for the span) and how directly."""

    actors: tuple[Entity | None, ...]
    targets: tuple[Entity | None, ...]
    location: Entity | None
    tokens: tuple[Token, ...]
    certainty: float                  # 1.0 when read straight off subject and object
    mutual: bool = False              # "clashes between A and B": each acts on the other


def _word_span(words: Sequence[Token]) -> tuple[int, int]:
    return min(w.idx for w in words), max(w.idx + len(w.text) for w in words)


def find_triggers(doc: Doc) -> Iterator[Found]:
    """Verbal triggers first (light verbs claim their object nouns), then nominal ones."""
    claimed: set[int] = set()
    for token in doc:
        if token.pos_ == "VERB":
            for found in _verbal(token):
                # "ratified the treaty", "lifted the sanctions": the verb's event, not a second one
                claimed.update(c.i for c in token.children if c.dep_ == "dobj" and not parse.preps(c, ("between",)))
                claimed.update([found.noun.i] if found.noun is not None else [])
                yield found
    for token in doc:
        if token.pos_ == "NOUN" and token.i not in claimed:
            trig = trigger_of(token)
            if trig is not None:
                yield Found(trig.category, (token,), token, token, nominal=True)


def _verbal(verb: Token) -> list[Found]:
    if lemma(verb) in light_verbs():
        named = _light_objects(verb)
        if named:
            return named
    trig: Trigger | None = trigger_of(verb)
    if trig is None:
        return []
    particles = tuple(c for c in verb.children if c.dep_ == "prt")
    return [Found(trig.category, (verb, *particles), verb, None, nominal=False)]


def _light_objects(verb: Token) -> list[Found]:
    """Event nouns a light verb takes: its object and the objects coordinated with it ("imposed a
    travel ban and an asset freeze"), else the object of "to"/"on" ("committed to an arms package")."""
    obj = parse.child(verb, "dobj", "nsubjpass")
    for nouns in (parse.conjuncts(obj), parse.preps(verb, LIGHT_VERB_PREPS)):
        found = [Found(trig.category, (verb, noun), verb, noun, nominal=False)
                 for noun in nouns if noun.pos_ == "NOUN" and (trig := trigger_of(noun)) is not None]
        if found:
            return found
    return []


def _resolved(tokens: Sequence[Token], index: EntityIndex) -> list[tuple[Token, Entity]]:
    pairs = [(t, parse.entity_of(t, index, PARTICIPANTS)) for t in tokens]
    return [(t, e) for t, e in pairs if e is not None]


def _actors_of(tokens: Sequence[Token], actors: Actors) -> list[tuple[Token, Entity]]:
    pairs = [(t, actors.of(t)) for t in tokens]
    return [(t, e) for t, e in pairs if e is not None]


def verbal_parties(found: Found, index: EntityIndex, actors: Actors) -> Parties:
    verb = found.anchor
    doers, inherited = _verbal_doers(verb, index, actors)
    candidates = _target_words(found)
    moved = found.category in FORCE_MOVES and not doers and parse.is_passive(verb)
    force = parse.child(verb, "nsubjpass") if moved else None
    if force is not None and is_force(force):       # "Russian troops were sent into Georgia"
        doers = _actors_of([force], actors)
        candidates = [c for c in candidates if c != force] if doers else candidates
    doing = [e for _, e in doers]
    place = next(filter(None, (parse.location_of(t, index) for t in (verb, found.noun, *candidates)
                               if t is not None)), None)   # "the embassy in Kabul was attacked"
    targets, certainty = _first_targets(candidates, index, actors, doing), 1.0 - 0.1 * inherited
    if not targets:                   # "threatened to impose sanctions on Iran", "agreed to restore ties with"
        targets = _first_targets(parse.complement_targets(verb), index, actors, doing)
    if not targets and doers and parse.purpose_of(verb) is not None:   # "wrote to the French authorities to ask for"
        targets = _first_targets(parse.verb_targets(parse.purpose_of(verb)), index, actors, doing)
    if not targets and doers and not (found.category in RECIPROCAL and len(doers) > 1):
        targets, certainty = _weaker_targets(verb, doers, place, index), certainty - 0.15
    return _parties(doers, targets, place, certainty)


def _verbal_doers(verb: Token, index: EntityIndex, actors: Actors) -> tuple[list[tuple[Token, Entity]], bool]:
    """The verb's actors and whether they were inherited from a governing clause."""
    subject, inherited = parse.subject_of(verb)
    if subject is not None and subject.pos_ == "PRON":
        bound = parse.bound_antecedent(subject, index)
        subject, inherited = (bound, True) if bound is not None else (subject, inherited)
    doers = _actors_of(parse.conjuncts(subject), actors)
    if not doers and inherited:       # the nearest governing subject names nobody: look further up
        doers = next(filter(None, (_actors_of(parse.conjuncts(s), actors)
                                   for s in parse.inherited_subjects(verb))), [])
    if not doers and verb.dep_ == "advcl" and verb.tag_ == "VBG":
        # "He insisted that both sides end it, telling Beijing to stop": a trailing participle
        # the parser hung on the nearest verb belongs to the sentence's main clause
        doers = _actors_of(parse.conjuncts(parse.child(verb.sent.root, "nsubj")), actors)
    return doers, inherited


def _target_words(found: Found) -> list[Token]:
    """Words that may name the target, best first: the verb's objects, then its event noun's."""
    verb = found.anchor
    candidates = [c for c in parse.verb_targets(verb) if c != found.noun]
    if found.noun is not None:
        candidates += parse.preps(found.noun, parse.NOMINAL_TARGET_PREPS)
    if found.category == "PROTEST":   # "protested outside the US embassy": who the protest is at
        candidates += [t for w in (verb, found.noun) if w is not None for t in parse.preps(w, PROTEST_SITE_PREPS)]
    return candidates


def _weaker_targets(verb: Token, doers: Sequence[tuple[Token, Entity]], place: tuple[Token, Entity] | None,
                    index: EntityIndex) -> list[tuple[Token, Entity]]:
    """For a known actor only: an entity inside the object phrase, else (with no place and an
    object that is not somebody unnamed) the nearest other participant of the sentence."""
    targets = [t for t in _fallback_target(verb, index) if place is None or t[1] != place[1]]
    if targets or place is not None or _unspecific_object(verb):
        return targets
    own = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge)) for t, _ in doers]
    return _sentence_target(verb, [e for _, e in doers], own, index)


def _sentence_target(anchor: Token, doing: Sequence[Entity], own: Sequence[tuple[int, int]],
                     index: EntityIndex) -> list[tuple[Token, Entity]]:
    """The weakest reading, for a known actor whose clause names nobody acted on: the nearest other
    participant of the same sentence, words after the trigger first ("Ecuador sent troops to its
    border" in a sentence about Colombia). The sentence, never its neighbours."""
    sent, doc = anchor.sent, anchor.doc
    found = []
    for (start, end), entity in index.mentions_in(sent.start_char, sent.end_char):
        if entity in doing or entity.type not in PARTICIPANTS or any(_same_side(entity, d) for d in doing):
            continue
        if any(low <= start < high for low, high in own):
            continue                  # "Venezuelan president Hugo Chávez urged": his own side
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or _attributes(span.root):
            continue
        after = span.start > anchor.i
        found.append(((not after, abs(span.start - anchor.i)), span.root, entity))
    return [(token, entity) for _, token, entity in sorted(found, key=lambda f: f[0])[:1]]


def _unspecific_object(verb: Token) -> bool:
    """"opposes any attempt to ...", "opposes outside forces creating unrest": the clause says what
    is acted on, and it is nobody the article names."""
    objects = [c for c in verb.children if c.dep_ == "dobj" and not is_force(c)]
    subjects = [s for c in verb.children if c.dep_ == "ccomp" for s in c.children if s.dep_ == "nsubj"]
    return any(o.pos_ == "NOUN" for o in subjects) or any(o.pos_ == "NOUN" and (
        o.tag_ == "NNS" or any(d.dep_ == "det" and d.lower_ in UNSPECIFIC for d in o.children)) for o in objects)


def _attributes(token: Token) -> bool:
    """Whether the word names the source of the report ("according to Xinhua"), not a party to it."""
    return any(a.lower_ == "according" for a in token.ancestors)


def _same_side(one: Entity, other: Entity) -> bool:
    """A person and the state they belong to are one side, not actor and target."""
    return bool(one.country) and one.country == other.country


def _first_targets(candidates: Sequence[Token], index: EntityIndex, actors: Actors | None = None,
                   doing: Sequence[Entity] = ()) -> list[tuple[Token, Entity]]:
    named = [t for t in candidates if parse.named(t, index)]   # "call on Livni, Kadima party leader"
    for token in [*named, *(t for t in candidates if t not in named)]:
        found = _resolved(parse.conjuncts(token), index)
        if not found and actors is not None:
            found = [(token, e) for e in [actors.target(token, doing)] if e is not None]
        if found:
            return found
    return []


def _fallback_target(verb: Token, index: EntityIndex) -> list[tuple[Token, Entity]]:
    """An entity inside an object phrase: "supports all efforts that will help the Kazakh ..."."""
    objects = [c for c in verb.children if c.dep_ == "dobj"] + parse.preps(verb, (*parse.TARGET_PREPS, "for"))
    for obj in objects:
        found = parse.entity_within(obj, index)
        if found is not None and found.type in PARTICIPANTS:
            return [(obj, found)]
    return []


def nominal_parties(found: Found, index: EntityIndex, actors: Actors) -> Parties:
    noun = found.anchor
    if _manner_adjunct(noun):         # "burned shops in protest of China's rule": the clause's subject acts
        return _adjunct_parties(found, index, actors)
    place = parse.location_of(noun, index, deep=True)
    if place is None and noun.dep_ in {"nsubj", "nsubjpass"}:
        place = parse.location_of(noun.head, index)     # "protests erupted in Almaty"
    between = parse.preps(noun, ("between",))
    if between:                       # "talks between China and Russia"
        pairs = _resolved(parse.conjuncts(between[0]), index)
        return replace(_parties(pairs, (), place, 0.9), mutual=True)
    of_force = any(is_force(t) for t in parse.preps(noun, ("of",)))   # "the intrusion of Cambodian soldiers"
    by = NOMINAL_ACTOR_PREPS + (("of",) if found.category in OF_IS_ACTOR or of_force else ())
    own = parse.entity_of(noun, index)     # "the Russian intervention", "Russia's ...", "Taliban takeover"
    owner = parse.child(noun, "poss")
    if own is None and owner is not None and owner.pos_ == "PRON":
        bound = parse.bound_antecedent(owner, index)   # "during his visit to China, Macron ..."
        own = parse.entity_of(bound, index) if bound is not None else actors.of(owner)
    # "the attack on X by Y", and "a package for Gulf states announced by Rice and Gates"
    agents = [parse.pobj(a) for acl in noun.children if acl.dep_ == "acl" for a in acl.children if a.dep_ == "agent"]
    doers = [(noun, own)] if own is not None else _first_doers([*parse.preps(noun, by), *filter(None, agents)], actors)
    if not doers and found.category in SETTINGS and _sets_the_scene(noun):
        subject, _ = parse.subject_of(noun.head.head)
        doers = _actors_of(parse.conjuncts(subject), actors)
    target_preps = tuple(p for p in parse.NOMINAL_TARGET_PREPS if p not in by)
    objects = parse.preps(noun, target_preps)
    targets = _first_targets(objects, index) or _first_targets(   # "the threat of sanctions against Iran"
        [t for o in objects if o.pos_ == "NOUN" and trigger_of(o) is not None
         for t in parse.preps(o, parse.NOMINAL_TARGET_PREPS)], index)
    return _parties(doers, targets, place, 0.85)


def _sets_the_scene(noun: Token) -> bool:
    """"during a meeting with ...", "after talks with ...": an encounter the clause happens at."""
    head = noun.head
    return noun.dep_ == "pobj" and head.lower_ in SETTING_PREPS and head.head.pos_ in {"VERB", "AUX"}


def _manner_adjunct(noun: Token) -> bool:
    """"in protest of", "in retaliation for", "in support of": an event noun that says why the
    clause's subject acted."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "in" and _clause_verb(noun) is not None and not any(
        c.dep_ in {"det", "poss"} for c in noun.children)


def _clause_verb(token: Token) -> Token | None:
    """The verb whose clause a phrase belongs to, also when the parser hung the phrase on its
    object ("recalled its ambassador in protest of ...")."""
    return next((a for a in token.ancestors if a.pos_ in {"VERB", "AUX"}), None)


def _adjunct_parties(found: Found, index: EntityIndex, actors: Actors) -> Parties:
    noun = found.anchor
    verb = _clause_verb(noun)
    subject, _ = parse.subject_of(verb)
    doers = _actors_of(parse.conjuncts(subject), actors)
    doing = [e for _, e in doers]
    targets = _first_targets(parse.preps(noun, ("of", "against", "at", "for", "to", "over")), index, actors, doing)
    return _parties(doers, targets, parse.location_of(verb, index), 0.8)


def _first_doers(candidates: Sequence[Token], actors: Actors) -> list[tuple[Token, Entity]]:
    return next(filter(None, (_actors_of(parse.conjuncts(t), actors) for t in candidates)), [])


def _parties(actors: Sequence[tuple[Token, Entity]], targets: Sequence[tuple[Token, Entity]],
             place: tuple[Token, Entity] | None, certainty: float) -> Parties:
    tokens = [t for t, _ in (*actors, *targets)] + ([place[0]] if place else [])
    return Parties(actors=tuple(e for _, e in actors) or (None,),
                   targets=tuple(e for _, e in targets) or (None,),
                   location=place[1] if place else None, tokens=tuple(tokens), certainty=certainty)


def _pairs(category: str, parties: Parties) -> Iterator[tuple[Entity | None, Entity | None]]:
    """Actor-target pairs; coordinated actors of a reciprocal act are each other's targets."""
    actors = list(dict.fromkeys(parties.actors))
    if parties.targets == (None,) and (parties.mutual or category in RECIPROCAL) and len(actors) > 1:
        yield from ((a, b) for a in actors for b in actors if a is not b)
        return
    for actor in actors:
        for target in dict.fromkeys(parties.targets):
            yield actor, (None if target is actor else target)


def _date(found: Found, published: str | None) -> tuple[str | None, str | None]:
    """(date, source): the sentence's own date expression ("on Thursday", "last month", "in 2003")
    read against the publication date, else the publication date marked "article"."""
    value = next(filter(None, (normalize_time(phrase, published) for phrase in _date_phrases(found))), None)
    if value is not None:
        return value.value, "text"
    return (published[:10], "article") if published else (None, None)


def _date_phrases(found: Found) -> Iterator[str]:
    """Date phrases of the trigger's clause, nearest first: its own, then the verb a nominal trigger
    or an infinitive hangs on ("protests erupted on Sunday", "agreed in April to resume"), then
    the statement that reports a spoken act ("said on Friday that China supports ...")."""
    anchor = found.anchor
    nodes = [anchor, *([found.noun] if found.noun is not None and not found.nominal else [])]
    if found.nominal and anchor.dep_ in {"nsubj", "nsubjpass", "dobj"}:
        nodes.append(anchor.head)
    if anchor.dep_ in {"xcomp", "conj"} or (found.category in SPOKEN and anchor.dep_ == "ccomp"):
        nodes.append(anchor.head)
    for node in nodes:
        phrase = parse.date_phrase(node)
        if phrase is not None:
            yield phrase
    phrase = parse.clause_date(anchor) if not found.nominal else None
    if phrase is not None:
        yield phrase


def _confidence(found: Found, parties: Parties, actor: Entity | None, target: Entity | None) -> float:
    score = (0.65 if found.nominal else 0.8) * parties.certainty
    score += 0.1 if actor is not None and target is not None else 0.0
    return round(max(0.2, min(score, 0.95)), 2)


def events_of(doc: Doc, index: EntityIndex, published: str | None, quotes: Sequence[Quote] = ()) -> list[Event]:
    """Every event of the article, in text order, ids v1, v2, ...

    An event is an edge of the graph: it is kept only when someone (a target) or somewhere (a
    location) is acted on; "the Russian intervention" alone names an actor and nothing else.
    """
    events: dict[tuple, Event] = {}
    actors = Actors(doc, index, quotes)
    for found in sorted(find_triggers(doc), key=lambda f: f.anchor.i):   # text order: pronouns look back
        if parse.named(found.anchor, index):
            continue                   # "the Good Friday Agreement" names a treaty (signing it is an event)
        parties = (nominal_parties if found.nominal else verbal_parties)(found, index, actors)
        negated, effects = parse.modality(
            found.anchor, lambda subject: parse.entity_of(subject, index) in (parties.actors if any(parties.actors) else ()))
        date, source = _date(found, published)
        start, end = _word_span((*found.words, *parties.tokens))
        for actor, target in _pairs(found.category, parties):
            if target is None and parties.location is None:
                continue               # an event is an edge: someone or somewhere is acted on
            key = (found.category, actor and actor.id, target and target.id, found.anchor.i)
            events.setdefault(key, Event(
                id="", action=found.category, actor=actor and actor.id, target=target and target.id,
                location=parties.location and parties.location.id, date=date,
                trigger=" ".join(w.text for w in found.words), negated=negated,
                modality=strongest(effects), span=(start, end),
                confidence=_confidence(found, parties, actor, target), date_source=source))
    ordered = sorted(events.values(), key=lambda e: e.span)
    return [replace(e, id=f"v{n}") for n, e in enumerate(ordered, start=1)]


@register
class PloverEvents:
    name = "events.plover.v1"
    section = "events"
    requires: tuple[str, ...] = ("quotes",)     # "I appeal to ..." in a quotation: its speaker acts

    def extract(self, doc: Doc, context: Context) -> list[Event]:
        return events_of(doc, context.entities, context.document.published, context.section("quotes"))

    def table(self, record: ArticleRecord) -> list[TableSection]:
        if not record.events:
            return []
        name = {e.id: e.name for e in record.entities}
        rows = tuple(
            (_shown_date(e), name.get(e.actor or "", ""), e.action, name.get(e.target or "", ""),
             name.get(e.location or "", ""), e.trigger, _flags(e))
            for e in sorted(record.events, key=lambda e: (e.date is None, e.date or "", e.span)))
        return [TableSection("Events", ("date", "actor", "action", "target", "location", "trigger", "flags"),
                             rows)]


def _shown_date(event: Event) -> str:
    """The date, marked when only the article's publication date stands in for it."""
    return f"{event.date} (article)" if event.date and event.date_source == "article" else event.date or ""


def _flags(event: Event) -> str:
    flags = ["negated"] if event.negated else []
    if event.modality != "asserted":
        flags.append(event.modality)
    return ", ".join(flags)
