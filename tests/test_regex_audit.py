"""Audit every regular expression of the package for backtracking hazards.

Patterns are found two ways:

* statically, by walking every ``arnews`` module: module globals, classes,
  instances of arnews classes (such as a ``Lexicon``), and the containers they
  hold. A module that builds patterns lazily can also register them by keeping
  them in any module-level tuple, list or dict;
* dynamically, by recording every ``re`` compile called from arnews code while
  each entry point runs on sample text in a fresh interpreter (so cached
  lexicon patterns are compiled, and seen, again).

Each pattern is parsed with the ``re`` module's own parser and rejected when
it holds one of the shapes that make Python's backtracking engine take
exponential or polynomial time:

* a quantified group that holds another variable quantifier or an optional
  part (``(a+)+``, ``(?:\\s*x)*``, ``(?:ab?)+``);
* an empty-matching body under a quantifier (``(?:a?)*``);
* alternatives under a quantifier that can start with the same character
  (``(?:a|ab)*``, ``(?:\\w|\\d)+``);
* two unbounded runs in a row, with only optional items between them, that
  can take the same character (``\\d+\\d+``, ``\\s*,?\\s*``);
* a pattern that opens with an unbounded run and then needs something more
  (``\\s*x``, ``[^"]*"``, ``\\w+\\s+\\w+``): ``search`` and ``finditer`` retry
  it at every position of a long run, rescanning the run each time
  (quadratic). An anchor (``\\A``, ``^``, ``\\b``) or a lookbehind in front keeps
  it to the run's first position.

Atomic groups ``(?>...)`` and possessive quantifiers (``*+``, ``++``) cannot be
backtracked into, so they are the sanctioned way to keep such a shape.
"""

from __future__ import annotations

import importlib
import json
import pathlib
import pkgutil
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterable, Iterator
from re import _constants as sre
from re import _parser as sre_parse
from typing import Any

import attrs
import pytest

import arnews

PACKAGE_DIR = pathlib.Path(arnews.__file__).resolve().parent
TESTS_DIR = pathlib.Path(__file__).resolve().parent

# Whatever still fails at the end of a session, with the owner told; strict,
# so a fixed pattern has to leave this table.
KNOWN_HAZARDS: dict[str, str] = {}

# ---------------------------------------------------------------------------
# Character sets over a finite universe: every code point the pattern names,
# plus samples of the scripts and symbols news text is made of.

_SAMPLE_RANGES = (
    range(0x250),
    range(0x300, 0x370),
    range(0x600, 0x700),
    range(0x750, 0x780),
    range(0x8A0, 0x900),
    range(0x2000, 0x2070),
    range(0x3000, 0x3004),
    range(0xFB50, 0xFB60),
    range(0xFDF0, 0xFE00),
    range(0xFE70, 0xFE80),
    range(0xFEF0, 0xFF00),
    range(0x1F468, 0x1F470),
)
_SAMPLE = frozenset(cp for block in _SAMPLE_RANGES for cp in block)


def _literals(tree: Any) -> Iterator[int]:
    """Every code point a parsed pattern names (literals and range ends)."""
    for op, av in tree:
        if op in {sre.LITERAL, sre.NOT_LITERAL}:
            yield av
        elif op == sre.RANGE:
            yield from av
        elif op == sre.IN:
            yield from _literals(av)
        else:
            for sub in _children(op, av):
                yield from _literals(sub)


def _children(op: Any, av: Any) -> list[Any]:
    """The sub-sequences of one node, for any node kind."""
    if op == sre.SUBPATTERN:
        return [av[3]]
    if op in {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}:
        return [av[2]]
    if op == sre.BRANCH:
        return list(av[1])
    if op in {sre.ASSERT, sre.ASSERT_NOT}:
        return [av[1]]
    if op == sre.ATOMIC_GROUP:
        return [av]
    if op == sre.GROUPREF_EXISTS:
        return [branch for branch in av[1:] if branch is not None]
    return []


