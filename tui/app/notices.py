"""How long the reader's short notices stay on screen (one constant for every screen)."""

NOTICE_S = 4
