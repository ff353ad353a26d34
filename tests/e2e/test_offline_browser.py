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
