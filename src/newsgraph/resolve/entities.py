"""One entity per actor within an article: merge the mentions that name the same thing.

Mentions are grouped by (type family, folded name: case, accents, hyphens and full stops aside),
then short forms join their full forms:
- a surname or given name joins the one person whose full name contains it ("Xi" -> "Xi Jinping"),
  and so do initials ("G.W. Bush") and a nickname the article gave in quotes ("Bibi");
- an acronym joins the organisation whose initials it spell ("SAIS", "A.U.");
- a leading part of an organisation's name joins it ("Johns Hopkins", "Carnegie"), unless the
  part is a body's head word of its own ("House" is not "House Foreign Affairs Committee") or
  the longer name is a body inside it ("United Nations" is not "United Nations Security Council");
- a body's head word alone refers back to the body ("the Commission" -> "European Commission");
- a bare name joins the party or place it names with a generic word ("Kadima" -> "Kadima Party",
  "Tain" -> "Tain District", "Tibet" -> "Tibet Autonomous Region");
- a surname one letter off the one person it resembles is a slip ("Livini" -> "Livni").
A name seen both as a person and as an organisation or unknown place is a person when a
person's full name in the article contains it ("Uribe" tagged ORG beside "Álvaro Uribe").
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from newsgraph.extract import lexicon
from newsgraph.model import Entity, Mention
from newsgraph.resolve.names import fold_name, initials_match, name_words, one_edit_apart, tidy_name

ORGISH = frozenset({"ORG", "IGO", "GROUP", "OTHER"})
PLACES = frozenset({"CITY", "REGION", "LOCATION"})
STOP = frozenset({"of", "and", "the", "for", "in", "on", "at", "de"})
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
MIN_SLIP_LENGTH = 5  # shorter names are too alike by chance ("Lee" / "Le") to call a slip


@dataclass
class Cluster:
    type: str
    name: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    @property
    def words(self) -> list[str]:
        return name_words(self.name)

    def absorb(self, other: "Cluster") -> None:
        self.mentions.extend(other.mentions)
        if len(other.name) > len(self.name) and other.type == self.type:
            self.name = other.name


def resolve_entities(mentions: list[Mention]) -> list[Entity]:
    """Entities with ids e1, e2, ... in order of first mention."""
    clusters = _group(mentions)
    clusters = _persons_mislabelled(clusters)
    clusters = _merge_short_forms(clusters)
    clusters = _merge_slips(clusters)
    clusters.sort(key=lambda c: c.first)
    return [_entity(f"e{i}", c) for i, c in enumerate(clusters, start=1)]


def _family(type_: str) -> str:
    """Types one thing may carry within an article: a body NER calls ORG and the lexicon IGO,
    a place the gazetteer does not know called a city once and a location next."""
    if type_ in ORGISH:
        return "ORGISH"
    return "PLACE" if type_ in PLACES else type_


def _key(type_: str, name: str) -> tuple[str, str]:
    """Clusters with equal keys are one entity; a body's plural is the body ("World Heritage
    Sites")."""
    folded = fold_name(name)
    if _family(type_) == "ORGISH" and folded.endswith("s") and " " in folded:
        folded = folded[:-1]
    return _family(type_), folded


def _group(mentions: list[Mention]) -> list[Cluster]:
    by_key: dict[tuple[str, str], Cluster] = {}
    for mention in mentions:
        key = _key(mention.type, mention.name)
        cluster = by_key.setdefault(key, Cluster(mention.type, tidy_name(mention.name)))
        cluster.mentions.append(mention)
    for cluster in by_key.values():
        cluster.type = Counter(m.type for m in cluster.mentions).most_common(1)[0][0]
    return list(by_key.values())


