"""Personae: a terminal reader for news."""

__version__ = "0.1.0"
