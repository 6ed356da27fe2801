"""Analyses of a Document that several rules read, each computed once per document.

files -> Document -> analyses -> rules -> findings -> reporters. An analysis
reads the Document (and the register's names) and never a rule, so rules can
share it without depending on one another:

- ``sources``: does one sentence name a source (sentence-level cues)?
- ``article``: how far each source reaches across the article.
- ``figures``: which figures are statistics that need a source at all.
"""
