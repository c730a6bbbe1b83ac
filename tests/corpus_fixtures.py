"""A small real corpus database for the store, query, export and CLI tests, built once per session.

It holds the seed article, a few generated articles (one reworded copy of another, one exact
copy, one bad line), and one hand-made record whose quotes, figures, relations and events are
known exactly, so query tests do not depend on how well the fact extractors do today.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

from newsgraph.corpus import ingest
from newsgraph.ingest import read_inputs
from newsgraph.model import ArticleRecord, Document, Entity, Event, Figure, Quantity, Quote, Relation, Role
from newsgraph.resolve.corpus import CorpusResolver
from newsgraph.settings import load_settings
from newsgraph.store import Store, StoredArticle, document_key

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "kazakhstan-china-russia.txt"

XI_1 = ("Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on Tuesday. "
        "Xi Jinping said the two countries would deepen their partnership in energy and trade. "
        "Putin told reporters that Russia valued the talks with China. The leaders signed "
        "agreements on gas supplies and railway links across Siberia.")
XI_1_REWORDED = ("Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on "
                 "Tuesday. Xi Jinping said the two countries would deepen their partnership in "
                 "energy and trade. Putin told journalists that Russia valued the talks with China. "
                 "The two leaders signed agreements on gas supplies and rail links across Siberia.")
XI_2 = ("Xi Jinping arrived in Brazil for a summit with Luiz Inacio Lula da Silva. The visit "
        "focused on soybean exports and investment in ports. Officials in Brasilia said the "
        "meeting would last two days and end with a joint statement on climate policy.")
WASHINGTON = ("George Washington led the Continental Army before he became president. Farmers in "
              "Washington state grow most of the apples sold in the country, and growers from "
              "Yakima met officials in Olympia last week to discuss water rights.")

ARTICLES = [
    {"id": "xi-1", "published": "2021-03-02", "title": "Xi meets Putin", "text": XI_1},
    {"id": "xi-2", "published": "2022-06-15", "title": "Xi in Brazil", "text": XI_2},
    {"id": "xi-1-copy", "published": "2021-03-03", "title": "Xi meets Putin (wire)", "text": XI_1_REWORDED},
    {"id": "xi-1-again", "published": "2021-03-02", "text": XI_1 + "\n"},
    {"id": "washington", "published": "2020-09-01", "text": WASHINGTON},
]


def write_inputs(folder: Path) -> Path:
    path = folder / "articles.jsonl"
    lines = [json.dumps(a) for a in ARTICLES] + ["{not json"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def synthetic_record() -> ArticleRecord:
    """A record with every section filled by hand, offsets pointing into its own text."""
    text = ("Niva Yau, a researcher at the OSCE Academy, said \"Kazakhstan will need China\". "
            "Trade between Kazakhstan and China reached $21 billion in 2020. "
            "The CSTO sent troops to Kazakhstan.")
    doc = Document(id="synthetic-1", text=text, title="Synthetic", published="2022-01-07")
    entities = (
        Entity("e1", "Niva Yau", "PERSON", ("Yau",), None, _spans(text, "Niva Yau"),
               (Role("researcher", "e2", span=_span(text, "researcher"), person="e1"),)),
        Entity("e2", "OSCE Academy", "ORG", (), None, _spans(text, "OSCE Academy")),
        Entity("e3", "Kazakhstan", "COUNTRY", (), "KZ", _spans(text, "Kazakhstan")),
        Entity("e4", "China", "COUNTRY", (), "CN", _spans(text, "China")),
        Entity("e5", "CSTO", "IGO", (), None, _spans(text, "CSTO")),
    )
    quote = Quote("q1", "Kazakhstan will need China", _span(text, "Kazakhstan will need China"),
                  "e1", "Niva Yau", "said", "direct", 0.9)
    figure = Figure("f1", "$21 billion", _span(text, "$21 billion"), 21e9, "USD",
                    Quantity(21e9, "USD"), measure="trade", subject="e3", object="e4", time="2020")
    relation = Relation("e1", "affiliated_with", "e2", _span(text, text[:42]), 0.9)
    event = Event("v1", "MOBILIZE", "e5", "e3", "e3", "2022-01-06", "sent", False, "asserted",
                  _span(text, "The CSTO sent troops to Kazakhstan"), 0.8)
    return ArticleRecord(doc, entities, (quote,), (figure,), (relation,), (event,), (),
                         extractors=("entities.ner.v1", "roles.test.v1", "quotes.test.v1", "figures.test.v1",
                          "relations.test.v1", "events.test.v1"))


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _spans(text: str, part: str) -> tuple[tuple[int, int], ...]:
    starts, i = [], text.find(part)
    while i >= 0:
        starts.append((i, i + len(part)))
        i = text.find(part, i + 1)
    return tuple(starts)


def store_record(store: Store, record: ArticleRecord) -> bool:
    from newsgraph.corpus import extractor_tables
    resolver = CorpusResolver.load(store)
    key = document_key(record.document.text)
    resolution = resolver.resolve(record, key)
    return store.write_article(StoredArticle(key, record, resolution.entity_ids,
                                             resolution.new_entities, resolution.new_aliases,
                                             extractor_of=extractor_tables(record)))


def build(folder: Path) -> Path:
    """The test corpus at folder/corpus.duckdb (built on first call)."""
    db = folder / "corpus.duckdb"
    if db.exists():
        return db
    inputs = write_inputs(folder)
    with Store.open(db) as store:
        ingest(store, read_inputs([str(SEED), str(inputs)]), load_settings())
        store_record(store, synthetic_record())
    return db


def generated_articles(n: int, seed: int = 7, *, sentences: int = 6) -> list[dict]:
    """n distinct short articles from random combinations: no two are near-duplicates."""
    rng = random.Random(seed)
    places = ["Peru", "Chile", "Kenya", "Ghana", "Norway", "Japan", "Egypt", "Mexico", "Spain",
              "Canada", "Poland", "Turkey", "Vietnam", "Morocco", "Sweden", "Iceland"]
    verbs = ["signed", "discussed", "rejected", "praised", "announced", "delayed", "reviewed"]
    things = ["a trade deal", "new tariffs", "a fishing accord", "border talks", "a loan",
              "an energy pact", "visa rules", "a water treaty", "port fees", "a rail project"]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    out = []
    for i in range(n):
        parts = []
        for _ in range(sentences):
            a, b = rng.sample(places, 2)
            parts.append(f"Officials from {a} {rng.choice(verbs)} {rng.choice(things)} with "
                             f"{b} on {rng.choice(days)}, and {rng.randint(2, 900)} delegates "
                             f"attended meeting number {rng.randint(1000, 99999)}.")
        out.append({"id": f"gen-{i}", "published": f"2019-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    "text": " ".join(parts)})
    return out


def shared_corpus(tmp_path_factory) -> Path:
    """The session's corpus database (read-only use; copy it before writing)."""
    folder = tmp_path_factory.getbasetemp() / "corpus"
    folder.mkdir(exist_ok=True)
    return build(folder)


def ingested(folder: Path, articles: list[dict], name: str = "corpus") -> Path:
    """`newsgraph ingest` of these JSONL articles into folder/NAME.duckdb, through the CLI."""
    from newsgraph.cli.main import main

    source = folder / f"{name}.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    db = folder / f"{name}.duckdb"
    assert main(["ingest", str(source), "--db", str(db)]) == 0
    return db
