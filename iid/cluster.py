"""Several app servers behind nginx on this machine: the tests' and the benchmark's copy of a deployment.

deploy/nginx/iid.conf.in is the nginx site a deployment installs (README, "Beberapa server"); `render_site` fills
it in, for production (`python -m iid.cluster nginx --port 8501 --port 8502 > /etc/nginx/conf.d/iid.conf`) and for
`Cluster`, which starts N app servers (iid.serve.Server, each on a free loopback port with its own IID_DB value) and
Debian's nginx in a temporary folder in front of them, and stops every process it started on exit.

nginx runs in the foreground (`daemon off`) with everything it writes (pid, logs, request bodies) in that folder,
so it needs no root; as root (CI) its workers stay root (`user root;`), since the folder is the caller's alone.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "deploy" / "nginx" / "iid.conf.in"
NGINX_DIRS = ("/usr/sbin", "/usr/local/sbin", "/usr/local/nginx/sbin", "/sbin")  # not on a non-root PATH
SERVER_HEADER = "X-IID-Server"  # nginx's response header naming the app server that answered
ROUTE_COOKIE = "iid_route"
# nginx's own request-body and proxy buffers, each a folder of the prefix (modules a build may leave out are skipped)
TEMP_PATHS = {"client_body": None, "proxy": None, "fastcgi": "fastcgi", "uwsgi": "uwsgi", "scgi": "scgi"}
# one line per request: the route it carried and the app server nginx chose (tests read it to prove stickiness)
LOG_FORMAT = "'$msec $status \"$request\" route=$iid_route upstream=$upstream_addr'"


class NginxMissing(RuntimeError):
    """No nginx binary: `make nginx` installs Debian's."""


def find_nginx() -> str:
    """The nginx binary: IID_NGINX, else PATH, else the sbin folders a non-root PATH lacks."""
    explicit = os.environ.get("IID_NGINX")
    if explicit:
        return explicit
    found = shutil.which("nginx")
    if found:
        return found
    for folder in NGINX_DIRS:
        path = Path(folder) / "nginx"
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
    raise NginxMissing("nginx is not installed: run `make nginx` (Debian's nginx package)")


def render_site(ports: Sequence[int], listen: str = "80", server_name: str = "_", host: str = "127.0.0.1") -> str:
    """deploy/nginx/iid.conf.in for app servers on host:port each, nginx listening on `listen`."""
    if not ports:
        raise ValueError("at least one app server port")
    upstreams = "\n".join(f"    server {host}:{int(p)} max_fails=3 fail_timeout=10s;" for p in ports)
    text = SITE.read_text(encoding="utf-8")
    for key, value in (("UPSTREAM_SERVERS", upstreams), ("LISTEN", listen), ("SERVER_NAME", server_name)):
        text = text.replace(f"@{key}@", value)
    left = re.findall(r"@[A-Z_]+@", text)
    if left:
        raise ValueError(f"template placeholders not filled: {', '.join(left)}")
    return text


def main_conf(prefix: Path, site: Path, nginx: str) -> str:
    """A whole nginx.conf that keeps every file nginx writes under prefix, around the rendered site."""
    built_without = _built_without(nginx)
    temps = "\n".join(
        f"    {name}_temp_path {prefix / name};"
        for name, module in TEMP_PATHS.items()
        if module is None or f"--without-http_{module}_module" not in built_without
    )
    user = "user root;\n" if os.geteuid() == 0 else ""  # root's workers would be nobody, shut out of a 0700 folder
    return f"""{user}worker_processes 1;
pid {prefix / "nginx.pid"};
error_log {prefix / "error.log"} warn;
events {{ worker_connections 1024; }}  # within the usual open-file limit (1024)
http {{
    log_format iid {LOG_FORMAT};
    access_log {prefix / "access.log"} iid;
{temps}
    include {site};
}}
"""


def _built_without(nginx: str) -> str:
    try:
        return subprocess.run([nginx, "-V"], capture_output=True, text=True, timeout=10).stderr
    except (OSError, subprocess.SubprocessError):
        return ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def descendants(pid: int) -> set[int]:
    """Every living process under pid (read from /proc), to stop what a server started too."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    out, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in out:
                out.add(child)
                todo.append(child)
    return out


def alive(pid: int) -> bool:
    """pid is a running process (a zombie, dead but not yet reaped, counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


class Cluster:
    """N app servers behind nginx on free loopback ports; a context manager whose value is itself (`.url`).

    db: one IID_DB value for every server (a shared store such as postgresql://…), or one per server (n of them;
    DuckDB files, since one file serves one process). args: more command-line options for every app server. port:
    nginx's (default: a free one), for a setting the servers need before nginx starts (sign-in's redirect_uri).
    """

    def __init__(
        self,
        db: str | os.PathLike | Sequence[str | os.PathLike],
        n: int = 2,
        timeout: float = 120.0,
        args: Sequence[str] = (),
        port: int | None = None,
    ) -> None:
        dbs = [str(db)] * n if isinstance(db, (str, os.PathLike)) else [str(d) for d in db]
        if len(dbs) != n:
            raise ValueError(f"{n} servers need {n} databases, got {len(dbs)}")
        self.dbs, self.n, self.timeout, self.args, self.wanted_port = dbs, n, timeout, list(args), port
        self.servers: list = []
        self.server_urls: list[str] = []
        self.url = ""
        self.nginx: subprocess.Popen | None = None
        self.started: set[int] = set()  # every process started, theirs included: none may outlive the cluster
        self.upstreams: list[int] = []  # in_front_of: servers someone else runs

    @classmethod
    def in_front_of(cls, ports: Sequence[int], timeout: float = 30.0) -> Cluster:
        """nginx alone, in front of servers already listening on these loopback ports (a test's stand-ins)."""
        cluster = cls([""] * len(ports), n=len(ports), timeout=timeout)
        cluster.dbs, cluster.upstreams = [], [int(p) for p in ports]
        return cluster

    def __enter__(self) -> Cluster:
        try:
            self._start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _start_servers(self) -> None:
        from iid.serve import Server

        command = [*Server.LAUNCHER, *self.args] if self.args else None
        self.servers = [Server(db, timeout=self.timeout, command=command) for db in self.dbs]
        with ThreadPoolExecutor(self.n) as pool:  # they start side by side: each takes seconds
            futures = [pool.submit(s.__enter__) for s in self.servers]
            results = []
            for f in futures:
                try:
                    results.append(f.result())
                except Exception as exc:
                    results.append(exc)
        for s in self.servers:
            if getattr(s, "proc", None) is not None:
                self.started.add(s.proc.pid)
        errors = [r for r in results if isinstance(r, Exception)]
        if errors:
            raise errors[0]
        self.server_urls = list(results)
        self.ports = [int(u.rsplit(":", 1)[1]) for u in self.server_urls]

    def _start(self) -> None:
        nginx = find_nginx()
        self.prefix = Path(tempfile.mkdtemp(prefix="iid-cluster-"))
        if self.upstreams:
            self.ports = list(self.upstreams)
            self.server_urls = [f"http://127.0.0.1:{p}" for p in self.ports]
        else:
            self._start_servers()
        for _ in range(3):  # a free port can be taken between asking and binding: try another
            self.port = self.wanted_port or free_port()
            site = self.prefix / "iid.conf"
            site.write_text(render_site(self.ports, listen=f"127.0.0.1:{self.port}"), encoding="utf-8")
            conf = self.prefix / "nginx.conf"
            conf.write_text(main_conf(self.prefix, site, nginx), encoding="utf-8")
            self.nginx = subprocess.Popen(
                [nginx, "-p", str(self.prefix), "-c", str(conf), "-e", str(self.prefix / "error.log")]
                + ["-g", "daemon off;"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            self.started.add(self.nginx.pid)
            self.url = f"http://127.0.0.1:{self.port}"
            if self._answers():
                return
            self._stop_nginx()
            if self.wanted_port or "Address already in use" not in self.error_log():
                break
        raise RuntimeError("nginx did not start: " + self.error_log()[-2000:])

    def _answers(self) -> bool:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline and self.nginx.poll() is None:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        self.started |= descendants(self.nginx.pid)  # its workers
                        return True
            except OSError:
                time.sleep(0.2)
        return False

    def error_log(self) -> str:
        path = self.prefix / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def access_log(self) -> list[dict[str, str]]:
        """nginx's requests so far: status, request line, route (the cookie's or a new one) and app server."""
        path = self.prefix / "access.log"
        out = []
        for line in path.read_text(errors="replace").splitlines() if path.exists() else []:
            m = re.match(r'(\S+) (\d+) "([^"]*)" route=(\S*) upstream=(\S*)', line)
            if m:
                out.append(dict(zip(("msec", "status", "request", "route", "upstream"), m.groups(), strict=True)))
        return out

    def server_of(self, upstream: str) -> int | None:
        """Which of this cluster's servers (0…n-1) an upstream address (X-IID-Server, the log) names."""
        for i, port in enumerate(getattr(self, "ports", [])):
            if upstream.endswith(f":{port}"):
                return i
        return None

    def routed(self, route: str) -> tuple[int, int | None]:
        """Where nginx sends a visitor whose route cookie is `route`: the HTTP status and the server that answered."""
        req = urllib.request.Request(f"{self.url}/_stcore/health", headers={"Cookie": f"{ROUTE_COOKIE}={route}"})
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, self.server_of(r.headers[SERVER_HEADER].split(", ")[-1])  # the last one answered

    def route_to(self, server: int) -> str:
        """A route cookie value that nginx sends to the given server."""
        for i in range(200):
            if self.routed(f"route-{i}")[1] == server:
                return f"route-{i}"
        raise AssertionError(f"no route reaches server {server}")

    def stop_server(self, i: int) -> None:
        """Stop app server i (what a crash or `systemctl stop iid@PORT` does); nginx sends its routes to the others."""
        s = self.servers[i]
        if getattr(s, "proc", None) is not None and s.proc.poll() is None:
            self.started |= descendants(s.proc.pid)
            s.__exit__(None, None, None)

    def _stop_nginx(self) -> None:
        if self.nginx is None:
            return
        self.started |= descendants(self.nginx.pid)
        if self.nginx.poll() is None:
            self.nginx.terminate()  # fast shutdown: open websockets are closed, not waited for
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.nginx.pid, signal.SIGKILL)  # its own session: nginx and its workers only
                self.nginx.wait(timeout=10)
        self.nginx = None

    def __exit__(self, *exc: object) -> None:
        self._stop_nginx()
        for s in self.servers:
            if getattr(s, "proc", None) is not None and s.proc.poll() is None:
                self.started |= descendants(s.proc.pid)  # what a server started (a chart renderer's Chromium)
                s.__exit__(None, None, None)
        self.servers = []
        deadline = time.monotonic() + 10
        while self.leftover() and time.monotonic() < deadline:
            time.sleep(0.1)
        for pid in self.leftover():
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        prefix = getattr(self, "prefix", None)
        if prefix is not None:
            shutil.rmtree(prefix, ignore_errors=True)

    def leftover(self) -> list[int]:
        """Processes this cluster started that still run (none after exit)."""
        return sorted(pid for pid in self.started if alive(pid))


# ---------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m iid.cluster", description="Several app servers behind nginx.")
    sub = ap.add_subparsers(dest="command", required=True)
    conf = sub.add_parser("nginx", help="print the nginx site for app servers on these ports (/etc/nginx/conf.d/)")
    conf.add_argument("--port", type=int, action="append", required=True, help="an app server's port (repeat)")
    conf.add_argument("--listen", default="80", help="nginx's listen (default 80; see README for HTTPS)")
    conf.add_argument("--server-name", default="_", help="nginx server_name (default _: any)")
    run = sub.add_parser("serve", help="N app servers and nginx on free loopback ports, until Ctrl-C (to try it)")
    run.add_argument("db", nargs="+", help="one IID_DB for all servers, or one per server")
    run.add_argument("-n", type=int, default=2, help="app servers (default 2)")
    args = ap.parse_args(argv)
    if args.command == "nginx":
        sys.stdout.write(render_site(args.port, listen=args.listen, server_name=args.server_name))
        return 0
    db = args.db[0] if len(args.db) == 1 else args.db
    with Cluster(db, n=args.n) as cluster:
        print(f"{cluster.url}  ({', '.join(cluster.server_urls)})", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return 0


if __name__ == "__main__":
    sys.exit(main())
