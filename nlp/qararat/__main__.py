"""``python -m qararat``."""

from qararat.cli import main

raise SystemExit(main())