_CATEGORIES = {
    sre.CATEGORY_DIGIT: str.isdecimal,
    sre.CATEGORY_SPACE: str.isspace,
    sre.CATEGORY_WORD: lambda ch: ch.isalnum() or ch == "_",
}
_NEGATED = {
    sre.CATEGORY_NOT_DIGIT: sre.CATEGORY_DIGIT,
    sre.CATEGORY_NOT_SPACE: sre.CATEGORY_SPACE,
    sre.CATEGORY_NOT_WORD: sre.CATEGORY_WORD,
}


@attrs.frozen
class _Context:
    universe: frozenset[int]
    ignore_case: bool
    dot_all: bool
    ascii_only: bool

    def same(self, cp: int, literal: int) -> bool:
        if cp == literal:
            return True
        return self.ignore_case and chr(cp).casefold() == chr(literal).casefold()

    def in_category(self, cp: int, category: Any) -> bool:
        if category in _NEGATED:
            return not self.in_category(cp, _NEGATED[category])
        test = _CATEGORIES.get(category)
        if test is None:  # a line-break category: treat as "may match anything"
            return True
        return (not self.ascii_only or cp < 128) and bool(test(chr(cp)))

    def in_set(self, cp: int, items: Any) -> bool:
        negate = False
        hit = False
        for op, av in items:
            if op == sre.NEGATE:
                negate = True
            else:
                hit = hit or self._item_matches(cp, op, av)
        return hit != negate

    def _item_matches(self, cp: int, op: Any, av: Any) -> bool:
        if op == sre.LITERAL:
            return self.same(cp, av)
        if op == sre.RANGE:
            return bool(av[0] <= cp <= av[1])
        return op == sre.CATEGORY and self.in_category(cp, av)

    def chars(self, op: Any, av: Any) -> frozenset[int]:
        """The code points one single-character node matches."""
        if op == sre.LITERAL:
            return frozenset(cp for cp in self.universe if self.same(cp, av))
        if op == sre.NOT_LITERAL:
            return frozenset(cp for cp in self.universe if not self.same(cp, av))
        if op == sre.ANY:
            return self.universe if self.dot_all else self.universe - {10}
        if op == sre.IN:
            return frozenset(cp for cp in self.universe if self.in_set(cp, av))
        return frozenset()


# ---------------------------------------------------------------------------
# FIRST sets and the hazard checks.


def _is_repeat(op: Any) -> bool:
    return op in {sre.MAX_REPEAT, sre.MIN_REPEAT}


def _first(ctx: _Context, seq: Any) -> tuple[frozenset[int], bool]:
    """The characters ``seq`` can start with, and whether it can match empty."""
    found: frozenset[int] = frozenset()
    for op, av in seq:
        chars, nullable = _first_node(ctx, op, av)
        found |= chars
        if not nullable:
            return found, False
    return found, True


def _first_node(ctx: _Context, op: Any, av: Any) -> tuple[frozenset[int], bool]:
    if op in {sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN}:
        return ctx.chars(op, av), False
    if op in {sre.AT, sre.ASSERT, sre.ASSERT_NOT}:
        return frozenset(), True
    if op in {sre.GROUPREF, sre.GROUPREF_EXISTS}:
        return ctx.universe, True  # unknown: assume the worst
    if op == sre.BRANCH:
        parts = [_first(ctx, branch) for branch in av[1]]
        return frozenset().union(*(chars for chars, _ in parts)), any(nullable for _, nullable in parts)
    if op in {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}:
        chars, nullable = _first(ctx, av[2])
        return chars, nullable or av[0] == 0
    children = _children(op, av)
    return _first(ctx, children[0]) if children else (frozenset(), True)


