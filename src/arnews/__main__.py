"""``python -m arnews``: the command line."""

from arnews._cli import main

raise SystemExit(main())
