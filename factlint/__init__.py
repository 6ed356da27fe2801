"""factlint: a linter for news drafts that checks facts, attribution and house terminology."""

__version__ = "0.1.0"
