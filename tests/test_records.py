"""factlint.records makes the methods dataclasses would: the same behaviour, class by class."""

from __future__ import annotations

import dataclasses
import pickle
from typing import ClassVar

import pytest

from factlint import records
from factlint.records import FrozenInstanceError, field, fields, record, replace


def _pair(frozen: bool) -> tuple[type, type]:
    """The same class made by records and by dataclasses."""
    def make(deco, field_):
        class Point:
            kind: ClassVar[str] = "point"
            x: int
            y: int = 2
            tags: list = field_(default_factory=list)
            note: str = field_(default="", repr=False, compare=False)

            def norm(self) -> int:
                return abs(self.x) + abs(self.y)
        return deco(frozen=frozen)(Point)
    return make(record, field), make(dataclasses.dataclass, dataclasses.field)


@pytest.mark.parametrize("frozen", [True, False])
def test_init_repr_eq_as_dataclasses(frozen):
    ours, theirs = _pair(frozen)
    for args, kwargs in [((1,), {}), ((1, 5), {}), ((1,), {"tags": [3], "note": "n"}), ((), {"x": 4, "y": 0})]:
        a, b = ours(*args, **kwargs), theirs(*args, **kwargs)
        assert repr(a) == repr(b)
        assert (a.x, a.y, a.tags, a.note) == (b.x, b.y, b.tags, b.note)
        assert a == ours(*args, **kwargs) and a.norm() == b.norm()
    assert ours(1, note="a") == ours(1, note="b")  # compare=False
    assert ours(1) != ours(2) and ours(1) != theirs(1)  # another class is never equal
    assert ours(1).tags is not ours(1).tags  # one list per instance
    assert ours.y == 2 and not hasattr(ours, "tags") and ours.kind == "point"
    assert ours.__match_args__ == ("x", "y", "tags", "note")
    with pytest.raises(TypeError):
        ours()


def test_frozen_records_hash_and_refuse_assignment():
    @record(frozen=True)
    class Span:
        start: int
        end: int
        label: str = field(default="", compare=False)
    assert hash(Span(1, 2)) == hash(Span(1, 2, "other")) == hash((1, 2))
    assert len({Span(1, 2), Span(1, 2), Span(2, 3)}) == 2
    ours, _ = _pair(frozen=True)
    p = ours(1)
    with pytest.raises(FrozenInstanceError):
        p.x = 3
    with pytest.raises(FrozenInstanceError):
        del p.y
    assert isinstance(FrozenInstanceError(), AttributeError)


def test_mutable_records_are_unhashable_and_assignable():
    ours, _ = _pair(frozen=False)
    p = ours(1)
    p.x = 7
    assert p.x == 7
    with pytest.raises(TypeError):
        hash(p)


def test_replace_and_fields():
    ours, theirs = _pair(frozen=True)
    p = ours(1, 2, tags=[1], note="n")
    q = replace(p, y=9)
    assert (q.x, q.y, q.tags, q.note) == (1, 9, [1], "n") and p.y == 2
    assert [(f.name, f.type) for f in fields(ours)] == [
        (f.name, f.type) for f in dataclasses.fields(theirs)]
    assert fields(p) == fields(ours)
    with pytest.raises(TypeError):
        fields(object())


def test_records_pickle():
    ours, _ = _pair(frozen=True)
    globals()["Point"] = ours  # pickle finds classes by module and name
    ours.__qualname__ = "Point"
    try:
        p = ours(1, 2, tags=[3])
        assert pickle.loads(pickle.dumps(p)) == p
    finally:
        del globals()["Point"]


def test_bad_definitions_fail_as_dataclasses_do():
    with pytest.raises(TypeError):
        @record
        class Wrong:
            a: int = 1
            b: int
    with pytest.raises(ValueError):
        @record
        class Shared:
            a: list = []
    with pytest.raises(ValueError):
        field(default=1, default_factory=list)


def test_the_class_keeps_its_own_methods():
    @record(frozen=True)
    class Named:
        name: str

        def __repr__(self) -> str:
            return f"<{self.name}>"
    assert repr(Named("a")) == "<a>"


def test_no_dataclasses_on_the_way():
    """The point of the module: it never needs dataclasses (or inspect)."""
    source = records.__spec__.loader.get_source("factlint.records")
    assert "import dataclasses" not in source and "import inspect" not in source
