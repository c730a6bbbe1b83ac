"""Who did what to whom, where, and how sure the sentence is: read from one clause's parse.

Participants come only from the trigger's own clause (its subject, objects, prepositional
objects, or the possessive and demonym modifiers of a nominal trigger) and are looked up in the
article's entity index, so an actor is never borrowed from elsewhere in the story.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence

from spacy.tokens import Span, Token

from newsgraph.extract.events.lexicon import causatives, cues, lemma
from newsgraph.model import Entity, EntityIndex
from newsgraph.model.records import PLACE_TYPES

# Prepositions whose object is a target or a place, in order of preference.
TARGET_PREPS = ("to", "against", "on", "upon", "with", "toward", "towards", "into", "from", "out", "away")
NOMINAL_TARGET_PREPS = ("against", "on", "upon", "to", "with", "of", "for", "over", "toward", "towards",
                        "into", "from")
LOCATION_PREPS = ("in", "at", "across", "inside", "within", "throughout", "near", "around", "outside",
                  "along")
RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
# Prepositional objects that control an infinitive: "called on Germany to send", "appealed to Iran to".
CONTROL_PREPS = ("on", "upon", "to", "with")
# Dependencies inside one noun phrase that can carry its entity: "the Kazakh authorities",
# "his counterpart, President Tokayev", "a Russian-led coalition", "Russia's intervention".
_PHRASE_DEPS = frozenset({"compound", "amod", "poss", "nmod", "appos", "flat", "npadvmod"})
_OTHER_CLAUSES = frozenset({"advcl", "parataxis", "punct", "cc", "conj"})
# Clause links a subject, a modality cue or a date is shared across.
_SHARED_SUBJECT = frozenset({"xcomp", "conj", "advcl", "pcomp", "prep", "acomp"})
# Links up which a pronoun is bound by the governing clause's subject: "Xi said he ...",
# "During his visit to China, Macron praised ...".
_BINDING = frozenset({"ccomp", "advcl", "conj", "xcomp", "prep", "pobj", "pcomp", "dobj"})
_SUBORDINATE = frozenset({"ccomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj"})
_NOUN_PATH = frozenset({"dobj", "pobj"})   # "focused its efforts on summoning ..."
_MODAL_PATH = frozenset({"xcomp", "ccomp", "advcl", "conj", "pcomp", "prep", "acomp", "dobj", "pobj",
                         "attr", "oprd", "appos", "dative"})


def named(token: Token, index: EntityIndex) -> bool:
    """Whether the word is part of a name ("the Good Friday Agreement"): a name is not an event."""
    return index.at(token.idx, token.idx + len(token.text)) is not None


def entity_of(token: Token | None, index: EntityIndex, types: frozenset[str] | None = None) -> Entity | None:
    """The entity a noun phrase headed by `token` names, nearest words first; pronouns name none."""
    if token is None or token.pos_ == "PRON":
        return None
    queue: deque[Token] = deque([token])
    while queue:
        word = queue.popleft()
        found = index.at(word.idx, word.idx + len(word.text))
        if found is not None and (types is None or found.type in types):
            return found
        queue.extend(c for c in word.children if c.dep_ in _PHRASE_DEPS)
    return None


def entity_within(token: Token, index: EntityIndex) -> Entity | None:
    """A weaker reading: the first entity inside the phrase, relative clauses included but not
    adverbial or complement clauses ("efforts that will help the Kazakh authorities")."""
    words, queue = [], deque([token])
    while queue:
        word = queue.popleft()
        words.append(word)
        queue.extend(c for c in word.children if c.dep_ not in _OTHER_CLAUSES and not _content_clause(c))
    for word in sorted(words, key=lambda w: w.i):
        found = index.at(word.idx, word.idx + len(word.text))
        if found is not None:
            return found
    return None


def _content_clause(word: Token) -> bool:
    """"claims that he had supplied the FARC": what the claim says, not who it is about (unlike
    "efforts that will help the Kazakh authorities", whose subject is the noun itself)."""
    if word.dep_ not in {"acl", "relcl", "ccomp"} or child(word, "mark") is None:
        return False                       # "help the Kazakh authorities restore calm" is no report
    subject = child(word, "nsubj", "nsubjpass")
    return subject is not None and subject.tag_ not in RELATIVE_TAGS


def pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)


def conjuncts(token: Token | None) -> list[Token]:
    """A word and the words coordinated with it: "China and Russia" -> [China, Russia]."""
    return [] if token is None else [token, *token.conjuncts]


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass", "agent"} for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN")   # agent: "while criticized by some leaders"


def child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def preps(token: Token, words: Sequence[str]) -> list[Token]:
    """Objects of `token`'s prepositions among `words`, in the order of `words`.

    A preposition without an object hands over its own: "pulled out of Afghanistan".
    """
    found = []
    for c in token.children:
        if c.dep_ in {"prep", "dative"} and c.lower_ in words:
            inner = child(c, "prep")
            obj = pobj(c) or (pobj(inner) if inner is not None else None)
            if obj is not None:
                found.append((words.index(c.lower_), obj))
    return [obj for _, obj in sorted(found, key=lambda f: f[0])]


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """The verb's logical subject token and whether it was inherited from a governing clause."""
    if is_passive(verb):
        agent = child(verb, "agent")
        return (pobj(agent) if agent is not None else None), False
    subj = child(verb, "nsubj")
    if subj is not None:
        if subj.tag_ in RELATIVE_TAGS and verb.dep_ == "relcl":
            return verb.head, False        # "the CSTO, which has dispatched ..." -> the CSTO
        return subj, False
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return verb.head, False            # "a coalition sending troops"
    return _inherited_subject(verb), True


