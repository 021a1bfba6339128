"""The resolution parser: header, preamble, operative paragraphs, sub-paragraphs, footnotes.

Entry points:

* :func:`parse` — cleaned text -> :class:`qararat.model.Resolution`;
* :func:`~qararat.structure.references.find_references` — resolution numbers, symbols, dates;
* :func:`~qararat.structure.references.reversed_number_corrections` — repair "186/76".
"""

from qararat.structure.parser import parse
from qararat.structure.references import find_references, reversed_number_corrections

__all__ = ["find_references", "parse", "reversed_number_corrections"]
