"""Record dataclasses <-> Arrow columns, derived from the type hints alone.

Nothing here names a record type's fields: a field added to a dataclass (or a section added
to `ArticleRecord`) becomes a column on the next write, and older files without it read back
with the field's default. Mapping: str, int, float, bool -> the Arrow scalar; `X | None` ->
nullable X; `tuple[X, ...]` and `tuple[X, Y]` -> list; a dataclass -> struct; anything else
-> JSON text.
"""
from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import lru_cache
from typing import Any

import pyarrow as pa

from newsgraph.model.json_text import dumps


SCALARS: dict[type, pa.DataType] = {str: pa.string(), int: pa.int64(), float: pa.float64(),
                                    bool: pa.bool_()}


@lru_cache(maxsize=None)
def hints(cls: type) -> dict[str, Any]:
    """Resolved field types of a dataclass (annotations are strings under `from __future__`)."""
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in typing.get_type_hints(cls).items() if k in names}


def arrow_type(hint: Any) -> pa.DataType:
    hint = _without_none(hint)
    if hint in SCALARS:
        return SCALARS[hint]
    if dataclasses.is_dataclass(hint):
        return pa.struct([pa.field(name, arrow_type(sub)) for name, sub in hints(hint).items()])
    if typing.get_origin(hint) is tuple:
        members = [a for a in typing.get_args(hint) if a is not Ellipsis]
        return pa.list_(arrow_type(members[0]) if len(set(members)) == 1 else pa.string())
    return pa.string()


def schema_of(cls: type, leading: tuple[pa.Field, ...] = ()) -> pa.Schema:
    """One column per field of `cls`, after the `leading` key columns."""
    return pa.schema([*leading, *(pa.field(name, arrow_type(h)) for name, h in hints(cls).items())])


def to_row(item: Any) -> dict[str, Any]:
    """A dataclass instance as a dict Arrow accepts for `schema_of(type(item))`."""
    return {name: to_cell(getattr(item, name), hint) for name, hint in hints(type(item)).items()}


def from_row(cls: type, row: dict[str, Any]) -> Any:
    """Rebuild `cls` from a row; columns the class lacks are ignored, fields the row lacks default."""
    fields = hints(cls)
    return cls(**{name: from_cell(value, fields[name]) for name, value in row.items() if name in fields})


def to_cell(value: Any, hint: Any) -> Any:
    if value is None:
        return None
    hint = _without_none(hint)
    if hint in SCALARS:
        return value
    if dataclasses.is_dataclass(hint):
        return to_row(value)
    if typing.get_origin(hint) is tuple:
        members = [a for a in typing.get_args(hint) if a is not Ellipsis]
        if len(set(members)) == 1:
            return [to_cell(v, members[0]) for v in value]
    return dumps(value, default=_jsonable)  # strict JSON: a non-finite number is null


def from_cell(value: Any, hint: Any) -> Any:
    if value is None:
        return None
    hint = _without_none(hint)
    if hint in SCALARS:
        return hint(value) if hint is float else value
    if dataclasses.is_dataclass(hint):
        return from_row(hint, value)
    if typing.get_origin(hint) is tuple:
        members = [a for a in typing.get_args(hint) if a is not Ellipsis]
        if len(set(members)) == 1:
            return tuple(from_cell(v, members[0]) for v in value)
    return _tuples(json.loads(value))


def _without_none(hint: Any) -> Any:
    """`X | None` -> X; other unions stay as they are (and travel as JSON)."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(hint) if a is not type(None)]
        return members[0] if len(members) == 1 else hint
    return hint


def _jsonable(value: Any) -> Any:
    return dataclasses.asdict(value) if dataclasses.is_dataclass(value) else str(value)


def _tuples(value: Any) -> Any:
    """JSON lists back to the tuples the frozen records hold."""
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    if isinstance(value, dict):
        return {k: _tuples(v) for k, v in value.items()}
    return value