def _persons_mislabelled(clusters: list[Cluster]) -> list[Cluster]:
    """A name spaCy mistyped but the article also gives a person ("Kassym-Jomart Tokayev" as ORG
    beside "Tokayev"; "Uribe" as ORG beside "Álvaro Uribe"; "Chávez" as a place beside "Hugo
    Chávez") is that person."""
    person_words = {w for c in clusters if c.type == "PERSON" for w in c.words}
    surnames = {_surname(c.words) for c in clusters if c.type == "PERSON" and len(c.words) > 1}
    named_persons: dict[str, int] = {}  # one-word names the article uses for a person, and how often
    for c in clusters:
        if c.type == "PERSON" and c.words and (len(c.words) == 1 or _surname(c.words) in surnames):
            key = c.words[0] if len(c.words) == 1 else _surname(c.words)
            named_persons[key] = named_persons.get(key, 0) + len(c.mentions)
    for cluster in clusters:
        words = cluster.words
        if not words or _generic_words(cluster) or _acronym(cluster.name):
            continue
        if cluster.type == "ORG" and (words[-1] in person_words if len(words) > 1 else words[0] in surnames):
            cluster.type = "PERSON"
        elif cluster.type in PLACES and _unknown(cluster) and (
                set(words) <= person_words or (len(words) > 1 and words[-1] in person_words)):
            cluster.type = "PERSON"
        elif cluster.type in PLACES and len(words) == 1 and words[0] in named_persons \
                and len(cluster.mentions) <= named_persons[words[0]]:
            cluster.type = "PERSON"  # "to Bush" tagged a place in an article where Bush speaks
    return _regroup(clusters)


def _surname(words: list[str]) -> str:
    """The last word that is not a suffix ("Renato Reyes Jr." -> "reyes")."""
    kept = [w for w in words if w not in NAME_SUFFIXES]
    return (kept or words)[-1]


def _generic_words(cluster: Cluster) -> bool:
    """Whether its name has a body's or an administrative head word ("Party", "District")."""
    generic = _folded_words("org_words") | _folded_words("place_generic_words")
    return bool(generic.intersection(cluster.words))


def _folded_words(name: str) -> frozenset[str]:
    return frozenset(fold_name(w) for w in lexicon.words(name))


def _unknown(cluster: Cluster) -> bool:
    """No gazetteer entry vouched for any of its mentions."""
    return all(m.country is None for m in cluster.mentions)


def _regroup(clusters: list[Cluster]) -> list[Cluster]:
    merged: dict[tuple[str, str], Cluster] = {}
    for cluster in clusters:
        key = _key(cluster.type, cluster.name)
        if key in merged:
            merged[key].absorb(cluster)
        else:
            merged[key] = cluster
    return list(merged.values())


def _merge_short_forms(clusters: list[Cluster]) -> list[Cluster]:
    """Fold each short form into the fullest cluster it abbreviates, nearest first."""
    clusters.sort(key=lambda c: (-len(c.name), c.first))
    given = {w for c in clusters if c.type == "PERSON" and len(c.words) > 1 for w in c.words}
    kept: list[Cluster] = []
    for cluster in clusters:
        target = _full_form(cluster, kept, given)
        if target is None:
            kept.append(cluster)
        else:
            target.absorb(cluster)
    return kept


def _full_form(short: Cluster, longer: list[Cluster], given: set[str]) -> Cluster | None:
    candidates = [c for c in longer if _abbreviates(short, c, given)]
    if not candidates:
        return None
    before = [c for c in candidates if c.first <= short.first]
    return max(before or candidates, key=lambda c: c.first if c.first <= short.first else -c.first)


def _abbreviates(short: Cluster, full: Cluster, given: set[str]) -> bool:
    if len(short.name) >= len(full.name) or not short.words:
        return False
    if short.type == "PERSON" and full.type == "PERSON":
        return set(short.words) <= set(full.words) or initials_match(short.name, full.name) \
            or fold_name(short.name) in {fold_name(m.text) for m in full.mentions}  # a nickname
    if _family(short.type) == "ORGISH" and full.type in {"ORG", "IGO"}:
        if _is_acronym(short.name, full.name.split()):
            return True
        if _head_word(short):  # "the Commission", "the House (of Representatives)"
            return full.words[:2] == [*short.words, "of"] or (
                short.words == full.words[-1:] and short.words[0] not in _folded_words("national_body_words"))
        return _is_prefix(short.words, full.words) and not _own_body(short, full)
    if len(short.words) == 1 and short.type == "PERSON" and short.words[0] in given:
        return False  # a part of a person's name stays with the person
    return _named_with_generic_words(short, full)