def bound_antecedent(pronoun: Token, index: EntityIndex) -> Token | None:
    """The subject of the governing clause a subordinate clause's pronoun stands for.

    "Xi offered support, saying he opposes ..." -> Xi. Only up the parse of the same sentence,
    and only to an entity of a fitting kind (he/she: a person; it/they: not a person).
    """
    wants_person = {"he": True, "she": True, "his": True, "her": True,
                    "it": False, "its": False, "they": False, "their": False}.get(pronoun.lower_)
    if wants_person is None:
        return None
    node = pronoun.head
    for _ in range(4):
        if node.dep_ not in _BINDING or node.head == node:
            return None
        node = node.head
        subj = child(node, "nsubj")
        found = entity_of(subj, index) if subj is not None else None
        if found is not None:
            return subj if (found.type == "PERSON") == wants_person else None
    return None


def _inherited_subject(verb: Token) -> Token | None:
    return next(inherited_subjects(verb), None)


def inherited_subjects(verb: Token) -> Iterator[Token]:
    """"China scrambled to step up", "focused its efforts on summoning", "urged Russia to withdraw",
    "its intention to sell" (the owner of the intention; a pronoun owner is bound by the caller).
    Nearest first, then the subjects of clauses further up, for when the nearest names nobody
    (a participle attached one clause too low: "insisted that both sides end it, telling ...")."""
    node, through_noun = verb, False
    for _ in range(6):
        passable = _SHARED_SUBJECT | (_NOUN_PATH if node.pos_ == "NOUN" else frozenset())
        if _infinitive_of_noun(node):
            passable = passable | {"acl"}
        if node.dep_ not in passable or node.head == node:
            return
        dep, node = node.dep_, node.head
        owner = child(node, "poss") if node.pos_ == "NOUN" else None
        if owner is not None:
            yield owner                    # "China's decision on sending troops" -> China
            continue
        if node.pos_ not in {"VERB", "AUX"}:
            through_noun |= node.pos_ == "NOUN"
            continue
        obj = child(node, "dobj") or (next(iter(preps(node, CONTROL_PREPS)), None) if dep == "xcomp" else None)
        commands = lemma(node) in causatives()   # "ordered troops to shoot": the one who orders acts
        controls = dep == "xcomp" or (dep == "prep" and obj is not None and obj.pos_ == "PROPN" and not through_noun)
        if obj is not None and not commands and controls:
            yield obj                      # object control: "urged Russia to withdraw", "accused Iran of"
            continue
        # a passive subject is shared with an infinitive ("the army is believed to have killed") and
        # with an adjunct ("six Tibetans were arrested after holding protests")
        subj = child(node, "nsubj") or (child(node, "nsubjpass") if dep in {"xcomp", "prep", "advcl"} else None)
        if subj is not None:
            yield node.head if subj.tag_ in RELATIVE_TAGS and node.dep_ == "relcl" else subj


