"""iid/cluster.py: the nginx site for N app servers, finding Debian's nginx, and a cluster that routes by cookie."""

from __future__ import annotations

import re
import shutil
import socket
import socketserver
import subprocess
import threading
import urllib.request
from pathlib import Path

import pytest

from iid import cluster
from iid.cluster import ROUTE_COOKIE, SERVER_HEADER, Cluster


def test_the_site_lists_every_app_server_once_and_fills_every_placeholder():
    site = cluster.render_site([8501, 8502, 8503], listen="443 ssl", server_name="iid.bontangkota.go.id")
    assert not re.search(r"@[A-Z_]+@", site)  # no @PLACEHOLDER@ left
    assert [line.split()[1] for line in site.splitlines() if line.strip().startswith("server 127")] == [
        "127.0.0.1:8501",
        "127.0.0.1:8502",
        "127.0.0.1:8503",
    ]
    assert "listen 443 ssl;" in site and "server_name iid.bontangkota.go.id;" in site


def test_a_site_without_app_servers_is_refused():
    with pytest.raises(ValueError, match="at least one"):
        cluster.render_site([])


def test_the_rendered_site_is_valid_nginx(tmp_path: Path):
    site = tmp_path / "iid.conf"
    site.write_text(cluster.render_site([8501, 8502], listen="127.0.0.1:18080"))
    conf = tmp_path / "nginx.conf"
    nginx = cluster.find_nginx()
    conf.write_text(cluster.main_conf(tmp_path, site, nginx))
    done = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_nginx_closes_an_idle_connection_to_an_app_server_before_the_app_server_does():
    import uvicorn  # Streamlit's server: it closes a connection idle for timeout_keep_alive seconds

    site = cluster.render_site([8501, 8502])
    upstream = site[site.index("upstream iid_app") : site.index("}", site.index("upstream iid_app"))]
    nginx_s = int(re.search(r"keepalive_timeout (\d+)s;", upstream).group(1))
    assert nginx_s < uvicorn.Config(app=None).timeout_keep_alive


class _Upstream(socketserver.ThreadingTCPServer):
    """A stand-in app server on a free loopback port. Once `closing` is set, it closes a connection it has answered a
    request on when the next request comes on it (once), the way a server does when its idle timeout ends while nginx
    is sending a request on the connection it keeps."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        self.closing = False
        super().__init__(("127.0.0.1", 0), _Answer)
        threading.Thread(target=self.serve_forever, daemon=True).start()


class _Answer(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        answered = 0
        while True:
            head = b""
            while not head.endswith(b"\r\n\r\n"):
                line = self.rfile.readline()
                if not line:
                    return
                head += line
            if answered and self.server.closing:
                self.server.closing = False  # once
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n")
            answered += 1


def test_one_failed_request_does_not_move_every_session_of_that_server_to_another():
    """nginx answers the failed request from the next server, and keeps sending the route to its own server after."""
    a, b = _Upstream(), _Upstream()
    try:
        with Cluster.in_front_of([a.server_address[1], b.server_address[1]]) as c:
            # which server a route goes to depends on the ports: the search may also meet a's kept connection
            route = c.route_to(0)
            a.closing = True
            assert c.routed(route) == (200, 1)  # the kept connection is closed under it: answered by b, no error
            assert [c.routed(route) for _ in range(3)] == [(200, 0)] * 3  # a still serves its route
            assert "prematurely closed" in c.error_log()
        assert c.leftover() == []
    finally:
        a.shutdown()
        b.shutdown()


def test_nginx_is_found_in_sbin_when_the_path_lacks_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    fake = tmp_path / "nginx"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.delenv("IID_NGINX", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # a non-root PATH: no sbin
    monkeypatch.setattr(cluster, "NGINX_DIRS", (str(tmp_path / "none"), str(tmp_path)))
    assert cluster.find_nginx() == str(fake)
    monkeypatch.setattr(cluster, "NGINX_DIRS", (str(tmp_path / "none"),))
    with pytest.raises(cluster.NginxMissing, match="make nginx"):
        cluster.find_nginx()


def test_one_database_for_each_server_is_counted():
    with pytest.raises(ValueError, match="3 servers need 3 databases, got 2"):
        Cluster(["a.duckdb", "b.duckdb"], n=3)


def test_a_route_cookie_keeps_every_request_on_one_server_and_new_visitors_spread(built_db_path: Path, tmp_path: Path):
    dbs = []
    for i in range(2):
        dbs.append(tmp_path / f"s{i}.duckdb")
        shutil.copy(built_db_path, dbs[-1])
    with Cluster(dbs, n=2) as c:
        first = {}
        for _ in range(40):  # no cookie: a new random route each time, and the cookie that keeps it
            with urllib.request.urlopen(f"{c.url}/_stcore/health", timeout=10) as r:
                cookie = next(v for v in r.headers.get_all("Set-Cookie") or [] if v.startswith(f"{ROUTE_COOKIE}="))
                first[cookie.split(";")[0].split("=", 1)[1]] = c.server_of(r.headers[SERVER_HEADER])
        assert set(first.values()) == {0, 1}
        assert "; Path=/; HttpOnly; SameSite=Lax" in cookie
        for route, server in list(first.items())[:10]:
            for path in ("/_stcore/health", "/", "/_stcore/host-config"):
                req = urllib.request.Request(f"{c.url}{path}", headers={"Cookie": f"{ROUTE_COOKIE}={route}"})
                with urllib.request.urlopen(req, timeout=10) as r:
                    assert c.server_of(r.headers[SERVER_HEADER]) == server
                    set_cookies = r.headers.get_all("Set-Cookie") or []
                    assert not [v for v in set_cookies if v.startswith(ROUTE_COOKIE)]  # set once, with the route
        assert c.leftover() != []
    assert c.leftover() == []
    assert not (Path(c.prefix)).exists()  # nginx's folder (pid, logs, buffers) is gone too


def test_when_a_server_stops_only_its_routes_move_and_they_are_answered_by_another(built_db_path: Path, tmp_path: Path):
    dbs = []
    for i in range(3):
        dbs.append(tmp_path / f"s{i}.duckdb")
        shutil.copy(built_db_path, dbs[-1])
    with Cluster(dbs, n=3) as c:
        before = {f"r{i}": c.routed(f"r{i}")[1] for i in range(60)}
        assert set(before.values()) == {0, 1, 2}
        c.stop_server(0)
        after = {route: c.routed(route) for route in before}
        assert all(status == 200 for status, _ in after.values())  # nobody sees an error
        for route, server in before.items():
            if server == 0:
                assert after[route][1] in (1, 2)
            else:
                assert after[route][1] == server  # the others' sessions stay where they are
    assert c.leftover() == []


@pytest.mark.parametrize(("uid", "root_user"), [(0, True), (1000, False)])
def test_nginx_workers_keep_roots_user_only_when_nginx_starts_as_root(
    uid: int, root_user: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """As root, workers would otherwise run as nobody, shut out of the 0700 temporary folder; as anyone else the
    `user` directive is ignored with a warning, so it is left out."""
    monkeypatch.setattr(cluster.os, "geteuid", lambda: uid)
    conf = cluster.main_conf(tmp_path, tmp_path / "iid.conf", cluster.find_nginx())
    assert conf.startswith("user root;\n") is root_user
