"""Acceptance: the seed article's entities against the hand annotation (issue 2 floors)."""


def test_entity_f1_floor(seed_scores):
    assert seed_scores["entities"]["f1"] >= 0.90, seed_scores["entities"]


def test_entity_type_accuracy_floor(seed_scores):
    assert seed_scores["entities"]["type_accuracy"] >= 0.85, seed_scores["entities"]
