"""Write python.inv: the slice of Python's intersphinx inventory these docs link to.

The docs build offline in CI, where Python's own ``objects.inv`` cannot be
fetched; ``conf.py`` tries the online inventory first and falls back to this
file. Add a line below when the docs start linking to another standard
library name, then run ``python docs/_intersphinx/make_python_inv.py``.
"""

from __future__ import annotations

import zlib
from pathlib import Path

ENTRIES = """
bool py:class library/functions.html#bool
bytes py:class library/stdtypes.html#bytes
collections.abc.Callable py:class library/collections.abc.html#collections.abc.Callable
collections.abc.Iterable py:class library/collections.abc.html#collections.abc.Iterable
collections.abc.Iterator py:class library/collections.abc.html#collections.abc.Iterator
collections.abc.Mapping py:class library/collections.abc.html#collections.abc.Mapping
collections.abc.Sequence py:class library/collections.abc.html#collections.abc.Sequence
datetime.date py:class library/datetime.html#datetime.date
dict py:class library/stdtypes.html#dict
enum.StrEnum py:class library/enum.html#enum.StrEnum
float py:class library/functions.html#float
int py:class library/functions.html#int
list py:class library/stdtypes.html#list
object py:class library/functions.html#object
pathlib.Path py:class library/pathlib.html#pathlib.Path
re.Match py:class library/re.html#re.Match
re.Pattern py:class library/re.html#re.Pattern
str py:class library/stdtypes.html#str
tuple py:class library/stdtypes.html#tuple
typing.Any py:data library/typing.html#typing.Any
typing.TextIO py:class library/typing.html#typing.TextIO
TypeError py:exception library/exceptions.html#TypeError
ValueError py:exception library/exceptions.html#ValueError
KeyError py:exception library/exceptions.html#KeyError
None py:data library/constants.html#None
True py:data library/constants.html#True
False py:data library/constants.html#False
str.translate py:method library/stdtypes.html#str.translate
unicodedata.normalize py:function library/unicodedata.html#unicodedata.normalize
pickle py:module library/pickle.html#module-pickle
"""


def main() -> None:
    header = b"# Sphinx inventory version 2\n# Project: Python\n# Version: 3\n"
    header += b"# The remainder of this file is compressed using zlib.\n"
    lines = []
    for line in ENTRIES.strip().splitlines():
        name, role, uri = line.split()
        lines.append(f"{name} {role} 1 {uri} -\n")
    body = zlib.compress("".join(sorted(lines)).encode("utf-8"))
    (Path(__file__).parent / "python.inv").write_bytes(header + body)


if __name__ == "__main__":
    main()
