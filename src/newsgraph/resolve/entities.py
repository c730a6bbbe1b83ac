"""One entity per actor within an article: merge the mentions that name the same thing.

Mentions are grouped by (type family, name), then short forms join their full forms:
a surname or given name joins the one person whose full name contains it ("Xi" -> "Xi Jinping"),
an acronym joins the organisation whose initials it spells ("SAIS"), and a leading part of an
organisation's name joins it ("Johns Hopkins", "Carnegie"). A name seen both as a person and
as an organisation is a person when a person's full name contains it.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from newsgraph.extract import lexicon
from newsgraph.model import Entity, Mention

ORGISH = frozenset({"ORG", "IGO", "GROUP", "OTHER"})
UNKNOWN_PLACE_TYPES = frozenset({"CITY", "REGION", "LOCATION"})
STOP = frozenset({"of", "and", "the", "for", "in", "on", "at", "de"})


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
        return self.name.split()

    def absorb(self, other: "Cluster") -> None:
        self.mentions.extend(other.mentions)
        if len(other.name) > len(self.name) and other.type == self.type:
            self.name = other.name


def resolve_entities(mentions: list[Mention]) -> list[Entity]:
    """Entities with ids e1, e2, ... in order of first mention."""
    clusters = _group(mentions)
    clusters = _persons_mislabelled(clusters)
    clusters = _merge_short_forms(clusters)
    clusters.sort(key=lambda c: c.first)
    return [_entity(f"e{i}", c) for i, c in enumerate(clusters, start=1)]


def _family(type_: str) -> str:
    return "ORGISH" if type_ in ORGISH else type_


def _group(mentions: list[Mention]) -> list[Cluster]:
    by_key: dict[tuple[str, str], Cluster] = {}
    for mention in mentions:
        key = (_family(mention.type), _fold(mention.name))
        cluster = by_key.setdefault(key, Cluster(mention.type, mention.name))
        cluster.mentions.append(mention)
    for cluster in by_key.values():
        cluster.type = Counter(m.type for m in cluster.mentions).most_common(1)[0][0]
    return list(by_key.values())


def _fold(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("’", "'")).casefold()


def _persons_mislabelled(clusters: list[Cluster]) -> list[Cluster]:
    """A name spaCy mistyped but the article also gives a person ("Kassym-Jomart Tokayev" as ORG
    beside "Tokayev"; "Chávez" as a place beside "Hugo Chávez") is that person."""
    person_words = {w for c in clusters if c.type == "PERSON" for w in c.words}
    org_words = lexicon.words("org_words")
    for cluster in clusters:
        if cluster.type == "ORG" and len(cluster.words) > 1 and cluster.words[-1] in person_words \
                and not org_words.intersection(cluster.words):
            cluster.type = "PERSON"
        elif cluster.type in UNKNOWN_PLACE_TYPES and _unknown(cluster) and set(cluster.words) <= person_words:
            cluster.type = "PERSON"
    return _regroup(clusters)


def _unknown(cluster: Cluster) -> bool:
    """No gazetteer entry vouched for any of its mentions."""
    return all(m.country is None for m in cluster.mentions)


def _regroup(clusters: list[Cluster]) -> list[Cluster]:
    merged: dict[tuple[str, str], Cluster] = {}
    for cluster in clusters:
        key = (_family(cluster.type), _fold(cluster.name))
        if key in merged:
            merged[key].absorb(cluster)
        else:
            merged[key] = cluster
    return list(merged.values())


def _merge_short_forms(clusters: list[Cluster]) -> list[Cluster]:
    """Fold each short form into the fullest cluster it abbreviates, nearest first."""
    clusters.sort(key=lambda c: -len(c.name))
    kept: list[Cluster] = []
    for cluster in clusters:
        target = _full_form(cluster, kept)
        if target is None:
            kept.append(cluster)
        else:
            target.absorb(cluster)
    return kept


def _full_form(short: Cluster, longer: list[Cluster]) -> Cluster | None:
    candidates = [c for c in longer if _abbreviates(short, c)]
    if not candidates:
        return None
    before = [c for c in candidates if c.first <= short.first]
    return max(before or candidates, key=lambda c: c.first if c.first <= short.first else -c.first)


def _abbreviates(short: Cluster, full: Cluster) -> bool:
    if len(short.name) >= len(full.name):
        return False
    if short.type == "PERSON" and full.type == "PERSON":
        return set(short.words) <= set(full.words)
    if _family(short.type) == "ORGISH" and full.type in {"ORG", "IGO"}:
        return _is_acronym(short.name, full.words) or _is_prefix(short.words, full.words)
    return False


def _is_acronym(short: str, words: list[str]) -> bool:
    letters = short.replace(".", "")
    if not (letters.isupper() and letters.isalpha() and len(letters) >= 2):
        return False
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
    surfaces = {m.text for m in cluster.mentions} | {m.name for m in cluster.mentions}
    aliases = tuple(sorted(s for s in surfaces if s != cluster.name))
    countries = Counter(m.country for m in cluster.mentions if m.country)
    country = countries.most_common(1)[0][0] if countries and cluster.type != "PERSON" else None
    return Entity(entity_id, cluster.name, cluster.type, aliases, country, tuple(spans))
