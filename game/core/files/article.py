"""The source article, split into numbered paragraphs (¶1..¶13)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .paths import ARTICLE


@lru_cache(maxsize=4)
def paragraphs(path: Path = ARTICLE) -> tuple[str, ...]:
    """Paragraphs in order; ¶N is paragraphs()[N - 1]. One paragraph per non-empty line."""
    text = Path(path).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def paragraph(n: int, path: Path = ARTICLE) -> str:
    paras = paragraphs(path)
    if not 1 <= n <= len(paras):
        raise IndexError(f"paragraph {n} does not exist (the article has ¶1–¶{len(paras)})")
    return paras[n - 1]
