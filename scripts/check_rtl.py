"""Check in a headless browser that Arabic reads right to left in the built HTML docs.

Loads each page of a built Sphinx HTML folder in headless Chromium (Debian's
``chromium`` package), with a small script added that measures where the
browser actually drew the characters, and checks:

* **words**: in every Arabic word of the main content, the first letter is
  drawn to the right of the last one;
* **running text**: in every paragraph, list item, table cell or definition
  whose first letter is Arabic, nothing written after that letter stands to
  its right on its line (so the line runs right to left even when it holds
  Latin words or numbers);
* **code blocks**: the same for every line of a code block whose first
  letter is Arabic (a doctest's Arabic output). Python source lines (``>>>``
  and ``...`` prompts) are only counted, in a note, when the browser lays
  them out right to left; their Arabic strings are checked word by word.

Usage::

    python scripts/check_rtl.py docs/_build/html            # every page
    python scripts/check_rtl.py docs/_build/html tutorial cookbook
    python scripts/check_rtl.py --self-test                  # the check can fail

Exit codes: 0 all pages pass (or Chromium is absent: the check is skipped,
with a message saying so), 1 some page fails, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from typing import Any

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--allow-file-access-from-files",
)
SKIPPED_PAGES = {"genindex.html", "search.html", "py-modindex.html"}
REPORT = re.compile(r'<pre id="arnews-rtl-report">([^<]*)</pre>')
MARKER = "<!-- arnews-rtl-check -->"

# Runs inside the page. It measures where characters were drawn, not what CSS
# says, so it catches any rule (or missing rule) that breaks the reading order.
PROBE = r"""
<script>
(function () {
    // Strong letters only: Arabic-Indic digits and Arabic punctuation are not strong.
  const AR = "\u0621-\u064A\u066E-\u06D3\u06D5\u06FA-\u06FF" +
    "\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF";
  const LETTER = new RegExp("[" + AR + "]");
  const STRONG = new RegExp("[A-Za-z\u00C0-\u024F" + AR + "]");
  const root = document.querySelector("article") || document.body;
  const report = {words: [0, 0], lines: [0, 0], code: [0, 0], prompt_lines_rtl: 0, failures: []};
  function rect(node, offset) {
    const range = document.createRange();
    range.setStart(node, offset);
    range.setEnd(node, offset + 1);
    const rects = range.getClientRects();
    return rects.length ? rects[0] : null;
  }
  function textNodes(element) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  }
  function fail(kind, text) {
    if (report.failures.length < 20) report.failures.push(kind + ": " + text.trim().slice(0, 80));
  }
  // Whether the character at index first is the rightmost of it and everything after it on its line.
  function rightmostOnLine(chars, first) {
    const head = rect(chars[first][0], chars[first][1]);
    if (!head || head.width === 0) return null;
    let right = -Infinity;
    for (const [node, offset] of chars.slice(first)) {
      const box = rect(node, offset);
      if (box && box.width > 0 && Math.abs(box.top - head.top) < head.height / 2) {
        right = Math.max(right, box.right);
      }
    }
    return head.right >= right - 1;
  }
  function checkLine(kind, chars, text) {
    let first = -1;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i][0].data[chars[i][1]];
      if (STRONG.test(ch)) { first = i; break; }
    }
    if (first < 0) return;
    const ch = chars[first][0].data[chars[first][1]];
    if (!LETTER.test(ch)) return;
    // Right to left, the first letter's run comes first from the right: nothing written
    // after the first letter may stand to its right (leading quote marks and digits may).
    if (kind === "code" && /^\s*(>>>|\.\.\.)( |$)/.test(text)) {
      // Python source (a doctest prompt line): its Arabic strings are checked word by word;
      // the line as a whole is only counted when the browser lays it out right to left.
      if (rightmostOnLine(chars, first)) report.prompt_lines_rtl += 1;
      return;
    }
    const ok = rightmostOnLine(chars, first);
    if (ok === null) return;
    report[kind][0] += 1;
    if (!ok) { report[kind][1] += 1; fail(kind === "code" ? "code line" : "running text", text); }
  }
  function charsOf(element) {
    const chars = [];
    for (const node of textNodes(element)) {
      for (let i = 0; i < node.data.length; i++) chars.push([node, i]);
    }
    return chars;
  }
  // Words.
  for (const node of textNodes(root)) {
    const pattern = /[\u0621-\u064A]{3,}/g;
    let match;
    while ((match = pattern.exec(node.data)) !== null && report.words[0] < 2000) {
      const a = rect(node, match.index);
      const b = rect(node, match.index + match[0].length - 1);
      if (!a || !b || Math.abs(a.top - b.top) > a.height / 2) continue;
      report.words[0] += 1;
      if (!(a.left > b.left)) { report.words[1] += 1; fail("word", match[0]); }
    }
  }
  // Running text.
  for (const element of root.querySelectorAll("p, li, td, th, dd, dt")) {
    if (element.closest("pre")) continue;
    checkLine("lines", charsOf(element), element.textContent);
  }
  // Code blocks, line by line.
  for (const pre of root.querySelectorAll("pre")) {
    let line = [];
    let text = "";
    for (const item of charsOf(pre).concat([[null, 0]])) {
      const ch = item[0] ? item[0].data[item[1]] : "\n";
      if (ch === "\n") { if (line.length) checkLine("code", line, text); line = []; text = ""; }
      else { line.push(item); text += ch; }
    }
  }
  const out = document.createElement("pre");
  out.id = "arnews-rtl-report";
  out.textContent = JSON.stringify(report);
  document.body.appendChild(out);
})();
</script>
"""


def find_browser() -> str | None:
    """The path of a Chromium executable, or ``None``."""
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def probe_page(browser: str, page: pathlib.Path, timeout: float = 60.0) -> dict[str, Any]:
    """Load one HTML page (already carrying the probe) and return the probe's report."""
    with tempfile.TemporaryDirectory(prefix="arnews-rtl-profile-") as profile:
        command = [browser, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()]
        # The browser is the one found on PATH (or named by ARNEWS_CHROMIUM); the page is our own copy.
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)  # noqa: S603
    found = REPORT.search(done.stdout)
    if not found:
        raise RuntimeError(
            f"{page.name}: no report from the browser (exit {done.returncode}): {done.stderr[-500:]}"
        )
    report: dict[str, Any] = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    return report


