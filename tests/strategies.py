"""Hypothesis strategies shared by the property tests: text as the web delivers it."""

from __future__ import annotations

from hypothesis import strategies as st

# Arabic letters and marks, Persian/Urdu letters, Latin, digits of three
# systems, the punctuation that drives segmentation, quote marks, controls
# (NUL, bidi, zero-width), presentation forms and lone surrogates.
_ALPHABET = st.one_of(
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
    st.sampled_from(list(" \n\n\t\u00a0.،؛:!?؟…-–—\"'“”«»()[]/0123456789٠١٢٣٤٥٦٧٨٩۰۱۲")),
    st.sampled_from(["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202b", "\u202e", "\x00", "\ud800"]),
    st.characters(codec=None),
)

web_text = st.text(alphabet=_ALPHABET, max_size=300)
"""Arbitrary text weighted toward Arabic news material."""

_WORDS = st.sampled_from(
    [
        "قال",
        "وأضاف",
        "الرئيس",
        "إن",
        "أن",
        "الحكومة",
        "الرياض",
        "(واس)",
        "-",
        "أول",
        "يوليو",
        "2024",
        "د.",
        "3.5",
        '"',
        "«",
        "»",
        ":",
        "،",
        ".",
        "؟",
        "\n",
        "\n\n",
    ]
)
news_like = st.lists(_WORDS, max_size=60).map(" ".join)
"""Word salad built from the pieces that drive datelines, sentences and quotes."""
