"""The HTTP API against a real database built by `newsgraph ingest` and a real uvicorn server."""
from __future__ import annotations

import re
import socket
import subprocess
import sys
import time

import httpx
import pytest

from newsgraph.cli.main import main
from newsgraph.store import StoreError
from newsgraph.web import bind_warning
from newsgraph.web import queries as web_queries
from newsgraph.web.app import STATIC
from newsgraph.web.graph import colour, tone
from web_corpus import build_corpus, serving

LIST_ENDPOINTS = ("/api/entities", "/api/quotes", "/api/figures", "/api/relations", "/api/events",
                  "/api/documents")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_corpus(tmp_path_factory)


@pytest.fixture(scope="module")
def server(db):
    with serving(db) as (base, app):
        yield base, app


@pytest.fixture(scope="module")
def http(server):
    with httpx.Client(base_url=server[0], timeout=10) as client:
        yield client


def ok(http: httpx.Client, url: str, **params) -> dict:
    response = http.get(url, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["ok"] is True
    return body


def names(body: dict) -> list[str]:
    return [item["name"] for item in body["items"]]


# -- entities -----------------------------------------------------------------------------------

@pytest.mark.parametrize("params, first", [
    ({"q": "Xi"}, "Xi Jinping"),                 # search by name
    ({"q": "wenbin"}, "Wang Wenbin"),            # case-insensitive
    ({"q": "Tokayev"}, "Kassym-Jomart Tokayev"),  # by alias
    ({"type": "COUNTRY"}, "China"),              # most mentioned first
])
def test_entity_search(http, params, first):
    assert names(ok(http, "/api/entities", **params))[0] == first


def test_entity_type_filter_keeps_only_that_type(http):
    items = ok(http, "/api/entities", type="PERSON", limit=200)["items"]
    assert items and {item["type"] for item in items} == {"PERSON"}


def test_pages_do_not_overlap_and_the_last_has_no_next(http):
    first = ok(http, "/api/entities", limit=5)
    second = ok(http, "/api/entities", limit=5, offset=first["next_offset"])
    assert first["next_offset"] == 5 and len(first["items"]) == 5
    assert not set(names(first)) & set(names(second))
    everything = ok(http, "/api/entities", limit=200)
    assert everything["next_offset"] is None
    assert names(everything)[5:10] == names(second)


def test_one_entity_has_aliases_roles_counts_and_located_quotes(http):
    body = ok(http, "/api/entities/Wang Wenbin")
    assert body["entity"]["name"] == "Wang Wenbin" and body["entity"]["type"] == "PERSON"
    assert "Wang" in body["aliases"]
    assert any(role["title"] == "spokesman" for role in body["roles"])
    assert body["counts"]["mentions"] >= 2 and body["counts"]["quotes_by"] >= 1
    quote = next(q for q in body["quotes_by"] if q["text"].startswith("China supports all efforts"))
    text = ok(http, f"/api/documents/{quote['doc']}")["document"]["text"]
    assert text[quote["start"]:quote["end"]] == quote["text"]


def test_entity_by_id_equals_entity_by_name(http):
    by_name = ok(http, "/api/entities/Xi Jinping")
    by_id = ok(http, f"/api/entities/{by_name['entity']['id']}")
    assert by_id["entity"] == by_name["entity"]


# -- facts ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("params, check", [
    ({"speaker": "Niva Yau"}, lambda q: q["speaker"] == "Niva Yau"),
    ({"speaker": "Yau", "kind": "direct"}, lambda q: q["speaker"] == "Niva Yau" and q["kind"] == "direct"),
    ({"q": "turmoil"}, lambda q: "turmoil" in q["text"]),
    ({"about": "Kazakhstan"}, lambda q: "Kazakh" in q["text"]),
])
def test_quotes_filters(http, params, check):
    items = ok(http, "/api/quotes", **params)["items"]
    assert items and all(check(q) for q in items)


