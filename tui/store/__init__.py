"""Files only: the analysis cache, the corrections log, the rules file and the library index."""