def _infinitive_of_noun(node: Token) -> bool:
    """"its intention to sell", "the decision to send": a to-infinitive completing a noun."""
    return node.dep_ == "acl" and node.head.pos_ == "NOUN" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in node.children)


def verb_targets(verb: Token) -> list[Token]:
    """Candidate target tokens of a verb, best first."""
    if is_passive(verb):
        subj = child(verb, "nsubjpass")
        first = [subj] if subj is not None else ([verb.head] if verb.dep_ == "acl" else [])
        return first + preps(verb, TARGET_PREPS)      # "troops were deployed to Belarus"
    found = [pobj(c) if c.pos_ == "ADP" else c for c in verb.children if c.dep_ == "dative"]
    found += [c for c in verb.children if c.dep_ == "dobj"] + small_clause_subjects(verb)
    found += list(preps(verb, TARGET_PREPS))
    return [t for t in found if t is not None]


def complement_targets(verb: Token) -> list[Token]:
    """Targets of an infinitive the verb governs: "threatened to impose sanctions on Iran" -> Iran,
    "refused to lift the sanctions against Zimbabwe" -> Zimbabwe, "agreed to restore ties with"."""
    found: list[Token] = []
    for comp in verb.children:
        if comp.dep_ == "xcomp" and comp.pos_ in {"VERB", "AUX"}:
            found += verb_targets(comp)
            found += [t for obj in comp.children if obj.dep_ == "dobj"
                      for t in preps(obj, NOMINAL_TARGET_PREPS)]
    return found


def purpose_of(verb: Token) -> Token | None:
    """The verb a to-infinitive of purpose serves: "wrote to Paris to ask for clarification" -> wrote."""
    purpose = verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return verb.head if purpose and verb.head.pos_ in {"VERB", "AUX"} else None


def small_clause_subjects(verb: Token) -> list[Token]:
    """"allow the United States to push ...": the object of the verb parsed as the clause's subject."""
    return [subj for c in verb.children if c.dep_ == "ccomp" and any(a.lower_ == "to" for a in c.children)
            for subj in c.children if subj.dep_ == "nsubj"]


def location_of(anchor: Token, index: EntityIndex, *, deep: bool = False) -> tuple[Token, Entity] | None:
    """A place named by a locative preposition of the trigger (or, for nouns, inside its phrase)."""
    candidates = []
    if anchor.dep_ == "relcl" and any(c.lower_ == "where" for c in anchor.children):
        candidates.append(anchor.head)     # "Xinjiang, where authorities have waged ..."
    for obj in preps(anchor, LOCATION_PREPS):
        candidates += [*preps(obj, LOCATION_PREPS), obj]   # "outside the parliament in Paris": Paris
    if deep:                               # "protests sparked by fuel prices in Kazakhstan"
        candidates += [pobj(w) for w in anchor.subtree
                       if w.dep_ == "prep" and w.lower_ in LOCATION_PREPS and w.head != anchor]
    for word in candidates:
        found = entity_of(word, index, PLACE_TYPES)
        if found is not None:
            return word, found
    return None