@pytest.mark.parametrize("url, params", [
    ("/api/figures", {"about": "Kazakhstan"}),
    ("/api/relations", {"about": "China"}),
    ("/api/events", {"actor": "Russia", "target": "Kazakhstan", "since": "2000", "until": "2030-12"}),
    ("/api/events", {"category": "MOBILIZE"}),
])
def test_fact_lists_answer_with_the_page_shape(http, url, params):
    body = ok(http, url, **params)
    assert set(body) == {"ok", "items", "limit", "offset", "next_offset"}
    assert isinstance(body["items"], list)


def test_event_target_filter_keeps_only_that_target(http):
    items = ok(http, "/api/events", target="Kazakhstan", limit=200)["items"]
    assert all(item["target"] == "Kazakhstan" for item in items)


@pytest.mark.parametrize("url", LIST_ENDPOINTS)
def test_every_list_endpoint_takes_q_limit_offset(http, url):
    spec = http.get("/openapi.json").json()["paths"][url]["get"]["parameters"]
    declared = {p["name"] for p in spec}
    assert {"q", "limit", "offset"} <= declared
    limit = next(p for p in spec if p["name"] == "limit")["schema"]
    assert limit["maximum"] == web_queries.MAX_LIMIT
    responses = http.get("/openapi.json").json()["paths"][url]["get"]["responses"]
    assert "422" not in responses and responses["400"]["content"]  # documented as it is answered


# -- places -----------------------------------------------------------------------------------------

def test_places_of_the_corpus_have_coordinates_mentions_and_event_colours(http):
    body = ok(http, "/api/places")
    places = {p["name"]: p for p in body["items"]}
    assert {"Kazakhstan", "China", "Russia", "Afghanistan"} <= set(places)
    kazakhstan = places["Kazakhstan"]
    assert (kazakhstan["lat"], kazakhstan["lon"]) == (48.0, 68.0) and kazakhstan["mentions"] >= 10
    assert "MOBILIZE" in kazakhstan["events"]  # the troops sent to it
    top = next(iter(kazakhstan["events"]))
    assert kazakhstan["colour"] == colour(tone(top))
    mentions = [p["mentions"] for p in body["items"]]
    assert mentions == sorted(mentions, reverse=True)
    assert len(body["legend"]) == 16


def test_places_of_an_entity_or_an_article_stay_within_them(http):
    hostile_places = ok(http, "/api/places", entity="Emmanuel Macron")["items"]
    assert {p["name"] for p in hostile_places} <= {"France", "Geneva", "Paris"}
    assert "Kazakhstan" not in {p["name"] for p in hostile_places}
    doc = ok(http, "/api/documents", q="Tokayev")["items"][0]["key"]
    assert {p["name"] for p in ok(http, "/api/places", document=doc)["items"]} >= {"Kazakhstan", "China"}


def test_one_place_lists_its_articles_and_the_events_told_there(http):
    body = ok(http, "/api/places/Kazakhstan")
    assert body["place"]["name"] == "Kazakhstan" and len(body["documents"]) == 1
    assert body["events"] and all(e["colour"] for e in body["events"])
    text = ok(http, f"/api/documents/{body['events'][0]['doc']}")["document"]["text"]
    event = body["events"][0]
    assert "Kazakh" in text[event["start"]:event["end"]]


def test_places_refuse_two_selections_at_once(http):
    response = http.get("/api/places", params={"entity": "China", "document": "x"})
    assert response.status_code == 400 and "at most one" in response.json()["error"]


def test_entity_answer_carries_its_timeline_tracks(http):
    body = ok(http, "/api/entities/Wang Wenbin")
    assert sum(row["quotes"] for row in body["quotes_over_time"]) == body["counts"]["quotes_by"]
    assert all(row["colour"] for row in ok(http, "/api/entities/Kazakhstan")["events_over_time"])


# -- graph ------------------------------------------------------------------------------------------

