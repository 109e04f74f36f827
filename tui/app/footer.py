"""The footer: the keys of the mode the screen is in, with help and quit always in view.

A screen may define ``footer_keys() -> list[FooterEntry]``: the keys of its
current mode (text, panel, find, a pending merge …), in order, each with the
label it has in that mode. Bindings that no mode of the screen lists
(``footer_known()``) and that ask to be shown follow them, so a new key is
never hidden. The app's help and quit keys are docked on the right, where a
narrow terminal cannot push them out of view; below ``WIDE`` columns the
short labels are used and the command palette's key is left to the help screen.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, KeyGroup

#: at this width or more, the long labels and the command palette's key
WIDE = 110
#: actions shown on the right, always
PINNED = ("help", "quit")


@dataclass(frozen=True)
class FooterEntry:
    """Keys of one or more actions sharing a label (``n N  Mention``)."""

    actions: tuple[str, ...]
    label: str
    short: str | None = ""  # None: shown on wide terminals only


def entry(actions: str | tuple[str, ...], label: str, short: str | None = "") -> FooterEntry:
    return FooterEntry((actions,) if isinstance(actions, str) else actions, label,
                       label if short == "" else short)


class KeysFooter(Footer):
    """Textual's footer, showing the mode's keys (see the module docstring)."""

    DEFAULT_CSS = """
    KeysFooter KeyGroup.-pinned { dock: right; width: auto; padding-left: 1; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(compact=True, **kwargs)

    def on_resize(self) -> None:
        self.call_after_refresh(self.recompose)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        wide = self.app.size.width >= WIDE
        screen = self.screen
        by_action: dict[str, list] = defaultdict(list)
        for _ns, binding, enabled, tooltip in screen.active_bindings.values():
            by_action[binding.action.removeprefix("app.")].append((binding, enabled, tooltip))
        spec = screen.footer_keys() if hasattr(screen, "footer_keys") else None
        known = set(screen.footer_known()) if hasattr(screen, "footer_known") else set()
        done: set[str] = set(PINNED)
        if spec is not None:
            for e in spec:
                found = [by_action[a][0] for a in e.actions if by_action.get(a)]
                done.update(e.actions)
                if not found:
                    continue
                label = e.label if wide else e.short
                if label is None:  # a key for wide terminals only
                    continue
                b, enabled, tooltip = found[0]
                shown = " ".join(self.app.get_key_display(x[0]) for x in found)
                yield self._key(b, enabled, tooltip, label, display=shown)
        for action, items in by_action.items():
            if action in done or action in known:
                continue
            binding, enabled, tooltip = items[0]
            if binding.show and (spec is None or action not in known):
                done.add(action)
                yield self._key(binding, enabled, tooltip, binding.description)
        with KeyGroup(classes="-pinned"):
            for action in PINNED:
                items = by_action.get(action)
                if items:
                    # the binding the app shows (q, not its ctrl+q twin)
                    b, enabled, tooltip = next((x for x in items if x[0].show), items[0])
                    yield self._key(b, enabled, tooltip, b.description)
            if wide and self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
                found = screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
                if found is not None:
                    _ns, binding, enabled, tooltip = found
                    yield self._key(binding, enabled, tooltip, binding.description)

    def _key(self, binding, enabled: bool, tooltip: str, label: str, display: str = "") -> FooterKey:
        key = FooterKey(binding.key, display or self.app.get_key_display(binding), label,
                        binding.action, disabled=not enabled, tooltip=tooltip or binding.description)
        return key.data_bind(compact=Footer.compact)
