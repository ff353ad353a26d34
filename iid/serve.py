"""Start the app with `streamlit run app.py`, telling Streamlit up front that pages come from st.navigation.

Without this, the very first browser session of a fresh server resolves its URL against the old `pages/`
folder mode and shows "Page not found" before app.py's st.navigation takes over.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from streamlit.runtime.pages_manager import PagesManager  # imported here: Server below needs no Streamlit
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", "app.py", *(argv if argv is not None else sys.argv[1:])]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())


class Server:
    """The app on a free loopback port in a child process (browser tests, the benchmark); a context manager."""

    def __init__(self, db_path: str, timeout: float = 60.0) -> None:
        self.db_path, self.timeout = db_path, timeout

    def __enter__(self) -> str:
        import os
        import socket
        import subprocess
        import time
        import urllib.request
        from pathlib import Path

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "iid.serve",
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=Path(__file__).resolve().parent.parent,
            env={**os.environ, "IID_DB": str(self.db_path)},
            stdout=self._log(),
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return url
            except OSError:
                time.sleep(0.3)
        self.proc.kill()
        self.log.seek(0)
        raise RuntimeError("the app did not start: " + self.log.read().decode(errors="replace"))

    def _log(self):
        """The child's output goes to a file, never a pipe nobody reads (a full pipe would stall the server)."""
        import tempfile

        self.log = tempfile.TemporaryFile()
        return self.log

    def __exit__(self, *exc: object) -> None:
        import subprocess

        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()