def test_overview_graph_sizes_nodes_by_mentions(http):
    body = ok(http, "/api/graph", limit=10)
    mentions = [n["mentions"] for n in body["nodes"]]
    assert len(mentions) == 10 and mentions == sorted(mentions, reverse=True)
    assert body["nodes"][0]["name"] == "China"
    ids = {n["id"] for n in body["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in body["edges"])


def test_neighbourhood_reaches_further_with_depth(http):
    near = ok(http, "/api/graph", entity="Xi Jinping", depth=1)
    far = ok(http, "/api/graph", entity="Xi Jinping", depth=3)
    assert "Xi Jinping" in [n["name"] for n in near["nodes"]]
    assert {n["id"] for n in near["nodes"]} <= {n["id"] for n in far["nodes"]}
    assert len(far["nodes"]) > len(near["nodes"])  # Xi leads China, which borders Kazakhstan ...


def test_edges_are_relations_and_events_coloured_by_plover_tone(http):
    edges = ok(http, "/api/graph", limit=100)["edges"]
    assert {e["kind"] for e in edges} == {"relation", "event"}
    for edge in edges:
        if edge["kind"] == "event":
            assert edge["colour"] == colour(tone(edge["label"])) and edge["quad"]


@pytest.mark.parametrize("action, expected", [("AGREE", 1.0), ("ASSAULT", -1.0), ("UNKNOWN", 0.0)])
def test_plover_tone_runs_from_cooperation_to_conflict(action, expected):
    assert tone(action) == expected


@pytest.mark.parametrize("value, expected", [(1.0, "#1a9850"), (0.0, "#fee08b"), (-1.0, "#d73027")])
def test_tone_colours(value, expected):
    assert colour(value) == expected


# -- documents and escaping -------------------------------------------------------------------

def test_document_view_has_text_and_all_spans(http):
    docs = ok(http, "/api/documents", q="kazakhstan")["items"]
    assert len(docs) == 1
    view = ok(http, f"/api/documents/{docs[0]['key'][:10]}")
    text = view["document"]["text"]
    assert view["mentions"] and view["quotes"]
    for mention in view["mentions"]:
        assert text[mention["start"]:mention["end"]].strip()
    for quote in view["quotes"]:  # a quote's text may leave out an interrupting "she said"
        span, words = text[quote["start"]:quote["end"]], quote["text"].split()
        assert span.startswith(words[0]) and words[-1] in span


def test_markup_in_an_article_comes_back_as_json_text_only(http):
    key = ok(http, "/api/documents", q="<script>")["items"][0]["key"]
    response = http.get(f"/api/documents/{key}")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "<script>window.__pwned = 1</script>" in response.json()["document"]["text"]
    page = http.get("/")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "__pwned" not in page.text  # the page is static: data never enters it as markup
    script = (STATIC / "article.js").read_text() + (STATIC / "entity.js").read_text()
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script


def test_page_and_docs_need_no_network(http):
    page = http.get("/").text
    assert not re.search(r"""(src|href)=["']https?:""", page)
    for asset in re.findall(r"""(?:src|href)=["'](/static/[^"']+)""", page):
        assert http.get(asset).status_code == 200, asset
    docs = http.get("/docs").text
    assert "/static/vendor/swagger-ui-bundle.js" in docs and "cdn." not in docs
    assert (STATIC / "vendor" / "cytoscape.LICENSE").is_file()


# -- one error shape ----------------------------------------------------------------------------

ERRORS = [
    ("GET", "/api/nowhere", {}, None, 404),
    ("GET", "/static/nowhere.js", {}, None, 404),
    ("GET", "/static/../../../etc/passwd", {}, None, 404),
    ("GET", "/api/entities/Nobody Atall", {}, None, 404),
    ("GET", "/api/documents/no-such-document", {}, None, 404),
    ("GET", "/api/quotes", {"speaker": "Nobody Atall"}, None, 404),
    ("GET", "/api/entities", {"limit": "1000"}, None, 400),
    ("GET", "/api/entities", {"limit": "0"}, None, 400),
    ("GET", "/api/entities", {"offset": "-1"}, None, 400),
    ("GET", "/api/entities", {"limit": "ten"}, None, 400),
    ("GET", "/api/entities", {"type": "WIZARD"}, None, 400),
    ("GET", "/api/entities", {"q": "x" * 201}, None, 400),
    ("GET", "/api/entities", {"spelling": "mistake"}, None, 400),
    ("GET", "/api/events", {"category": "HUG"}, None, 400),
    ("GET", "/api/events", {"since": "2020-13-01"}, None, 400),
    ("GET", "/api/events", {"until": "yesterday"}, None, 400),
    ("GET", "/api/graph", {"depth": "9"}, None, 400),
    ("GET", "/api/quotes", {"kind": "shouted"}, None, 400),
    ("POST", "/api/entities", {}, None, 405),
    ("DELETE", "/api/documents/x", {}, None, 405),
    ("POST", "/api/entities", {}, b"x" * 100_000, 413),
    ("GET", "/api/entities", {"q": "y" * 5000}, None, 414),
]


@pytest.mark.parametrize("method, url, params, body, status", ERRORS)
def test_every_error_has_one_shape(http, method, url, params, body, status):
    response = http.request(method, url, params=params, content=body)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    payload = response.json()
    assert set(payload) == {"ok", "error", "status"}
    assert payload["ok"] is False and payload["status"] == status and payload["error"]


def test_other_host_names_are_refused(http):
    # DNS rebinding: a page on evil.example resolving to 127.0.0.1 must not read the corpus
    response = http.get("/api/entities", headers={"Host": "evil.example"})
    assert response.status_code == 400 and response.json()["ok"] is False


def test_chunked_bodies_are_refused(http):
    response = http.post("/api/entities", content=(part for part in [b"x"] * 3))
    assert response.status_code == 411
    assert response.json() == {"ok": False, "error": response.json()["error"], "status": 411}


@pytest.mark.parametrize("failure, status, message", [
    (RuntimeError("secret internals"), 500, "internal error"),
    (StoreError("disk on fire"), 503, "the database could not answer: disk on fire"),
])
def test_failures_inside_keep_the_shape_and_hide_internals(http, monkeypatch, failure, status, message):
    def broken(*args, **kwargs):
        raise failure
    monkeypatch.setattr(web_queries, "documents", broken)
    response = http.get("/api/documents")
    assert response.status_code == status
    assert response.json() == {"ok": False, "error": message, "status": status}


def test_database_is_read_only(server):
    with pytest.raises(StoreError):
        server[1].state.store.fetch("CREATE TABLE mischief (a INTEGER)")


# -- the serve command -----------------------------------------------------------------------

@pytest.mark.parametrize("host, warns", [("127.0.0.1", False), ("localhost", False), ("::1", False),
                                          ("0.0.0.0", True), ("192.168.1.5", True), ("::", True)])
def test_binding_beyond_this_machine_warns(host, warns):
    assert (bind_warning(host) is not None) == warns


def test_serve_without_a_database_says_so(tmp_path, capsys):
    assert main(["serve", "--db", str(tmp_path / "missing.duckdb")]) == 2
    assert "no such database" in capsys.readouterr().err


def test_serve_refuses_a_bad_port(db, capsys):
    assert main(["serve", "--db", str(db), "--port", "70000"]) == 2
    assert "--port" in capsys.readouterr().err


def test_serve_command_serves_the_page_and_the_api(db):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "newsgraph.cli.main", "serve", "--db", str(db), "--port", str(port)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(base + "/api/entities", params={"q": "Xi"}, timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None and time.monotonic() < deadline, "serve did not start"
                time.sleep(0.2)
        assert response.json()["items"][0]["name"] == "Xi Jinping"
        assert "cytoscape.min.js" in httpx.get(base + "/").text
    finally:
        process.terminate()
        _, err = process.communicate(timeout=20)
    assert f"serving {db} at http://127.0.0.1:{port}/" in err and "warning" not in err
