"""Allow ``python -m factlint``."""

import sys

from factlint.cli import main

if __name__ == "__main__":
    sys.exit(main())
