"""Near-duplicate detection: MinHash over word shingles, looked up with LSH (datasketch).

Two texts are near-duplicates when the estimated Jaccard similarity of their sets of word
3-shingles (lower-cased, punctuation dropped) is at least THRESHOLD = 0.5. Syndicated and
lightly reworded copies of one story share well over half their three-word runs; two
different stories on the same topic (the same names, the same officials' titles) share
far fewer (typically under 0.15), so 0.5 keeps a wide margin on both sides. Exact copies
never get here: they have the same document key.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

THRESHOLD = 0.5
NUM_PERM = 128
SCHEME = "affine32"  # stored hash values are only comparable under the same scheme
SHINGLE = 3
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def minhash_of(text: str) -> MinHash:
    sketch = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    sketch.update_batch([s.encode("utf-8") for s in shingles(text)])
    return sketch


@dataclass(frozen=True)
class Match:
    key: str            # the earlier copy
    similarity: float   # estimated Jaccard similarity


class Fingerprints:
    """The fingerprints of the documents seen so far, searchable for near-duplicates."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._sketches: dict[str, MinHash] = {}
        self.threshold = threshold

    def load(self, items: Iterable[tuple[str, Iterable[int]]]) -> "Fingerprints":
        """Add stored fingerprints (key, hash values), e.g. from the database."""
        for key, values in items:
            self.add(key, MinHash(num_perm=NUM_PERM, hashvalues=list(values), scheme=SCHEME))
        return self

    def add(self, key: str, sketch: MinHash) -> None:
        if key not in self._sketches:
            self._lsh.insert(key, sketch)
            self._sketches[key] = sketch

    def remove(self, key: str) -> None:
        if self._sketches.pop(key, None) is not None:
            self._lsh.remove(key)

    def match(self, sketch: MinHash) -> Match | None:
        """The most similar earlier document at or above the threshold, if any."""
        scored = [(self._sketches[k].jaccard(sketch), k) for k in self._lsh.query(sketch)]
        scored = [(s, k) for s, k in scored if s >= self.threshold]
        if not scored:
            return None
        similarity, key = max(scored, key=lambda sk: (sk[0], sk[1]))
        return Match(key, round(similarity, 3))


def hash_values(sketch: MinHash) -> tuple[int, ...]:
    return tuple(int(v) for v in sketch.hashvalues)
