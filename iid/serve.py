"""Start the app with `streamlit run app.py`, telling Streamlit up front that pages come from st.navigation.

Without this, the very first browser session of a fresh server resolves its URL against the old `pages/`
folder mode and shows "Page not found" before app.py's st.navigation takes over.
"""

from __future__ import annotations

import sys

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli


def main(argv: list[str] | None = None) -> int:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", "app.py", *(argv if argv is not None else sys.argv[1:])]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
