"""The gender of the people an article names, for resolving "he" and "she" to a speaker.

Evidence in order of trust, the first that speaks wins:
1. an honorific right before a mention ("Ms. Yau", "Mr Mbeki");
2. the first name, from the gender-guesser package (US/European first-name lists): only its
   "male"/"female" answers count, never "mostly_*" or "andy" ("Kim", "Jean", "Ban" stay unknown);
3. a pronoun after the name in a sentence that names that one person only ("Obama thanked his staff").
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from newsgraph.extract import lexicon
from newsgraph.model import Entity, EntityIndex

SURE_ANSWERS = {"male": "M", "female": "F"}


@lru_cache(maxsize=1)
def gendered_words() -> dict[str, str]:
    return {r["word"].lower(): r["gender"] for r in lexicon.rows("gendered_words")}


@lru_cache(maxsize=1)
def _detector():
    import gender_guesser.detector as detector  # loads its name tables: only when first needed

    return detector.Detector(case_sensitive=False)


@lru_cache(maxsize=4096)
def first_name_gender(name: str) -> str | None:
    """M or F for a first name the package is sure of, else None."""
    word = name.strip(".,")
    if len(word) < 2 or not word[0].isupper() or not word.isalpha():
        return None
    return SURE_ANSWERS.get(_detector().get_gender(word))


def person_genders(doc: Doc, entities: EntityIndex) -> dict[str, str]:
    """Entity id -> M or F for the people of one article whose gender the text gives away."""
    found = _honorific_genders(doc, entities)
    for entity in entities.entities:
        if entity.type == "PERSON" and entity.id not in found:
            gender = _name_gender(entity)
            if gender is not None:
                found[entity.id] = gender
    for entity_id, gender in _pronoun_genders(doc, entities).items():
        found.setdefault(entity_id, gender)
    return found


def _name_gender(entity: Entity) -> str | None:
    """A full name's first word; a lone word is a surname as often as not ("Clinton", "Kim")."""
    words = [w for w in entity.name.split() if w.lower() not in gendered_words()]
    return first_name_gender(words[0]) if len(words) >= 2 else None


def _honorific_genders(doc: Doc, entities: EntityIndex) -> dict[str, str]:
    found: dict[str, str] = {}
    text = doc.text
    for entity in entities.entities:
        if entity.type != "PERSON":
            continue
        for start, end in entity.mentions:
            before, inside = text[max(0, start - 6):start].split(), text[start:end].split()
            for word in (before[-1:] + inside[:1]):
                if word.lower() in gendered_words() and word[0].isupper():
                    found.setdefault(entity.id, gendered_words()[word.lower()])
    return found


def _pronoun_genders(doc: Doc, entities: EntityIndex) -> dict[str, str]:
    found: dict[str, str] = {}
    for sent in doc.sents:
        people = {e.id: s for (s, _), e in entities.mentions_in(sent.start_char, sent.end_char) if e.type == "PERSON"}
        if len(people) != 1:
            continue
        (entity_id, start), = people.items()
        pronoun = next((t.lower_ for t in sent if t.idx > start and t.pos_ == "PRON" and t.lower_ in gendered_words()),
                       None)
        if pronoun is not None:
            found.setdefault(entity_id, gendered_words()[pronoun])
    return found