def with_probe(html: str) -> str:
    """The page with the probe script added at the end of its body."""
    cut = html.rfind("</body>")
    cut = cut if cut >= 0 else len(html)
    return html[:cut] + MARKER + PROBE + html[cut:]


def check_folder(browser: str, built: pathlib.Path, names: Sequence[str]) -> list[tuple[str, dict[str, Any]]]:
    """Probe the pages of a built HTML folder, on a copy so the build stays untouched."""
    with tempfile.TemporaryDirectory(prefix="arnews-rtl-") as scratch:
        copy = pathlib.Path(scratch) / "html"
        shutil.copytree(built, copy)
        if names:
            pages = [copy / (name if name.endswith(".html") else f"{name}.html") for name in names]
        else:
            pages = sorted(path for path in copy.glob("*.html") if path.name not in SKIPPED_PAGES)
        results = []
        for page in pages:
            if not page.is_file():
                raise FileNotFoundError(f"no page {page.name} in {built}")
            page.write_text(with_probe(page.read_text(encoding="utf-8")), encoding="utf-8")
            results.append((page.name, probe_page(browser, page)))
        return results


def failures(report: dict[str, Any]) -> int:
    """How many checks of a page's report failed."""
    return int(report["words"][1] + report["lines"][1] + report["code"][1])


SELF_TEST_TEXT = "قال الوزير إن 3 مشاريع جديدة ستبدأ في 2025 ضمن خطة Vision الوطنية."


def self_test(browser: str) -> bool:
    """Show that the check passes a right-to-left page and fails a left-to-right one."""
    rtl_css = "p, pre { unicode-bidi: plaintext; }"
    body = f"<article><p>{SELF_TEST_TEXT}</p><pre>&gt;&gt;&gt; print(x)\n{SELF_TEST_TEXT}</pre></article>"
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="arnews-rtl-self-") as scratch:
        for name, css in (("good", rtl_css), ("bad", "")):
            page = pathlib.Path(scratch) / f"{name}.html"
            html = f'<!doctype html><html><head><meta charset="utf-8"><style>{css}</style></head>'
            page.write_text(with_probe(html + f"<body>{body}</body></html>"), encoding="utf-8")
            report = probe_page(browser, page)
            print(f"self-test {name}: {_summary(report)}")
            outcomes.append((report["lines"][0] > 0 and report["code"][0] > 0, failures(report)))
    (good_checked, good_failed), (bad_checked, bad_failed) = outcomes
    return good_checked and good_failed == 0 and bad_checked and bad_failed > 0


def _summary(report: dict[str, Any]) -> str:
    parts = [
        f"{kind} {report[kind][0] - report[kind][1]}/{report[kind][0]} ok"
        for kind in ("words", "lines", "code")
    ]
    if report["prompt_lines_rtl"]:
        parts.append(f"(note: {report['prompt_lines_rtl']} '>>>'/'...' source lines laid out right to left)")
    return ", ".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the check from the command line; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "built", nargs="?", type=pathlib.Path, help="a built HTML folder (sphinx-build -b html)"
    )
    parser.add_argument("pages", nargs="*", help="page names (default: every page)")
    parser.add_argument("--self-test", action="store_true", help="check that the check tells RTL from LTR")
    options = parser.parse_args(argv)
    browser = os.environ.get("ARNEWS_CHROMIUM") or find_browser()
    if browser is None:
        print("check_rtl: SKIPPED: no chromium found (apt-get install chromium)", file=sys.stderr)
        return 0
    if options.self_test:
        ok = self_test(browser)
        print("self-test passed" if ok else "self-test FAILED")
        return 0 if ok else 1
    if options.built is None or not (options.built / "index.html").is_file():
        parser.error("give a built HTML folder (one with index.html), or --self-test")
    results = check_folder(browser, options.built, options.pages)
    bad = 0
    for name, report in results:
        bad += failures(report) > 0
        print(f"{name}: {_summary(report)}")
        for failure in report["failures"]:
            print(f"  FAIL {failure}")
    print(f"check_rtl: {len(results)} pages, {bad} with failures")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
