"""A setting that cannot be used is said where it matters: on the data page by the upload, and by the command line.

Issue 16, item 11: `IID_UPLOAD_LIMIT_MB=abc` falls back to 20 MB, and the person who set it is told.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import app_test

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


def data_page() -> AppTest:
    at = app_test(60)
    at.switch_page("pages/data_in.py")
    return at.run()


def warnings(at: AppTest) -> list[str]:
    return [w.value.replace("\\", "") for w in at.warning]  # data text in messages is markdown-escaped


def test_the_data_page_warns_about_an_unusable_upload_limit_and_still_offers_the_upload(app_env, monkeypatch):
    monkeypatch.setenv("IID_UPLOAD_LIMIT_MB", "abc")
    at = data_page()
    assert not at.exception
    [said] = [w for w in warnings(at) if "IID_UPLOAD_LIMIT_MB" in w]
    assert "'abc'" in said and "nilai bawaan 20 dipakai" in said
    assert at.get("file_uploader")


def test_the_data_page_says_nothing_about_settings_that_are_fine(app_env, monkeypatch):
    monkeypatch.setenv("IID_UPLOAD_LIMIT_MB", "5")
    at = data_page()
    assert not at.exception and not [w for w in warnings(at) if "IID_UPLOAD_LIMIT_MB" in w]


def run(*args: str, db: Path, limit: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "IID_UPLOAD_LIMIT_MB"}
    if limit is not None:
        env["IID_UPLOAD_LIMIT_MB"] = limit
    return subprocess.run(
        [sys.executable, "-m", "iid", "--db", str(db), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("lang", "words"),
    [("id", "IID_UPLOAD_LIMIT_MB='abc' tidak dapat dipakai"), ("en", "IID_UPLOAD_LIMIT_MB='abc' cannot be used")],
)
def test_the_cli_says_once_on_stderr_that_an_unusable_setting_gets_its_default(built_db_path, lang, words):
    out = run("--lang", lang, "status", "--json", db=built_db_path, limit="abc")
    assert out.returncode == 0, out.stderr
    assert out.stderr.count(words) == 1
    assert words not in out.stdout  # the JSON stays readable by a program


def test_the_cli_says_nothing_when_the_settings_are_fine(built_db_path):
    out = run("status", "--json", db=built_db_path, limit="5")
    assert out.returncode == 0 and "IID_UPLOAD_LIMIT_MB" not in out.stderr
