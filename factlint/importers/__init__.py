"""Other tools' term lists turned into factlint packs (``factlint import``)."""