def _leading_run(ctx: _Context, op: Any, av: Any) -> frozenset[int]:
    """Characters an unbounded, backtrackable run at the very start of a node can take."""
    if _is_repeat(op):
        chars = _first(ctx, av[2])[0] if av[1] == sre.MAXREPEAT else frozenset()
        return chars | (_leading_run_seq(ctx, av[2]) if av[2] else frozenset())
    if op == sre.BRANCH:
        return frozenset().union(*(_leading_run_seq(ctx, branch) for branch in av[1]))
    if op == sre.SUBPATTERN:
        return _leading_run_seq(ctx, av[3])
    return frozenset()


def _leading_run_seq(ctx: _Context, seq: Any) -> frozenset[int]:
    found: frozenset[int] = frozenset()
    for op, av in seq:
        found |= _leading_run(ctx, op, av)
        if not _first_node(ctx, op, av)[1]:
            break
    return found


def _contains_variable_repeat(seq: Any) -> bool:
    for op, av in seq:
        if op in {sre.ATOMIC_GROUP, sre.POSSESSIVE_REPEAT}:
            continue  # cannot be backtracked into from outside
        if _is_repeat(op) and av[0] != av[1]:
            return True
        # The parser factors ``a|aa`` into ``a(?:|a)``: an empty alternative is an optional part.
        if op == sre.BRANCH and any(not branch for branch in av[1]):
            return True
        if any(_contains_variable_repeat(sub) for sub in _children(op, av)):
            return True
    return False


def _overlapping_branches(ctx: _Context, seq: Any) -> list[str]:
    """Alternations in ``seq`` (not behind an atomic wall) whose branches share a first character."""
    problems: list[str] = []
    for op, av in seq:
        if op in {sre.ATOMIC_GROUP, sre.POSSESSIVE_REPEAT}:
            continue
        if op == sre.BRANCH:
            firsts = [_first(ctx, branch) for branch in av[1]]
            for i, (left, left_null) in enumerate(firsts):
                for right, right_null in firsts[i + 1 :]:
                    shared = left & right
                    if shared or (left_null and right_null):
                        sample = "".join(chr(cp) for cp in sorted(shared)[:5])
                        problems.append(
                            f"alternatives share a first character ({sample!r}) under a quantifier"
                        )
        for sub in _children(op, av):
            problems.extend(_overlapping_branches(ctx, sub))
    return problems


# Zero-width items that, in front of a run, stop search() from starting inside it.
_GUARDS = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}


def _opening_run(seq: Any) -> Iterator[str]:
    """A pattern that opens with an unbounded run and then must match more: search retries it everywhere."""
    items = list(seq)
    if not items or items[0][0] in _GUARDS:
        return
    op, av = items[0]
    if op == sre.SUBPATTERN:  # (?:...) or a capturing group around the whole opening
        yield from _opening_run([*av[3], *items[1:]])
        return
    if not (_is_repeat(op) and av[1] == sre.MAXREPEAT):
        return
    for later_op, later_av in items[1:]:
        optional = _is_repeat(later_op) and later_av[0] == 0
        if not optional and later_op not in _GUARDS:
            yield "opens with an unbounded run and needs more after it: quadratic under search()"
            return


def _hazards(ctx: _Context, seq: Any) -> Iterator[str]:
    for index, (op, av) in enumerate(seq):
        if _is_repeat(op) and av[1] > 1:
            body = av[2]
            if _contains_variable_repeat(body):
                yield "nested quantifier: a quantified group holds a variable quantifier"
            if _first(ctx, body)[1]:
                yield "a quantified group can match the empty string"
            yield from _overlapping_branches(ctx, body)
        if _is_repeat(op) and av[1] == sre.MAXREPEAT:
            yield from _adjacent_runs(ctx, seq, index)
        for sub in _children(op, av):
            yield from _hazards(ctx, sub)


