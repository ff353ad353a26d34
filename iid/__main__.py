import sys

from iid.cli import main

sys.exit(main())