def modality(anchor: Token, acts: Callable[[Token], bool] = lambda _: False) -> tuple[bool, set[str]]:
    """(negated, effects) from the cues on the way up from the trigger through its clause.

    `acts(subject)` tells whether a governing verb's subject is the event's own actor: a claim
    about what others did is only a claim ("Chavez claims Colombia invaded"), one about one's own
    act announces it ("Russia claimed ceasing all flights to Georgia")."""
    table = cues()
    negated, effects = False, set()
    node, governs = anchor, False
    for _ in range(8):
        found = _cues_at(node, table, governs) - ({"hypothetical"} if governs and _own_claim(node, acts) else set())
        negated |= "negated" in found
        effects |= found - {"negated"}
        if node.dep_ == "ccomp":           # a governing "believe that" counts, its "not" does not;
            head_effect = table.get((lemma(node.head), "governor"))   # "deny that" contests
            if not _own_claim(node.head, acts):
                effects |= {"hypothetical" if head_effect == "negated" else head_effect} - {None}
            break
        if (node.dep_ not in _MODAL_PATH and not _indefinite_subject(node)) or node.head == node:
            break
        # a coordinated verb shares its partner's auxiliaries, not its meaning: in "denied the
        # charge and called it lies" the calling is not denied
        node, governs = node.head, node.dep_ != "conj"
    return negated, effects


def _own_claim(node: Token, acts: Callable[[Token], bool]) -> bool:
    """A claim verb ("claim", "say", "announce" in `event_modality.tsv` as relation `claim`) whose
    subject is the event's own actor."""
    if (lemma(node), "claim") not in cues():
        return False
    subject = child(node, "nsubj")
    return subject is not None and acts(subject)


def _indefinite_subject(node: Token) -> bool:
    """"An invasion would be met with sanctions": an indefinite event noun shares its verb's mood
    (a definite one, "the protests are likely to spread", has happened)."""
    return node.dep_ in {"nsubj", "nsubjpass"} and node.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in {"a", "an", "any"} for c in node.children)


def _cues_at(node: Token, table: dict[tuple[str, str], str], governs: bool) -> set[str]:
    found = set()
    for c in node.children:
        rel = c.dep_ if c.dep_ in {"aux", "neg", "mark", "det", "advmod"} else None
        if rel == "det" and node.pos_ != "NOUN":
            rel = None
        if rel and (c.lower_, rel) in table:
            found.add(table[(c.lower_, rel)])
        if c.dep_ == "advcl" and any((m.lower_, "mark") in table for m in c.children if m.dep_ == "mark"):
            found.add("conditional")   # "if Russia invades, the US will impose sanctions"
    if node.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
        # "an agreement to attack Iraq" has not happened; "its decision to sell" will
        found.add(table.get((lemma(node.head), "governor"), "hypothetical"))
    if node.dep_ == "prep" and (node.lower_, "prep") in table:
        found.add(table[(node.lower_, "prep")])
    if governs and node.pos_ in {"VERB", "ADJ", "NOUN", "AUX"}:
        found.add(table.get((lemma(node), "governor"), ""))
    return found - {""}


def clause_date(anchor: Token) -> str | None:
    """A DATE entity anywhere in the trigger's own clause, subordinate clauses left out: "will host
    talks with Greece next week" where the parser hung "next week" on "Greece"."""
    own = {t.i for t in _clause_words(anchor)}
    return next((ent.text for ent in anchor.doc.ents if ent.label_ == "DATE" and ent.root.i in own), None)


def _clause_words(anchor: Token) -> list[Token]:
    words, stack = [], [anchor]
    while stack:
        word = stack.pop()
        words.append(word)
        stack.extend(c for c in word.children if c.dep_ not in _SUBORDINATE)
    return words


def _sentence_dates(sentence: Span) -> Iterator[Span]:
    """The DATE entities starting in the sentence, read from its tokens: walking doc.ents for
    every trigger is quadratic over a long article."""
    doc = sentence.doc
    for token in sentence:
        if token.ent_iob_ == "B" and token.ent_type_ == "DATE":
            end = token.i + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            yield doc[token.i:end]


def date_phrase(anchor: Token) -> str | None:
    """The DATE entity attached to the trigger ("on Friday", "last year"), if any."""
    for ent in _sentence_dates(anchor.sent):
        node = ent.root
        for _ in range(3):
            if node.head == node:
                break
            node = node.head
            if node == anchor:
                return ent.text
            if node.dep_ not in {"prep", "pobj", "npadvmod"} and node.pos_ != "ADP":
                break
    return None
