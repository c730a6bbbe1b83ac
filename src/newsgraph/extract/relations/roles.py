"""Roles: the office or occupation a title, apposition or verb gives a person, whose it is, and when.

Shapes, all anchored on a resolved PERSON mention:
- a title before the name: "Kazakh President Kassym-Jomart Tokayev", "Russian energy minister
  Viktor Khristenko", "then Kazakh President Nursultan Nazarbayev" (former), "Russia's
  President, Vladimir Putin", "Nordea chief executive Anna Berg", "Kadima party leader Livni";
- an apposition after it: "Wang Wenbin, spokesman for the Chinese Foreign Ministry", "Anna Berg,
  an economist at Nordea", "Anna Berg, Nordea's spokeswoman"; or the name after a title phrase:
  "A spokesman for the Kremlin, Dmitry Peskov, said";
- a copula: "Tokayev is the president of Kazakhstan", "Blair was prime minister from 1997 to 2007";
- a verb of office: "Anna Berg, who heads Nordea", "Blair led Britain from 1997 to 2007";
- a bare "of": "Mr. Radchenko of Johns Hopkins" (an untitled affiliation).
The owner ("of") is the organisation or state the phrase names: a demonym or possessive before
the title, or the object of for/at/of/with/from after it. A state office named with no owner
("President Bush") belongs to the article's home state (`home.py`). Titles are data (`titles.tsv`);
tenure ("from 1997 to 2007", "since 2019") is read by `tenure.py`.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsgraph.extract import lexicon
from newsgraph.extract._anchors import hypothetical, led_somewhere, negated
from newsgraph.extract.registry import Context, TableSection, register
from newsgraph.extract.relations.home import home_state
from newsgraph.extract.relations.lexicon import former_marks, state_office, titles
from newsgraph.extract.relations.parse import DETERMINERS, PHRASE_ENDS, POSSESSIVE_MARKS, Words
from newsgraph.extract.relations.tenure import Tenure, ended, held, tenure_after
from newsgraph.model import ArticleRecord, Entity, Role

OWNER_TYPES = frozenset({"COUNTRY", "ORG", "IGO", "GROUP", "REGION", "CITY"})
OFFICE_TYPES = OWNER_TYPES - {"GROUP"}  # "she led protesters" is no office
OWNER_PREPOSITIONS = frozenset({"for", "at", "of", "with", "from"})
AFFILIATION_TYPES = frozenset({"ORG", "IGO"})  # "X of Johns Hopkins"; "X of China" says too little
COPULAS = frozenset({"is", "was", "are", "were", "'s", "’s", "becomes", "became", "remains", "remained",
                     "served", "serves"})
ELECTION_VERBS = frozenset({"elected", "re-elected", "appointed", "named", "chosen", "nominated", "installed"})
UNTITLED = "affiliate"  # the title of a bare "X of Y" affiliation
MAX_MODIFIERS = 3       # "senior", "prominent nationalist" before an appositive title
MAX_OWNER_DISTANCE = 15  # words after a title in which "at the ..." may name the owner


@dataclass(frozen=True, slots=True)
class Phrase:
    """A title found around a name: its word range, its owner, whether the office was left."""

    start: int
    end: int
    title: str
    of: Entity | None
    former: bool
    head: int = -1                  # word index of the title's head word
    tenure: Tenure = Tenure()
    owner_named: bool = False       # "President of X" names an owner, even one not resolved

    def with_name(self, start: int, end: int) -> Phrase:
        return replace(self, start=start, end=end)


@lru_cache(maxsize=1)
def role_verbs() -> dict[str, str]:
    """Verbs of office and the title each gives ("heads" -> head)."""
    return {row["verb"].lower(): row["title"] for row in lexicon.rows("role_verbs")}


def _former_before(w: Words, i: int) -> int:
    """How many words before word i mark a former office ("then", "former", "ex-", "then-")."""
    marks = former_marks()
    if w.lower(i - 2) + w.lower(i - 1) in marks and i >= 2:
        return 2
    return int(i >= 1 and w.lower(i - 1) in marks)


def _compound_start(w: Words, start: int, end: int) -> int:
    """Extend a title leftwards over its noun compounds ("energy minister", "Justice Minister")."""
    while start > 0:
        token = w[start - 1]
        common = token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.is_title)
        if not (token.dep_ == "compound" and common and w.position.get(token.head.i, -1) in range(start, end)
                and w.entity(start - 1) is None and token.lower_ not in former_marks()):
            break
        start -= 1
    return start


def _title_of_owner(w: Words, end: int) -> tuple[Entity, int, int] | None:
    """ "the President of Colombia" ending at word `end`: the owner, the title's first and last word."""
    owner = w.entity(end)
    if owner is None or owner.type not in OWNER_TYPES:
        return None
    k = w.name_start(end) - 1
    k -= w.lower(k) in DETERMINERS
    if k < 1 or w.lower(k) not in OWNER_PREPOSITIONS:
        return None
    start = titles().ending_at(w.tokens, k - 1)
    return (owner, start, k - 1) if start is not None else None


