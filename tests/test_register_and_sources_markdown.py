"""Text people or files put in the register and the sources is shown as text: no links, images or formatting in
the app's own messages (Inovasi, /data), and a source URL is an http(s) URL or is refused."""

from __future__ import annotations

import re

from tests.conftest import open_db
from tests.test_undo_stale import button, rows, session

LINK = "[Sesi habis](https://evil.example/login) ![u](https://evil.example/u.png) **tebal** `kode"
BAD_URL = "https://a.example) ![u](https://evil.example/u.png)"


def live_markdown(text: str) -> list[str]:
    """Markdown characters left unescaped: what would turn into a link, an image, code or emphasis."""
    return re.findall(r"(?<!\\)[\[\]()!`*_<>]", text)


def test_a_publisher_and_a_pledge_label_from_data_render_as_text_in_the_pledge_caption(app_env):
    db = open_db(app_env)
    try:
        with db.transaction() as cur:  # text from data/, not a writer of the app: every table may change
            db.bump(cur)
            cur.execute("update sources set publisher = ? where source_id = 'pub-mekora-bontang-workshop-2025'", [LINK])
            cur.execute("update commitments set label = ? where commitment_id = 'bontang-1-opd-5-inovasi'", [LINK])
    finally:
        db.close()
    at = session("pages/innovations.py", r="64.74", y="2025", itab="Komitmen")
    assert not at.exception
    caption = next(c.value for c in at.caption if c.value.startswith("Sumber: "))
    assert LINK in caption.replace("\\", "") and live_markdown(caption) == []
    heading = next(h.value for h in at.header if "evil" in h.value)
    assert live_markdown(heading) == []


def test_a_register_refusal_quoting_a_typed_title_shows_the_title_as_text(app_env):
    at = session("pages/innovations.py", r="64.74", y="2025")
    for _ in range(2):  # the second time the title already exists: the refusal quotes it
        at.text_input(key="inv_new_title").input(LINK)
        at.selectbox(key="inv_new_unit").select("Dinas Kesehatan")
        button(at, "Tambah inovasi").click().run()
    assert not at.exception
    refusal = next(e.value for e in at.error if "sudah ada" in e.value)
    assert LINK in refusal.replace("\\", "") and live_markdown(refusal) == []


def test_the_import_forms_url_must_be_an_http_url(app_env):
    at = session("pages/data_in.py")
    at.text_input(key="imp_url").input(BAD_URL).run()
    assert any("tidak sah" in e.value for e in at.error)
    at.text_input(key="imp_url").input("https://jdih.example.go.id/perda-7-2025.pdf").run()
    assert not at.error


def test_the_source_form_refuses_a_url_that_is_not_an_http_url_and_keeps_what_was_typed(app_env):
    at = session("pages/data_in.py", dtab="Sumber")
    n = len(at.dataframe[0].value)
    at.text_input(key="src_title").input("Perda uji")
    at.text_input(key="src_url").input(BAD_URL)
    button(at, "Simpan sumber").click().run()
    assert not at.exception
    assert any("tidak sah" in e.value for e in at.error)
    assert len(at.dataframe[0].value) == n
    assert at.text_input(key="src_title").value == "Perda uji"  # nothing typed is lost

    at.text_input(key="src_url").input("https://jdih.example.go.id/perda-uji.pdf")
    button(at, "Simpan sumber").click().run()
    assert any("Sumber tersimpan" in s.value for s in at.success)
    assert len(at.dataframe[0].value) == n + 1
    assert at.text_input(key="src_title").value == ""


def test_the_sources_table_links_only_http_urls(app_env):
    db = open_db(app_env)
    try:
        with db.transaction() as cur:
            db.bump(cur, "sources")
            cur.execute(
                "update sources set url = 'javascript:alert(1)' where source_id = 'pub-mekora-bontang-workshop-2025'"
            )
    finally:
        db.close()
    at = session("pages/data_in.py", dtab="Sumber")
    table = at.dataframe[0].value.set_index("source_id")
    assert table.loc["pub-mekora-bontang-workshop-2025", "url"] == ""  # no link, and no grey "None" either
    assert rows(app_env, "select count(*) from sources where url like 'https://%'")[0][0] > 0
    links = table["url"][table["url"] != ""]
    assert len(links) > 0 and links.str.startswith(("http://", "https://")).all()
