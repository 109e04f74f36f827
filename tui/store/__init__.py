"""Derived and user data on disk: the analysis cache and the user's corrections."""