def title_before(w: Words, first: int, last: int) -> Phrase | None:
    """ "Kazakh President Tokayev", "then Kazakh President Nazarbayev", "Russia's president, Putin",
    "the President of Colombia Alvaro Uribe", "Nordea chief executive Anna Berg"."""
    end = first - 1
    comma = w.lower(end) == ","
    end -= comma
    if end < 0:
        return None
    start, owner = titles().ending_at(w.tokens, end), None
    if start is None:
        found = _title_of_owner(w, end)
        if found is None:
            return None
        owner, start, end = found
    start = _compound_start(w, start, end + 1)
    before, owner_start = w.owner_before(start - 1, OWNER_TYPES)
    owner = owner or before
    if comma and owner is None:
        return None  # "the president, Xi" may be a list; only an owned title crosses a comma
    marked = _former_before(w, owner_start)
    after = _owner_right_after(w, last) if owner is None else None  # "King Hussein of Jordan"
    return Phrase(owner_start - marked, w.name_end(last + 1) if after else last, w.text(start, end + 1),
                  owner or after, marked > 0, end)


def _owner_right_after(w: Words, last: int) -> Entity | None:
    """A state named by "of" right after a titled name: "Queen Margrethe of Denmark"."""
    if w.lower(last) != "of":
        return None
    owner = w.entity(last + 1 + (w.lower(last + 1) == "the"))
    return owner if owner is not None and owner.type in OFFICE_TYPES else None


def _owner_after(w: Words, i: int) -> tuple[Entity | None, int]:
    """The owner named by "for/at/of/with/from the ..." after a title, and the word after its name."""
    for j in range(i, min(len(w), i + MAX_OWNER_DISTANCE)):
        token = w[j]
        if token.text in PHRASE_ENDS or (token.pos_ == "VERB" and token.tag_ != "VBN"):
            break
        if token.lower_ == "and" and _title_follows(w, j + 1):
            break  # "an academic and deputy director of X": X is the second title's
        if token.lower_ in OWNER_PREPOSITIONS:
            k = j + 1 + (w.lower(j + 1) in DETERMINERS)
            entity = w.entity_named(k)
            if entity is not None and entity.type in OWNER_TYPES:
                after = w.name_end(k) if w.entity(k) else k + len(entity.name.split())
                if after < len(w) and w[after].pos_ == "NOUN" \
                        and w.lower(after) not in lexicon.words("state_bodies"):
                    continue  # "head of Iraqi police commandos": the demonym only modifies the owner
                return entity, after
    return None, i


def _title_follows(w: Words, i: int) -> bool:
    """Whether a title starts within a few modifiers of word i ("current President")."""
    return any(titles().starting_at(w.tokens, k) is not None for k in range(i, min(len(w), i + MAX_MODIFIERS)))


def title_in_phrase(w: Words, start: int) -> Phrase | None:
    """A noun phrase starting at word `start` that is a title: "the senior researcher at X",
    "Nordea's chief economist", "a former minister"."""
    j = start + (w.lower(start) in DETERMINERS)
    owner, j = _possessive_owner(w, j)
    marked = _former_before(w, j + 2) if w.lower(j + 1) == "-" else int(w.lower(j) in former_marks())
    j += marked
    for k in range(j, min(len(w), j + MAX_MODIFIERS + 1)):
        end = titles().starting_at(w.tokens, k)
        if end is not None and w.lower(k) in lexicon.words("title_subordinates") \
                and titles().starting_at(w.tokens, k + 1) is not None:
            continue  # "deputy director": the title is the director's, "deputy" qualifies it
        if end is not None:
            named, phrase_end = _owner_after(w, end)
            first = _compound_start(w, k, end)
            if w.lower(first - 1) in lexicon.words("title_subordinates"):
                first -= 1
            phrase_end = max(end, phrase_end)
            tenure = tenure_after(w, phrase_end)
            return Phrase(start, phrase_end, w.text(first, end), named or owner, marked > 0 or ended(tenure),
                          end - 1, tenure, w.lower(end) in OWNER_PREPOSITIONS)
        entity = w.entity(k)
        if entity is not None and entity.type in OWNER_TYPES:
            owner = entity  # "the Kazakh president"
        elif w[k].pos_ not in ("ADJ", "NOUN", "ADV", "PROPN") or w[k].text in PHRASE_ENDS:
            return None
    return None


def _possessive_owner(w: Words, j: int) -> tuple[Entity | None, int]:
    """ "Kazakhstan's president": the owner before a possessive mark, and where the title starts."""
    entity = w.entity(j)
    if entity is None:
        return None, j
    k = w.name_end(j)
    if w.lower(k) in POSSESSIVE_MARKS:
        return entity, k + 1
    return None, j


def title_apposed(w: Words, name: Span, first: int, last: int) -> Phrase | None:
    """ "A spokesman for the Kremlin, Dmitry Peskov, said": the name in apposition to a title."""
    head = name.root.head
    while head.dep_ in ("pobj", "prep") and head.head.i < head.i:
        head = head.head  # the parse often hangs the name on the owner ("the Kremlin, Peskov")
    if name.root.dep_ != "appos" or head.i >= name.start or head.i not in w.position:
        return None
    found = title_in_phrase(w, w.position.get(head.left_edge.i, w.position[head.i]))
    if found is None or found.head != w.position[head.i]:
        return None
    if any(w.lower(i) in ("and", "or") or _names_person(w, i) for i in range(found.end, first)):
        return None  # "President X and Prime Minister Y": Y is apposed to the title only in the parse
    return found.with_name(found.start, last)


def title_after(w: Words, name: Span, first: int, last: int) -> Phrase | None:
    """ "Wang Wenbin, spokesman for the Chinese Foreign Ministry"; "Tokayev is the president of X"."""
    if w.lower(last) == ",":
        found = title_in_phrase(w, last + 1)
        if found is None or not _apposed(w[found.head], name) or _names_person(w, found.end):
            return None  # "Chávez, the President of Colombia Alvaro Uribe and ...": a list
        return found.with_name(first, found.end)
    head = name.root.head
    elected = name.root.dep_ == "nsubjpass" and head.lower_ in ELECTION_VERBS
    if elected or name.root.dep_ == "nsubj" and head.lower_ in COPULAS:
        attr = next((c for c in head.children if c.dep_ in ("attr", "oprd", "prep")), None)
        if attr is not None and attr.dep_ == "prep":  # "served as prime minister"
            attr = next((c for c in attr.children if c.dep_ == "pobj"), None)
        if attr is None or negated(attr) or hypothetical(attr) or attr.left_edge.i not in w.position:
            return None  # "Kostov himself was not a member"
        found = title_in_phrase(w, w.position[attr.left_edge.i])
        if found is None:
            return None
        if elected:  # "was elected president of X in 2017": the election starts the tenure
            found = replace(found, tenure=tenure_after(w, found.end, joined=True) or found.tenure)
        return replace(found.with_name(first, found.end), former=found.former or ended(found.tenure, head))
    return None


