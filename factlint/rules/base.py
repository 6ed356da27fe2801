"""What every rule is: an id, a default severity, options, docs and examples.

A rule reads a Document (and the loaded Register through the Context) and
yields Hits. It never reads files, never knows positions and never decides
severity: the engine does those, so a rule is a pure function of its input.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Iterable

from factlint.findings import Hit, Severity
from factlint.records import field, record

if TYPE_CHECKING:
    from factlint.document import Document
    from factlint.register import Register


@record(frozen=True)
class Context:
    """Everything a rule may read besides the document."""

    register: "Register"
    options: dict[str, Any] = field(default_factory=dict)


class Rule:
    """Base class. Subclasses set the class attributes and implement ``check``.

    ``examples_flag`` must each produce at least one hit and ``examples_pass``
    none; the test suite runs them all and ``factlint explain`` prints them,
    so the documentation cannot drift from the behaviour. Examples are
    Markdown. ``example_register`` is register YAML the examples run with.
    """

    id: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    description: ClassVar[str] = ""
    options: ClassVar[dict[str, Any]] = {}
    examples_flag: ClassVar[tuple[str, ...]] = ()
    examples_pass: ClassVar[tuple[str, ...]] = ()
    example_register: ClassVar[str] = ""
    # Whether the rule's fixes are safe to apply without review (--fix).
    fixable: ClassVar[bool] = False
    # Rules that are a matter of taste (readability) start switched off.
    default_enabled: ClassVar[bool] = True

    def check(self, doc: "Document", ctx: Context) -> Iterable[Hit]:
        raise NotImplementedError


REGISTRY: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator that makes a rule known to the engine, ``rules`` and ``explain``."""
    if cls.id in REGISTRY:
        raise RuntimeError(f"rule id {cls.id!r} is defined twice")
    REGISTRY[cls.id] = cls
    return cls
