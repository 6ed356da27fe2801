"""Vale styles in factlint: ``.vale.ini`` configs, rule YAML files, scopes and vocabularies.

See :mod:`factlint.vale.engine` for how a configuration becomes factlint rules.
"""

from __future__ import annotations

from factlint.vale.ini import is_vale_config

__all__ = ["is_vale_config"]
