"""Focus that takes effect at once.

``Widget.focus()`` sets the focus after the events already queued: keys typed right after
the key that opened a screen or a search box (``p`` then ``/`` and a name) would reach the
widget that had the focus before. :func:`focus_now` moves the focus before the next event,
so type-ahead lands where the user meant it.
"""

from __future__ import annotations


def focus_now(widget) -> None:
    """Give ``widget`` the focus now (as ``widget.focus()`` does later)."""
    try:
        widget.screen.set_focus(widget)
    except Exception:  # noqa: BLE001 - not on a screen yet: the usual, later focus
        widget.focus()
