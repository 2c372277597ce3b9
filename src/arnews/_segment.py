"""Segmentation (placeholder until the segmentation work lands)."""

from __future__ import annotations

from arnews._model import Paragraph, Sentence, Token

__all__ = ["paragraphs", "sentences", "tokens"]


def paragraphs(text: str) -> list[Paragraph]:
    raise NotImplementedError


def sentences(text: str) -> list[Sentence]:
    raise NotImplementedError


def tokens(text: str) -> list[Token]:
    raise NotImplementedError
