"""The HTML page in a real browser (headless Chromium through Playwright): a batch of five reports, one
of each status, renders with the summary on the first screen and no horizontal scroll, on a desktop
and on a phone; printed, each report starts a page of its own.

Needs `pip install playwright` and a Chromium (`apt-get install chromium`, found at /usr/bin/chromium or
through JIXIAO_CHROMIUM); skipped, saying which is missing, where either is not there."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from verdict_batch import LABELS, STATUS_OF, five_reports, make_batch

playwright_api = pytest.importorskip("playwright.sync_api",
                                     reason="Playwright is not installed (pip install playwright)")


def _chromium() -> str | None:
    for candidate in (os.environ.get("JIXIAO_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


CHROMIUM = _chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium found (apt-get install chromium, "
                                                         "or set JIXIAO_CHROMIUM to its path)")


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    from jixiao.pluginmanager import default_plugins
    import io

    batch = make_batch(five_reports(tmp_path_factory.mktemp("browser")))
    buffer = io.BytesIO()
    default_plugins().formatters["html"].write(batch, buffer, {"lang": "zh"})
    path = tmp_path_factory.mktemp("html") / "audit.html"
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as driver:
        try:
            launched = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        except Exception as exc:  # pragma: no cover - a Chromium that cannot start here
            pytest.skip(f"Chromium at {CHROMIUM} does not start: {exc}")
        yield launched
        launched.close()


@pytest.mark.parametrize("width, height", [(1280, 800), (390, 844)])
def test_the_summary_is_on_the_first_screen_without_horizontal_scroll(browser, page_file, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page_file.as_uri())
    assert requests == [page_file.as_uri()]  # self-contained: nothing else is fetched
    summary = page.locator("#summary")
    assert summary.is_visible()
    box = summary.bounding_box()
    assert box is not None and box["y"] < height / 2  # the summary leads the page
    for status, label in LABELS.items():  # every status count is on the first screen
        tile = page.locator(f".tile.{status}")
        assert tile.is_visible() and label in tile.inner_text()
        tile_box = tile.bounding_box()
        assert tile_box["y"] + tile_box["height"] <= height, status
    scroll_width, client_width = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll_width <= client_width, (scroll_width, client_width)
    assert page.locator("section.report").count() == len(STATUS_OF)
    page.screenshot(path=str(page_file.with_name(f"audit-{width}.png")))
    page.close()


def test_hints_are_folded_and_each_report_prints_on_its_own_page(browser, page_file):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(page_file.as_uri())
    hints = page.locator("details.hints").first
    assert not hints.evaluate("element => element.open")
    assert not hints.locator(".finding").first.is_visible()  # folded away until opened
    page.emulate_media(media="print")
    breaks = page.evaluate("Array.from(document.querySelectorAll('section.report'))"
                           ".map(s => getComputedStyle(s).breakBefore)")
    assert breaks == ["page"] * len(STATUS_OF)
    page.close()
