"""How names are compared: folded spellings, the words of a name, titles, near-misspellings.

One place for it, so the article resolver, the corpus resolver and every lookup (CLI, Python
API, the page) agree that "Álvaro Uribe", "Alvaro Uribe" and "ALVARO URIBE" are one name, that
"Atta-Mills" is "Atta Mills", and that "President Bush" and "Mr Bush" name "Bush".
"""
from __future__ import annotations

import re
import unicodedata

from newsgraph.extract import lexicon

_SEPARATORS = re.compile(r"[\s\-‐‑–—_/]+")
_DROPPED = re.compile(r"[.'’‘`\"“”()\[\],;:!?]")


_INITIALS = re.compile(r"\b(\w) (\w)\b")


def fold_name(name: str) -> str:
    """Case, accents, full stops, apostrophes, hyphens and spacing do not tell names apart, nor
    spaced initials ("George H. W. Bush" is "George H.W. Bush")."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    spaced = _SEPARATORS.sub(" ", _DROPPED.sub("", plain)).strip().casefold()
    return _INITIALS.sub(r"\1\2", spaced)


def name_words(name: str) -> list[str]:
    """The folded words of a name: "Akufo-Addo" is ["akufo", "addo"]."""
    return fold_name(name).split()


def tidy_name(name: str) -> str:
    """One space between words, none at the edges."""
    return " ".join(name.split())


def without_titles(name: str) -> str:
    """"President Bush", "Mr. Blair", "the European Union": the name after its titles."""
    honorifics = {fold_name(h) for h in lexicon.words("honorifics")} | {"the"}
    words = tidy_name(name).split()
    while len(words) > 1:
        for size in (2, 1):
            if len(words) > size and fold_name(" ".join(words[:size])) in honorifics:
                words = words[size:]
                break
        else:
            break
    return " ".join(words)


def initials(name: str) -> str | None:
    """"G.W. Bush" -> "gw": the given names' initials when only initials precede the surname."""
    words = tidy_name(name).split()
    given = words[:-1]
    if not given or not all(_initial_word(w) for w in given):
        return None
    return "".join(c for w in given for c in w if c.isalpha()).casefold()


def _initial_word(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return 0 < len(letters) <= 3 and ("." in word or (word.isupper() and len(letters) <= 2))


def initials_match(short: str, full: str) -> bool:
    """"G.W. Bush" names "George W. Bush": same surname, the initials of its given names."""
    letters = initials(short)
    short_words, full_words = name_words(short), name_words(full)
    if letters is None or len(full_words) < 2 or short_words[-1] != full_words[-1]:
        return False
    return "".join(w[0] for w in full_words[:-1]).startswith(letters)


def one_edit_apart(a: str, b: str) -> bool:
    """One letter added, dropped, changed or two swapped ("Livini" / "Livni")."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        return len(diffs) == 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                                   and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]])
    short, long_ = sorted((a, b), key=len)
    i = next((k for k, (x, y) in enumerate(zip(short, long_)) if x != y), len(short))
    return short[i:] == long_[i + 1:]


# fold_name in SQL (DuckDB), for lookups that fold the stored names the same way.
_SQL_DROPPED = r"""'[.''’‘`"“”()\[\],;:!?]'"""
_SQL_INITIALS = r"""'\b(\w) (\w)\b'"""
_SQL_SEPARATORS = r"""'[\s\-‐‑–—_/]+'"""


def fold_sql(expression: str) -> str:
    """SQL that folds `expression` as `fold_name` folds a Python string."""
    spaced = (f"trim(regexp_replace(regexp_replace(strip_accents(lower({expression})), {_SQL_DROPPED}, '', 'g'), "
              f"{_SQL_SEPARATORS}, ' ', 'g'))")
    return f"regexp_replace({spaced}, {_SQL_INITIALS}, '\\1\\2', 'g')"
