"""Accuracy against gold: records (hand-annotated articles), places (geocoded toponyms) and
quotes (PolNeAR attributions). Each module scores record dicts (spec/extraction.md), so the
same rules apply to newsgraph's own output and to records made elsewhere."""
from newsgraph.evaluate.matching import Finding, first_findings
from newsgraph.evaluate.places import PlacesScore, score_places
from newsgraph.evaluate.polnear import GoldArticle, read_polnear
from newsgraph.evaluate.quotes import QuotesScore, score_quotes
from newsgraph.evaluate.records import GoldFile, SetScore, read_gold_dir, score_records

__all__ = ["Finding", "GoldArticle", "GoldFile", "PlacesScore", "QuotesScore", "SetScore", "first_findings",
           "read_gold_dir", "read_polnear", "score_places", "score_quotes", "score_records"]
