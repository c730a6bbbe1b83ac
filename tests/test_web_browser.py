"""The page in Debian's Chromium, driven by Playwright, with every request outside the server refused:
search, the entity view, a quote clicked open on its highlighted sentence, hostile markup kept inert."""
from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from web_corpus import ROOT, build_corpus, serving

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
# The README's picture is refreshed only on request, so a test run leaves the tree clean.
SCREENSHOT_FOR_README = ROOT / "docs" / "screenshot.png"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="Debian's chromium is not installed at /usr/bin/chromium "
                                       "(apt-get install chromium; .ci/run does this)")


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    with serving(build_corpus(tmp_path_factory)) as (url, _app):
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, base):
    """A fresh page that may reach only the server: anything else is aborted and recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.outside, page.errors = [], []
    server = urlsplit(base).netloc

    def only_local(route):
        if urlsplit(route.request.url).netloc == server:
            route.continue_()
        else:
            page.outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.set_default_timeout(30_000)  # generous: CI machines are often busy
    yield page
    context.close()


def open_by_search(page, text: str, name: str) -> None:
    page.fill("#search", text)
    page.click(f"#results a:text-is('{name}')")
    page.wait_for_selector(f"h2.entity-name:has-text('{name}')")


def test_search_entity_quote_and_its_sentence(page, base, tmp_path):
    page.goto(base + "/")
    page.wait_for_selector("#network canvas")
    open_by_search(page, "Xi", "Xi Jinping")
    assert "President" in page.inner_text("#view")          # roles shown
    open_by_search(page, "Wang", "Wang Wenbin")
    quote = page.locator("a.fact.quote", has_text="China supports all efforts")
    assert "Wang Wenbin" in quote.locator("xpath=..").inner_text()  # attributed to him
    quote.click()
    page.wait_for_selector("#article-text .focus-fact")
    sentence = "".join(page.locator("#article-text .focus").all_inner_texts())
    assert sentence.startswith("Wang Wenbin, spokesman for the Chinese Foreign Ministry")
    assert "China supports all efforts" in "".join(page.locator(".focus-fact").all_inner_texts())
    assert page.locator(".focus-fact").first.is_visible()
    assert page.evaluate("() => { const r = document.querySelector('.focus-fact').getBoundingClientRect();"
                         " return r.top >= 0 && r.bottom <= window.innerHeight; }")
    shot = SCREENSHOT_FOR_README if os.environ.get("NEWSGRAPH_SCREENSHOT") else tmp_path / "page.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert page.outside == [] and page.errors == [], (page.outside, page.errors)


def test_keyboard_alone_opens_an_entity(page, base):
    page.goto(base + "/")
    page.fill("#search", "Yau")
    page.wait_for_selector("#results a")
    page.press("#search", "ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_selector("h2.entity-name:has-text('Niva Yau')")
    assert page.is_hidden("#results")


def test_network_node_opens_the_entity(page, base):
    page.goto(base + "/")
    page.wait_for_selector("#network canvas")
    page.wait_for_function("() => document.querySelectorAll('#legend .key').length > 20")
    page.goto(base + "/#entity/Niva%20Yau")
    page.wait_for_selector("h2.entity-name:has-text('Niva Yau')")
    assert page.locator("a.fact.quote").count() >= 2
    assert page.outside == [] and page.errors == [], (page.outside, page.errors)


def test_markup_in_an_article_is_shown_not_run(page, base):
    page.goto(base + "/#documents")
    page.locator("#view a").filter(has_text=re.compile("hostile|Markup in the news")).click()
    page.wait_for_selector("#article-text")
    text = page.inner_text("#article-text")
    assert "<script>window.__pwned = 1</script>" in text
    assert '<img src=x onerror="window.__pwned = 2">' in text
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("#article-text script, #article-text img").count() == 0
    assert page.outside == [] and page.errors == [], (page.outside, page.errors)
