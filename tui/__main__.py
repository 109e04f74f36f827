"""``python -m tui``: the ``personae`` command (tui.cli)."""

from tui.cli import main

raise SystemExit(main())