def title_from_verb(w: Words, name: Span, first: int, last: int) -> Phrase | None:
    """ "Anna Berg, who heads Nordea"; "Blair led Britain from 1997 to 2007"."""
    verb = _office_verb(name)
    if verb is None or negated(verb) or hypothetical(verb):
        return None
    if led_somewhere(verb):
        return None  # "led Canada to its worst year": no office
    title = role_verbs()[verb.lower_]
    for obj in (c for c in verb.children if c.dep_ == "dobj" and c.i in w.position):
        owner = w.entity(w.position[obj.i])
        if owner is not None and owner.type in OFFICE_TYPES:
            end = w.name_end(w.position[obj.i])
            tenure = tenure_after(w, end, verb=verb)
            return Phrase(first, end, title, owner, ended(tenure, verb), w.position.get(verb.i, -1), tenure)
    return None


def title_from_passive(w: Words, name: Span, first: int, last: int) -> Phrase | None:
    """ "the Yisrael Beitenu Party, headed by Avigdor Lieberman": the name is the agent."""
    agent = name.root.head
    verb = agent.head
    if name.root.dep_ != "pobj" or agent.dep_ != "agent" or verb.lower_ not in role_verbs():
        return None
    body = verb.head if verb.dep_ in ("acl", "relcl") else next(
        (c for c in verb.children if c.dep_ == "nsubjpass"), None)
    owner = w.entity(w.position[body.i]) if body is not None and body.i in w.position else None
    if owner is None or owner.type not in OFFICE_TYPES or negated(verb) or hypothetical(verb):
        return None
    return Phrase(w.position.get(verb.i, first), last, role_verbs()[verb.lower_], owner, False,
                  w.position.get(verb.i, -1))


def _office_verb(name: Span) -> Token | None:
    """The verb of office the name is the subject of, directly or through "who"."""
    root = name.root
    if root.dep_ == "nsubj" and root.head.lower_ in role_verbs():
        return root.head
    for clause in (c for c in root.children if c.dep_ == "relcl" and c.lower_ in role_verbs()):
        if any(s.dep_ == "nsubj" and s.lower_ in ("who", "that") for s in clause.children):
            return clause
    return None


def _names_person(w: Words, i: int) -> bool:
    found = w.entity(i)
    return found is not None and found.type == "PERSON"


def _apposed(title: Token, name: Span) -> bool:
    """The title describes the name, not the next clause's subject ("Abbas, a spokesman for X said"):
    the parse hangs it on the name, or no verb follows the phrase it heads."""
    if name.start <= title.head.i < name.end:
        return True
    after = title.right_edge.i + 1
    doc = title.doc
    while after < len(doc) and doc[after].is_space:
        after += 1
    return after >= len(doc) or doc[after].text in PHRASE_ENDS or doc[after].pos_ not in ("VERB", "AUX")


def affiliation(w: Words, name: Span, first: int, last: int) -> Phrase | None:
    """ "Mr. Radchenko of Johns Hopkins": an organisation right after the name, no title."""
    if w.lower(last) != "of":
        return None
    at = last + 1 + (w.lower(last + 1) == "the")
    at += w.lower(at) in ("(", '"', "“")  # 'of the "Tibetan Association"', "of the (NDC)"
    owner = w.entity(at)
    if owner is None or owner.type not in AFFILIATION_TYPES:
        return None
    return Phrase(first, w.name_end(at), UNTITLED, owner, False)


