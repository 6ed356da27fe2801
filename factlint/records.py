"""Record classes (plain data with generated methods), made without the dataclasses module.

A pre-commit hook run is mostly start-up, and factlint defines some sixty data
classes on the way to its first finding. ``dataclasses`` makes them well but
slowly for this use: importing it imports ``inspect`` (with ``ast``, ``dis``
and ``tokenize``), and it compiles every generated method on its own, about a
millisecond per class; together that was a fifth of a one-draft run. ``record``
generates the same methods (``__init__``, ``__repr__``, ``__eq__``,
``__hash__``, and for frozen records the guards against assignment) from one
compiled source per class.

It covers what factlint uses, as ``dataclasses`` defines it: fields from the
class's own annotations in order (``ClassVar`` left out), defaults and
``field(default=, default_factory=, repr=, compare=)``, ``frozen``, ``replace``
and ``fields``. A method the class defines itself is kept, as dataclasses keeps
it. No inheritance between records, no ``__post_init__``, no ordering.
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar

__all__ = ["Field", "FrozenInstanceError", "field", "fields", "record", "replace"]

T = TypeVar("T")


class _Missing:
    """No default given (``None`` is a default like any other)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class FrozenInstanceError(AttributeError):
    """Assignment to a field of a frozen record."""


class Field:
    """One field of a record: its name, annotation (a string) and how it is made."""

    __slots__ = ("name", "type", "default", "default_factory", "repr", "compare")

    def __init__(self, default: Any = MISSING, default_factory: Any = MISSING,
                 repr: bool = True, compare: bool = True) -> None:
        if default is not MISSING and default_factory is not MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.name = ""
        self.type: Any = None
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.compare = compare

    def __repr__(self) -> str:
        return f"Field(name={self.name!r}, type={self.type!r}, default={self.default!r})"


def field(*, default: Any = MISSING, default_factory: Callable[[], Any] | Any = MISSING,
          repr: bool = True, compare: bool = True) -> Any:
    """A field with a default factory, or left out of ``repr`` or of comparisons."""
    return Field(default, default_factory, repr, compare)


def fields(cls_or_record: Any) -> tuple[Field, ...]:
    """The fields of a record class or instance, in order."""
    try:
        return cls_or_record.__record_fields__
    except AttributeError:
        raise TypeError(f"{cls_or_record!r} is not a record") from None


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of record ``obj`` with ``changes`` applied (made through ``__init__``)."""
    for name in obj.__record_names__:  # type: ignore[attr-defined]
        if name not in changes:
            changes[name] = getattr(obj, name)
    return obj.__class__(**changes)


def record(cls: type | None = None, /, *, frozen: bool = False) -> Any:
    """Make ``cls`` a record: ``@record`` or ``@record(frozen=True)``."""
    def wrap(c: type) -> type:
        return _process(c, frozen)
    return wrap if cls is None else wrap(cls)


def _is_classvar(annotation: Any) -> bool:
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    return text.startswith(("ClassVar", "typing.ClassVar"))


def _collect(cls: type) -> list[Field]:
    found = []
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if _is_classvar(annotation):
            continue
        value = cls.__dict__.get(name, MISSING)
        f = value if isinstance(value, Field) else Field(default=value)
        if isinstance(f.default, (list, dict, set)):
            raise ValueError(f"mutable default {type(f.default).__name__} for field {name} "
                             "is not allowed: use default_factory")
        f.name, f.type = name, annotation
        found.append(f)
    return found


def _process(cls: type, frozen: bool) -> type:
    own = _collect(cls)
    names = tuple(f.name for f in own)
    namespace: dict[str, Any] = {"_set": object.__setattr__, "_FACTORY": MISSING}
    params, body, seen_default = [], [], False
    for f in own:
        if f.default_factory is not MISSING:
            namespace[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_FACTORY")
            value = f"_factory_{f.name}() if {f.name} is _FACTORY else {f.name}"
            seen_default = True
        elif f.default is not MISSING:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
            value = f.name
            seen_default = True
        else:
            if seen_default:
                raise TypeError(f"non-default argument {f.name!r} follows default argument")
            params.append(f.name)
            value = f.name
        body.append(f"  _set(self, {f.name!r}, {value})" if frozen else f"  self.{f.name} = {value}")
    shown = ", ".join(f"{f.name}={{self.{f.name}!r}}" for f in own if f.repr)
    compared = "".join(f"self.{f.name}," for f in own if f.compare)
    other = "".join(f"other.{f.name}," for f in own if f.compare)
    source = "\n".join([
        f"def __init__(self, {', '.join(params)}):" if params else "def __init__(self):",
        *(body or ["  pass"]),
        "def __repr__(self):",
        f"  return f'{{self.__class__.__qualname__}}({shown})'",
        "def __eq__(self, other):",
        "  if other.__class__ is self.__class__:",
        f"    return ({compared}) == ({other})",
        "  return NotImplemented",
        "def __hash__(self):",
        f"  return hash(({compared}))",
    ])
    exec(source, namespace)  # one compile for every method of the class
    methods = {"__init__": namespace["__init__"], "__repr__": namespace["__repr__"],
               "__eq__": namespace["__eq__"]}
    # As dataclasses: a frozen record hashes its compared fields; a mutable one is unhashable.
    methods["__hash__"] = namespace["__hash__"] if frozen else None
    if frozen:
        methods["__setattr__"], methods["__delattr__"] = _frozen_guards(cls, frozenset(names))
    for name, method in methods.items():
        if name in cls.__dict__ and not (name == "__hash__" and cls.__dict__[name] is None):
            continue  # the class's own method wins
        if method is not None:
            method.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, method)
    for f in own:  # the class attribute is the default, as with dataclasses
        if f.default is MISSING:
            if isinstance(cls.__dict__.get(f.name), Field):
                delattr(cls, f.name)
        else:
            setattr(cls, f.name, f.default)
    cls.__record_fields__ = tuple(own)  # type: ignore[attr-defined]
    cls.__record_names__ = names  # type: ignore[attr-defined]
    cls.__match_args__ = names  # type: ignore[attr-defined]
    return cls


def _frozen_guards(cls: type, names: frozenset[str]) -> tuple[Callable, Callable]:
    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __setattr__, __delattr__
