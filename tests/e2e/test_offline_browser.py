"""The app needs no internet: a workshop room or an office network without it sees the same pages."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import wait_for_app


@pytest.mark.parametrize("path", ["/?r=64.74", "/target?r=65", "/presentasi?r=61.71"])
def test_a_page_asks_nothing_of_any_server_but_the_apps_own(page: Page, app_url: str, path: str):
    own = urlsplit(app_url).netloc
    elsewhere: list[str] = []
    page.on("request", lambda r: elsewhere.append(r.url) if urlsplit(r.url).netloc not in (own, "") else None)
    page.goto(f"{app_url}{path}")
    wait_for_app(page)
    page.wait_for_timeout(500)  # the favicon is set once the page config arrives
    assert elsewhere == []


AFTER = """(sel) => [...document.querySelectorAll(sel)].map((e) => getComputedStyle(e, '::after').content)"""


def test_the_uploader_speaks_indonesian_with_the_limit_it_was_given(page: Page, app_url: str):
    # Streamlit 1.67 writes 'Upload' and '20MB per file' in English only (ui.uploader_words draws them over)
    page.goto(f"{app_url}/data")
    wait_for_app(page)
    zone = "[data-testid=stFileUploaderDropzone]"
    assert page.evaluate(AFTER, f"{zone} button [data-testid=stMarkdownContainer] p") == ['"Unggah"']
    assert page.evaluate(AFTER, f"{zone} [data-testid=stFileUploaderDropzoneInstructions] span") == [
        '"Maks. 20 MB per berkas · CSV, XLSX"'
    ]
    page.goto(f"{app_url}/data?lang=en")
    wait_for_app(page)
    assert page.evaluate(AFTER, f"{zone} button [data-testid=stMarkdownContainer] p") == ["none"]
    assert page.locator(zone).get_by_text("Upload", exact=True).is_visible()