def second_title_after(w: Words, name: Span, first: int, last: int) -> Phrase | None:
    """ "X, foreign minister of Slovenia and current President of the European Council"."""
    found = title_after(w, name, first, last)
    if found is None or w.lower(found.end) != "and":
        return None
    second = title_in_phrase(w, found.end + 1)
    return second.with_name(first, second.end) if second is not None and second.of is not None else None


FINDERS = (title_apposed, title_after, second_title_after, title_from_verb, title_from_passive, affiliation)


def _role(person: Entity, w: Words, phrase: Phrase, home: Entity | None,
          held: dict[tuple[str, str], set[str]]) -> Role | None:
    """The role a phrase gives; a state office with no owner named is the home state's, unless
    the story names someone else as holding that very office of the home state."""
    owner = phrase.of
    if owner is None and home is not None and not phrase.owner_named and state_office(phrase.title) \
            and not held.get((phrase.title.casefold(), home.id), set()) - {person.id}:
        owner = home
    if owner is not None and owner.id == person.id:
        return None
    return Role(phrase.title, owner.id if owner else None, phrase.former, w.chars(phrase.start, phrase.end),
                person.id, phrase.tenure.since, phrase.tenure.until)


def _distinct(roles: list[Role]) -> list[Role]:
    """One role per person, title and owner; an untitled affiliation, or a title with no owner,
    only when no other role of the person says more."""
    seen: dict[tuple, Role] = {}
    for role in roles:
        key = (role.person, role.title.casefold(), role.of, role.former)
        if key not in seen or (role.since or role.until) and not (seen[key].since or seen[key].until):
            seen[key] = role
    titled = {(r.person, r.of) for r in seen.values() if r.title != UNTITLED}
    owned = {(r.person, r.title.casefold()) for r in seen.values() if r.of}
    return [r for r in seen.values()
            if (r.title != UNTITLED or (r.person, r.of) not in titled)
            and (r.of or (r.person, r.title.casefold()) not in owned)]


def _phrases(doc: Doc, w: Words, person: Entity) -> list[Phrase]:
    found = []
    for first, last in w.spans_of(person):
        name = doc[w[first].i:w[last - 1].i + 1]
        found += [title_before(w, first, last), *(find(w, name, first, last) for find in FINDERS)]
    return [p for p in found if p]


def roles_in(doc: Doc, w: Words, home: Entity | None) -> list[Role]:
    """Every role of every person. "President Bush", "Justice Minister Kim": a state office with
    no owner is the home state's, unless the person holds an owned office elsewhere in the story."""
    people = [e for e in w.index.entities if e.type == "PERSON"]
    phrases = {person.id: _phrases(doc, w, person) for person in people}
    held: dict[tuple[str, str], set[str]] = {}  # (title, owner id) -> who holds it, as named
    for person_id, found in phrases.items():
        for phrase in (p for p in found if p.of is not None and not p.former):
            held.setdefault((phrase.title.casefold(), phrase.of.id), set()).add(person_id)
    roles = []
    for person in people:
        owner_elsewhere = any(p.of and state_office(p.title) for p in phrases[person.id])
        home_here = None if owner_elsewhere else home
        roles += filter(None, (_role(person, w, p, home_here, held) for p in phrases[person.id]))
    return _distinct(sorted(roles, key=lambda r: r.span or (0, 0)))


@register
class RuleRoles:
    name = "roles.rules.v2"
    section = "roles"
    requires = ()

    def extract(self, doc: Doc, context: Context) -> list[Role]:
        index = context.entities
        return roles_in(doc, Words.of(doc, index), home_state(context.document, index))

    def table(self, record: ArticleRecord) -> list[TableSection]:
        rows = []
        for entity in record.entities:
            for role in entity.roles:
                owner = record.entity(role.of)
                rows.append((entity.name, ("former " if role.former else "") + role.title,
                             owner.name if owner else "-", held(role.since, role.until)))
        if not rows:
            return []
        return [TableSection(f"Actors and roles ({len(rows)})", ("person", "role", "of", "held"), tuple(rows))]
