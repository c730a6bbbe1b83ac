"""Generated hostile and odd inputs for the fuzz test (tests/test_fuzz.py) and bench/fuzz.py.

Deterministic for a seed. Texts mix news-like sentences with what breaks parsers: numbers of
every shape (huge, exponents, currencies, percent runs), quotes and brackets left open, lone
surrogates and control characters, combining marks, right-to-left text, emoji, whitespace runs.
JSONL lines add broken JSON, wrong types, deep nesting and huge numbers; HTML pages add broken
markup, scripts, comments and character references.
"""
from __future__ import annotations

import json
import random

NAMES = ("Amina Diallo", "the Ministry of Finance", "Kenya", "Oslo", "NATO", "Jean-Luc Martin", "the UN",
         "Prime Minister Ana Costa", "São Paulo", "Mr. O'Brien", "the E.U.", "Ukraine", "Dr Li Wei")
VERBS = ("said", "told reporters", "announced", "denied", "warned", "agreed", "added", "accused", "met")
NUMBERS = ("5", "1,000", "2.5 million", "$3bn", "€4.2 billion", "12%", "40 per cent", "1e400", "$1e400",
           "9" * 60, "-0", "0.000001", "½", "3/4", "1.2.3.4", "$$$5", "%%%", "5%%", "£", "¥40", "10-15",
           "nan", "Infinity", "1e-400", "２０２４", "٣", "$1,2,3", "7,000,000,000,000,000,000,000")
DATES = ("on Monday", "in 2020", "on 3 May 2021", "last week", "in May", "on 31 February", "in 99999",
         "on 2021-13-45", "yesterday", "in the 1990s", "on 1/2/3")
ODD = ("\ud800", "\udfff", "\x00", "\x07", "\u200b", "\u202e", "\ufeff", "e\u0301\u0301\u0301", "👩‍👩‍👧",
       "\u05e9\u05dc\u05d5\u05dd", "\u0627\u0644\u0633\u0644\u0627\u0645", "\r\n", "\t\t", "  ", "\n\n\n", "…",
       "“", "”", "\"", "'", "(", ")", "[", "]", "—", "--", "«", "»", "\\", "&amp;", "<b>", "{", "}")
TEMPLATES = (
    "{name} {verb} {date} that spending rose by {number}.",
    "\"We will not accept {number},\" {name} {verb}.",
    "{name} {verb} {name} in {name} {date}.",
    "Exports of {name} reached {number} {date}, up {number} from {number}.",
    "{number} {number} {number} {number}",
    "“{name} {verb} {number}",
    "{name}, {name} and {name} {verb} {number} troops {date}.",
)
HTML_BITS = ("<p>", "</p>", "<div>", "</div>", "<script>alert(1)</script>", "<!-- x -->", "<br>",
             "<table><tr><td>", "&#0;", "&#xD800;", "&#x110000;", "&nbsp;", "<![CDATA[x]]>", "<title>T</title>",
             "<article>", "</article>", "<a href='javascript:x'>", "<p", ">>", "<<", "</html>", "<?xml?>")


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def sentence(self) -> str:
        pick = self.rng.choice
        text = pick(TEMPLATES)
        while "{" in text:
            text = (text.replace("{name}", pick(NAMES), 1).replace("{verb}", pick(VERBS), 1)
                    .replace("{date}", pick(DATES), 1).replace("{number}", pick(NUMBERS), 1))
        return text

    def text(self) -> str:
        """A few sentences, with odd characters and runs spliced in."""
        parts = []
        for _ in range(self.rng.randint(1, 6)):
            parts.append(self.sentence())
            for _ in range(self.rng.choice((0, 0, 1, 3))):
                parts.append(self.rng.choice(ODD) * self.rng.choice((1, 1, 2, 50)))
        return self.rng.choice((" ", "\n", "", "\n\n")).join(parts)

    def jsonl_line(self) -> str:
        """One line of a JSONL file: mostly an article object, sometimes not JSON at all."""
        kind = self.rng.randrange(10)
        article = {"id": f"fz{self.rng.randrange(10**6)}", "text": self.text()}
        if kind == 0:
            return json.dumps(article)[: self.rng.randrange(1, 40)]  # cut off
        if kind == 1:
            return json.dumps([article])
        if kind == 2:
            article["extra"] = "[" * 3000 + "]" * 3000  # a string, but JSON-looking
            return json.dumps(article)[:-1] + ', "deep": ' + "[" * 5000 + "]" * 5000 + "}"
        if kind == 3:
            return json.dumps(article)[:-1] + ', "big": ' + "9" * self.rng.choice((10, 4301, 9000)) + "}"
        if kind == 4:
            return json.dumps({"id": [1, 2], "text": self.rng.choice((None, 5, ["x"], {"a": 1}, ""))})
        if kind == 5:
            return json.dumps({"id": "fz-html", "html": self.html()})
        if kind == 6:
            return json.dumps({**article, "title": self.rng.choice(ODD) * 3, "published": "2021-13-45"})
        return json.dumps(article, ensure_ascii=self.rng.random() < 0.5)

    def html(self) -> str:
        """A page: sometimes well formed with a main text, sometimes tag soup."""
        body = []
        for _ in range(self.rng.randint(1, 8)):
            if self.rng.random() < 0.6:
                body.append(f"<p>{self.text()}</p>")
            else:
                body.append(self.rng.choice(HTML_BITS) * self.rng.choice((1, 1, 2, 30)))
        return "<html><head><title>" + self.sentence() + "</title></head><body>" + "".join(body)

    def raw_bytes(self) -> bytes:
        """A file's bytes: a text in some encoding, or noise."""
        text = self.text()
        encoding = self.rng.choice(("utf-8", "utf-8", "utf-16", "utf-16-le", "utf-32", "cp1252", "noise"))
        if encoding == "noise":
            return bytes(self.rng.randrange(256) for _ in range(self.rng.randrange(1, 400)))
        return text.encode(encoding, errors="replace" if encoding == "cp1252" else "surrogatepass")