def _adjacent_runs(ctx: _Context, seq: Any, index: int) -> Iterator[str]:
    run = _first(ctx, seq[index][1][2])[0]
    for op, av in seq[index + 1 :]:
        shared = run & _leading_run(ctx, op, av)
        if shared:
            sample = "".join(chr(cp) for cp in sorted(shared)[:5])
            yield f"two unbounded runs in a row can take the same character ({sample!r})"
            return
        if not _first_node(ctx, op, av)[1]:
            return


def _scoped_flags(seq: Any) -> int:
    flags = 0
    for op, av in seq:
        if op == sre.SUBPATTERN:
            flags |= av[1]
        for sub in _children(op, av):
            flags |= _scoped_flags(sub)
    return flags


def audit(pattern: str, flags: int = 0) -> list[str]:
    """Return the backtracking hazards of one pattern (empty when it is safe)."""
    tree = sre_parse.parse(pattern, flags)
    # Scoped flags (``(?i:...)``) count for the whole pattern: erring toward more overlap is safe.
    flags = tree.state.flags | _scoped_flags(tree)
    ctx = _Context(
        universe=_SAMPLE | frozenset(_literals(tree)),
        ignore_case=bool(flags & re.IGNORECASE),
        dot_all=bool(flags & re.DOTALL),
        ascii_only=bool(flags & re.ASCII),
    )
    return sorted({*_hazards(ctx, tree), *_opening_run(tree)})


# ---------------------------------------------------------------------------
# Finding the package's patterns.


def _modules() -> list[Any]:
    names = [info.name for info in pkgutil.walk_packages(arnews.__path__, "arnews.")]
    # arnews.__main__ runs the command line on import.
    return [arnews, *(importlib.import_module(name) for name in names if name != "arnews.__main__")]


def _walk(obj: object, seen: set[int], depth: int = 0) -> Iterator[re.Pattern[Any]]:
    if id(obj) in seen or depth > 6:
        return
    seen.add(id(obj))
    if isinstance(obj, re.Pattern):
        yield obj
    elif isinstance(obj, dict):
        for value in list(obj.values()):
            yield from _walk(value, seen, depth + 1)
    elif isinstance(obj, list | tuple | set | frozenset):
        for value in list(obj):
            yield from _walk(value, seen, depth + 1)
    elif isinstance(obj, type) and obj.__module__.startswith("arnews"):
        for value in list(vars(obj).values()):
            yield from _walk(value, seen, depth + 1)
    elif type(obj).__module__.startswith("arnews"):
        state = getattr(obj, "__dict__", {})
        slots = [name for klass in type(obj).__mro__ for name in getattr(klass, "__slots__", ())]
        for value in [*state.values(), *(getattr(obj, name, None) for name in slots)]:
            yield from _walk(value, seen, depth + 1)


def static_patterns() -> dict[str, int]:
    """Every pattern reachable from the package's modules, as ``{source: flags}``."""
    seen: set[int] = set()
    found: dict[str, int] = {}
    for module in _modules():
        for value in list(vars(module).values()):
            for pattern in _walk(value, seen):
                if isinstance(pattern.pattern, str):
                    found.setdefault(pattern.pattern, pattern.flags)
    return found


_RECORDER = textwrap.dedent(
    """
    import json, pathlib, re, sys

    package = pathlib.Path(sys.argv[1])
    recorded = {}
    original = re._compile

    def recording(pattern, flags):
        compiled = original(pattern, flags)
        frame = sys._getframe(1)
        while frame is not None and pathlib.Path(frame.f_code.co_filename).parent.name == "re":
            frame = frame.f_back
        if frame is not None and package in pathlib.Path(frame.f_code.co_filename).resolve().parents:
            if isinstance(compiled.pattern, str):
                recorded.setdefault(compiled.pattern, int(compiled.flags))
        return compiled

    re._compile = recording
    sys.path.insert(0, sys.argv[2])
    import adversarial

    failures = {}
    for name, entry in adversarial.ENTRY_POINTS.items():
        for text in (adversarial.PROSE, adversarial.PATTERNS["mixed_punct"](200), ""):
            try:
                entry(text)
            except Exception as error:  # an unfinished entry point must not hide the others
                failures[name] = repr(error)
    print(json.dumps({"patterns": recorded, "failures": failures}))
    """
)


