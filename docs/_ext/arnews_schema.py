"""Sphinx directive ``arnews-schema``: the JSON schema of an Article, generated from the model.

The schema is built at docs build time by walking the attrs classes of
:mod:`arnews._model`, starting at :class:`~arnews.Article`, and applying the
same mapping as :mod:`arnews._serialize`: a span is a ``[start, end]`` array,
an enum its string value, a date an ISO string, an optional field may be
``null``, a tuple or other sequence an array. Descriptions come from each class's
``Attributes:`` docstring section. So the page cannot drift from the code.
Usage in MyST::

    ```{arnews-schema} tables
    ```

    ```{arnews-schema} json
    ```

``tables`` renders one table per class (field, JSON type, description);
``json`` renders the whole JSON Schema (draft 2020-12). :func:`conforms`
checks a value against the schema, for the page's doctest.
"""

from __future__ import annotations

import collections.abc
import datetime
import enum
import json
import re
import types
import typing
from typing import Any

import attrs
from _docutils_table import make_table
from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.application import Sphinx

from arnews import _model
from arnews._serialize import SCHEMA_VERSION

ROOT = _model.Article
SCALARS: dict[type, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    datetime.date: {"type": "string", "format": "date"},
}
SPAN = {
    "type": "array",
    "prefixItems": [{"type": "integer", "minimum": 0}, {"type": "integer", "minimum": 0}],
    "items": False,
    "description": "[start, end): code-point offsets into the article text",
}


# Docstrings use reST roles and literals; the schema and its tables show plain text.
ROLE = re.compile(r":[a-z:]+:`~?([^`]*)`")


def _plain(text: str) -> str:
    return ROLE.sub(r"\1", text.replace("``None``", "null")).replace("``", "")


def _descriptions(cls: type) -> dict[str, str]:
    """Read the ``Attributes:`` section of a Google-style class docstring."""
    found: dict[str, str] = {}
    lines = (cls.__doc__ or "").splitlines()
    inside = False
    current = ""
    for line in lines:
        stripped = line.strip()
        if stripped == "Attributes:":
            inside = True
            continue
        if not inside:
            continue
        if not stripped:
            if found:
                break
            continue
        # A field line is indented one level under "Attributes:"; continuation lines deeper.
        name, colon, rest = stripped.partition(":")
        if colon and name.isidentifier() and line.startswith(" " * 8) and not line.startswith(" " * 12):
            current = name
            found[current] = rest.strip()
        elif current:
            found[current] += " " + stripped
    return {name: _plain(text) for name, text in found.items()}