def _own_body(short: Cluster, full: Cluster) -> bool:
    """"United Nations" and "United Nations Security Council", "African Union" and "African Union
    Commission": a known body and a body of its own inside it stay apart."""
    rest = full.words[len(short.words):]
    return short.type == "IGO" or (bool(rest) and rest[-1] in _folded_words("body_head_words"))


def _head_word(cluster: Cluster) -> bool:
    """"Commission", "House", "Council": a body's head word standing alone."""
    return len(cluster.words) == 1 and cluster.words[0] in _folded_words("body_head_words")


def _named_with_generic_words(short: Cluster, full: Cluster) -> bool:
    """"Kadima" and "Kadima Party"; "Tain" and "Tain District"; "Tibet" and "Tibet Autonomous
    Region": the same name, the long one adding only a body's or a place's generic words."""
    if full.type in {"ORG", "IGO"}:
        generic = _folded_words("org_words")
    elif full.type in PLACES:
        generic = _folded_words("place_generic_words")
    else:
        return False
    if short.type not in {"PERSON", *ORGISH, *PLACES}:
        return False
    head, rest = full.words[:len(short.words)], full.words[len(short.words):]
    return head == short.words and bool(rest) and all(w in generic for w in rest)


def _merge_slips(clusters: list[Cluster]) -> list[Cluster]:
    """A one-word person name one letter off exactly one other person's name word joins that
    person ("Livini" beside "Livni"), when nothing else claimed it."""
    persons = [c for c in clusters if c.type == "PERSON"]
    merged: set[int] = set()
    for slip in sorted(persons, key=lambda c: len(c.mentions)):
        if len(slip.words) != 1 or len(slip.words[0]) < MIN_SLIP_LENGTH or id(slip) in merged:
            continue
        near = [c for c in persons if c is not slip and id(c) not in merged
                and len(c.mentions) >= len(slip.mentions)
                and any(one_edit_apart(slip.words[0], w) for w in c.words if len(w) >= MIN_SLIP_LENGTH)]
        if len(near) == 1:
            near[0].mentions.extend(slip.mentions)  # the slip never names the entity
            merged.add(id(slip))
    return [c for c in clusters if id(c) not in merged]


def _acronym(name: str) -> bool:
    letters = name.replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def _is_acronym(short: str, words: list[str]) -> bool:
    if not _acronym(short):
        return False
    letters = short.replace(".", "")
    content = [w for w in words if w.lower() not in STOP]
    return any("".join(w[0] for w in content[i:]).upper() == letters for i in range(len(content)))


def _is_prefix(short: list[str], full: list[str]) -> bool:
    """"Johns Hopkins" of "Johns Hopkins School ..."; a plural slip ("Carnegies") still counts."""
    if len(short) >= len(full):
        return False
    head = full[:len(short)]
    return short == head or short[:-1] + [short[-1].rstrip("s")] == head


def _entity(entity_id: str, cluster: Cluster) -> Entity:
    spans = sorted({(m.start, m.end) for m in cluster.mentions})
    surfaces = {tidy_name(m.text) for m in cluster.mentions} | {tidy_name(m.name) for m in cluster.mentions}
    aliases = tuple(sorted(s for s in surfaces if s != cluster.name))
    countries = Counter(m.country for m in cluster.mentions if m.country)
    country = countries.most_common(1)[0][0] if countries and cluster.type != "PERSON" else None
    return Entity(entity_id, cluster.name, cluster.type, aliases, country, tuple(spans))