def dynamic_patterns() -> dict[str, int]:
    """Patterns compiled by arnews code while every entry point runs, in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, "-c", _RECORDER, str(PACKAGE_DIR), str(TESTS_DIR)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    recorded: dict[str, int] = json.loads(result.stdout.splitlines()[-1])["patterns"]
    return recorded


def _all_patterns() -> dict[str, int]:
    found = static_patterns()
    for source, flags in dynamic_patterns().items():
        found.setdefault(source, flags)
    return found


PATTERNS = _all_patterns()


def _params(patterns: Iterable[str]) -> list[object]:
    params: list[object] = []
    for index, source in enumerate(sorted(patterns)):
        reason = KNOWN_HAZARDS.get(source)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        label = source if len(source) <= 40 else source[:37] + "..."
        params.append(pytest.param(source, marks=marks, id=f"{index}:{label!r}"))
    return params


# ---------------------------------------------------------------------------
# The tests.


@pytest.mark.parametrize("source", _params(PATTERNS))
def test_package_pattern_cannot_backtrack_catastrophically(source: str) -> None:
    assert audit(source, PATTERNS[source]) == []


def test_audit_sees_the_package_patterns() -> None:
    # The lexicon matcher exposes its compiled pattern; if the walk stopped
    # finding patterns the audit above would pass vacuously.
    lexicon = importlib.import_module("arnews._lexicon")
    sample = lexicon.Lexicon([("يناير", 1), ("يونيو", 6)])
    seen: set[int] = set()
    assert [p.pattern for p in _walk(sample, seen)] == [sample.pattern.pattern]
    assert PATTERNS, "no pattern found in the package"


@pytest.mark.parametrize(
    "pattern",
    [
        r"(a+)+b",
        r"(?:\s*x)*",
        r"(?:[^)]+\))*",
        r"(?:a?)*",
        r"(?:|a)+",
        r"(?:a|aa)*c",
        r"(?:ab?)+c",
        r"(?:\wx|\dy)+",
        r"(?:[اأ]ب|اج)+",
        r"\d+\d+",
        r"\s*,?\s*-",
        r"\S+(?:\s*)\S+",
        r".*.*=",
        r"(?:x\w+)*",
        r"(?i:(?:Ab|ac)+)",
        r"\s*x",
        r"[^\"]*\"",
        r"\w+\s+\w+",
        r"(?:\d+)x",
        r"(?s:.*)x",
    ],
)
def test_audit_rejects_backtracking_hazard(pattern: str) -> None:
    assert audit(pattern) != []


@pytest.mark.parametrize(
    "pattern",
    [
        r"\A[^\"]*\"",
        r"\b\w+\s+\w+",
        r"(?<!\s)\s*x",
        r"\s+",
        r"[.!?]+[\"»]*",
        r"(?:ab)+",
        r"(?:\d{2})+",
        r"(?:\d{2}[/-]){2}\d{4}",
        r"x(?>a+)+b",
        r"x(?:a++)+b",
        r"(?:ي(?:ناير|ونيو)|فبراير)",
        r"(?<!\w)(?:و)?(?P<key>ق(?:ال|ول))(?!\w)",
        r"[.!?؟…]+[\"»”)]*",
        r"\d+(?:[.,]\d+)?",
        r"(?:[a-z]|[0-9])+",
        r"(?:\w|\d)+",
        r"(?:قال|قول)+",
        r"كانون[ ]+الثاني",
    ],
)
def test_audit_accepts_linear_pattern(pattern: str) -> None:
    assert audit(pattern) == []


def test_known_hazards_are_package_patterns() -> None:
    assert set(KNOWN_HAZARDS) <= set(PATTERNS)
