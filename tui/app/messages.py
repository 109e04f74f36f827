"""Messages the analysis worker posts to the reader (Textual's ``post_message`` is thread-safe)."""

from __future__ import annotations

from textual.message import Message

from tui.document import Annotations


class AnalysisProgress(Message):
    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class AnalysisStatus(Message):
    """A line for the status bar while the analysis starts."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class AnalysisDone(Message):
    def __init__(self, annotations: Annotations, from_cache: bool, seconds: float) -> None:
        super().__init__()
        self.annotations = annotations
        self.from_cache = from_cache
        self.seconds = seconds


class AnalysisFailed(Message):
    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason
