"""Write docs/screenshot.svg: the reader on the seed article, Lavrov selected.

    python docs/make_screenshot.py [THEME] [FILENAME]
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from tui.app.main import PersonaeApp, open_paths
from tui.app.reader import ReaderScreen

ROOT = Path(__file__).resolve().parent.parent


async def main(theme: str, filename: str) -> None:
    app = PersonaeApp(open_paths([ROOT / "articles" / "lavrov-apre-a-rubio.txt"]))
    async with app.run_test(size=(132, 38)) as pilot:
        app.theme = theme
        while not isinstance(app.screen, ReaderScreen) or app.screen.annotations is None:
            await pilot.pause(0.05)
        screen = app.screen
        lavrov = max((e for e in screen.annotations.entities if "Lavrov" in e.name),
                     key=lambda e: len(e.mentions))
        screen.panel.focus()
        screen.panel.highlight_entity(lavrov.id)
        await pilot.press("enter", "n", "n")
        await pilot.pause(0.3)
        app.save_screenshot(filename=filename, path=str(ROOT / "docs"))


if __name__ == "__main__":
    import sys

    args = sys.argv[1:]
    asyncio.run(main(args[0] if args else "textual-dark", args[1] if len(args) > 1 else "screenshot.svg"))
