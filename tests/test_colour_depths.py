"""Contrast in 256- and 16-colour terminals (issue 26, item 9): every highlight still reads at
4.5:1 as the terminal shows it, and the role evidence's background is none of the entity
types' colours (in a 256-colour terminal it was a Place's, so the places of that sentence
vanished). Checked for every built-in theme, with Rich's own downgrade of the colours."""

from __future__ import annotations

from rich.color import Color, ColorSystem

from tui import palette
from tui.app.main import PersonaeApp, open_paths

SYSTEMS = {"256": ColorSystem.EIGHT_BIT, "standard": ColorSystem.STANDARD}


def shown(colour: str, system: ColorSystem) -> tuple[int, int, int]:
    """What a terminal of ``system`` draws for ``colour`` (a hex string or an ANSI name)."""
    if colour.lower() in palette.ANSI_RGB:
        return palette.ANSI_RGB[colour.lower()]
    t = Color.parse(colour).downgrade(system).get_truecolor()
    return (t.red, t.green, t.blue)


async def test_every_highlight_reads_and_overlays_stand_apart_in_256_and_16_colours(tmp_path,
                                                                                  monkeypatch):
    monkeypatch.setenv("PERSONAE_CONFIG_DIR", str(tmp_path / "config"))
    app = PersonaeApp(open_paths([]))
    failures = []
    async with app.run_test(size=(80, 24)) as pilot:
        themes = [n for n in app.available_themes if n != "textual-ansi"]
        for name in themes:
            app.theme = name
            await pilot.pause()
            if app.current_theme.ansi:  # colours left to the terminal: the ANSI pairs, always
                continue
            for depth, system in SYSTEMS.items():
                colours = app.highlight_colours(depth=depth)
                page = shown(app.get_css_variables()["surface"], system)
                for kind, (fg, bg) in colours.items():
                    c = palette.contrast(shown(fg, system), shown(bg, system))
                    if c < palette.MIN_CONTRAST:
                        failures.append((name, depth, kind, round(c, 2)))
                entity_bgs = {shown(colours[k][1], system) for k in palette.ENTITY_LABELS}
                evidence = shown(colours["evidence"][1], system)
                if evidence in entity_bgs or (depth == "256" and evidence == page):
                    failures.append((name, depth, "evidence takes an entity's colour"))
                if depth == "256" and len(entity_bgs) < len(palette.ENTITY_LABELS):
                    failures.append((name, depth, "two entity types share a colour"))
    assert not failures, failures


async def test_the_legend_follows_a_theme_chosen_while_a_dialog_is_up(tmp_path, monkeypatch):
    """The theme is changed from the command palette, a screen above the reader: the legend
    shows the new theme's colours when the reader is back, without a restart."""
    from rich.style import Style
    from test_polish import app_on, hand_made, reader

    from tui.app.dialogs import HelpScreen

    monkeypatch.setenv("PERSONAE_CONFIG_DIR", str(tmp_path / "config"))
    app = app_on(hand_made())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader(pilot, app)

        def swatches() -> dict[str, Style]:
            status = app.screen._compositor.render_strips()[-2]
            return {seg.text.strip(): seg.style for seg in status
                    if seg.text.strip() in palette.LABEL_NAMES.values()}

        for theme in ("nord", "textual-light", "gruvbox"):
            app.push_screen(HelpScreen())
            await pilot.pause()
            app.theme = theme          # as the command palette does, above the reader
            await pilot.pause()
            app.pop_screen()
            await pilot.pause()
            await pilot.pause()
            want = screen.view.get_component_rich_style("article-view--loc")
            got = swatches()["Place"]
            assert (got.bgcolor, got.color) == (want.bgcolor, want.color), theme