def _schema_of(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [_schema_of(arg, defs) for arg in typing.get_args(hint) if arg is not type(None)]
        nullable = type(None) in typing.get_args(hint)
        return {"anyOf": [*options, {"type": "null"}]} if nullable else {"anyOf": options}
    if origin in (tuple, collections.abc.Sequence):
        return {"type": "array", "items": _schema_of(typing.get_args(hint)[0], defs)}
    if hint is _model.Span:
        return {"$ref": "#/$defs/Span"}
    if hint in SCALARS:
        return dict(SCALARS[hint])
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return {"type": "string", "enum": [member.value for member in hint]}
    if attrs.has(hint):
        _define(hint, defs)
        return {"$ref": f"#/$defs/{hint.__name__}"}
    raise TypeError(f"no JSON schema mapping for {hint!r}")


def _define(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    if cls.__name__ in defs:
        return defs[cls.__name__]  # type: ignore[no-any-return]
    entry: dict[str, Any] = {"type": "object"}
    defs[cls.__name__] = entry  # registered first, so a cycle would end here
    hints = typing.get_type_hints(cls)
    described = _descriptions(cls)
    properties: dict[str, Any] = {}
    for field in attrs.fields(cls):
        prop = _schema_of(hints[field.name], defs)
        if field.name in described:
            prop["description"] = described[field.name]
        properties[field.name] = prop
    summary = _plain((cls.__doc__ or "").strip().splitlines()[0])
    entry.update(
        description=summary,
        properties=properties,
        required=list(properties),
        additionalProperties=False,
    )
    return entry


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of what :func:`arnews.to_dict` returns for an Article."""
    defs: dict[str, Any] = {"Span": SPAN}
    article = dict(_define(ROOT, defs))
    del defs[ROOT.__name__]
    properties = {
        "schema_version": {
            "const": SCHEMA_VERSION,
            "description": "The version of the JSON form; it changes whenever a field changes meaning.",
        },
        **article["properties"],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "arnews Article",
        **article,
        "properties": properties,
        "required": list(properties),
        "$defs": dict(sorted(defs.items())),
    }


def conforms(value: Any, schema: dict[str, Any], root: dict[str, Any] | None = None) -> bool:
    """Whether ``value`` fits ``schema``, for the keywords :func:`json_schema` uses."""
    root = root if root is not None else schema
    if "$ref" in schema:
        return conforms(value, root["$defs"][schema["$ref"].rsplit("/", 1)[1]], root)
    if "anyOf" in schema:
        return any(conforms(value, option, root) for option in schema["anyOf"])
    if "const" in schema:
        return bool(value == schema["const"])
    if "enum" in schema and value not in schema["enum"]:
        return False
    kind = schema.get("type")
    if kind == "null":
        return value is None
    if kind == "string":
        if not isinstance(value, str):
            return False
        return schema.get("format") != "date" or _is_iso_date(value)
    if kind == "integer":
        is_int = isinstance(value, int) and not isinstance(value, bool)
        return is_int and value >= schema.get("minimum", value)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "array":
        return isinstance(value, list) and _array_conforms(value, schema, root)
    if kind == "object":
        if not isinstance(value, dict) or set(value) != set(schema["required"]):
            return False
        return all(conforms(value[key], schema["properties"][key], root) for key in value)
    return False


def _array_conforms(value: list[Any], schema: dict[str, Any], root: dict[str, Any]) -> bool:
    prefix = schema.get("prefixItems", [])
    if len(value) < len(prefix) or (schema.get("items") is False and len(value) != len(prefix)):
        return False
    if not all(conforms(item, sub, root) for item, sub in zip(value, prefix, strict=False)):
        return False
    rest = schema.get("items")
    return not isinstance(rest, dict) or all(conforms(item, rest, root) for item in value[len(prefix) :])


def _is_iso_date(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _type_label(prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        return str(prop["$ref"]).rsplit("/", 1)[1]
    if "anyOf" in prop:
        return " or ".join(_type_label(option) for option in prop["anyOf"])
    if "const" in prop:
        return f"integer, always {prop['const']}"
    if "enum" in prop:
        return "string: " + ", ".join(f'"{value}"' for value in prop["enum"])
    if prop.get("type") == "array":
        items = prop.get("items")
        return f"array of {_type_label(items)}" if isinstance(items, dict) else "[integer, integer]"
    if prop.get("format") == "date":
        return "string (ISO date)"
    return str(prop.get("type"))


def _tables(schema: dict[str, Any]) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for name, entry in [("Article", schema), *schema["$defs"].items()]:
        section = nodes.rubric(text=name)
        out.append(section)
        out.append(nodes.paragraph(text=entry.get("description", "")))
        if entry.get("type") != "object":
            out.append(nodes.paragraph(text=f"JSON: {_type_label(entry)}."))
            continue
        rows = [
            [key, _type_label(prop), prop.get("description", "")] for key, prop in entry["properties"].items()
        ]
        out.append(
            make_table(
                ["field", "JSON type", "meaning"],
                rows,
                widths=(20, 25, 55),
                literal_first=True,
                classes=["arnews-schema"],
            )
        )
    return out


class ArnewsSchema(Directive):
    """Render the Article JSON schema as tables or as JSON."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        form = self.arguments[0]
        schema = json_schema()
        if form == "tables":
            return _tables(schema)
        if form == "json":
            text = json.dumps(schema, ensure_ascii=False, indent=2)
            block = nodes.literal_block(text, text, language="json")
            return [block]
        raise self.error(f"unknown arnews-schema form {form!r}; known: json, tables")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("arnews-schema", ArnewsSchema)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
