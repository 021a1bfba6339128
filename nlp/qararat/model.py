"""The data a resolution becomes: plain dataclasses shared by every stage.

Every stage reads and writes these types and nothing else, so each stage can be used alone:
``structure`` builds a :class:`Resolution`, ``clauses`` and ``themes`` fill fields of its
:class:`Paragraph` objects, outputs serialise it. Field names are the JSON contract of
``qararat analyze --format json``.
"""

from __future__ import annotations

import html
import json
from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import pandas as pd

ParagraphKind = Literal["preambular", "operative", "subparagraph", "annex"]


@dataclass
class Correction:
    """One change to the original text, with its evidence.

    Attributes:
        start: Offset of the first changed character in the original input.
        end: Offset one past the last changed character in the original input.
        original: ``original_text[start:end]``.
        replacement: What the span becomes in the cleaned text.
        rule: Name of the mechanism that proposed the change (``lexicon``, ``context``,
            ``clause_opener``, ``bidi_reversed_number``, ``normalize_persian_letter`` …).
        confidence: Probability-like score in [0, 1].
        alternatives: Other candidates considered, best first.
        applied: False when the change is only a suggestion (below the confidence threshold).
        confusion: Confusion class of the edit (``dots``, ``hamza``, ``ta_marbuta`` …) if known.
    """

    start: int
    end: int
    original: str
    replacement: str
    rule: str
    confidence: float
    alternatives: list[str] = field(default_factory=list)
    applied: bool = True
    confusion: str | None = None


@dataclass
class Warning:  # noqa: A001 - the JSON contract calls them warnings
    """Something odd but usable about a document (a missing footnote, a rejoined paragraph)."""

    kind: str
    message: str


@dataclass
class Footnote:
    """A footnote text, moved out of the body and linked to its markers."""

    number: int
    text: str


@dataclass
class Reference:
    """A reference found in the text: a resolution, a document symbol or a date.

    Attributes:
        kind: ``ga_resolution``, ``sc_resolution``, ``ecosoc_resolution``, ``hrc_resolution``,
            ``resolution``, ``document_symbol`` or ``date``.
        text: As written in the cleaned text.
        value: Normalised value (``76/186``, ``2017/18``, ``S/RES/2331 (2016)``, ``2021-12-16``).
        paragraph_index: Index of the paragraph it occurs in, if any.
    """

    kind: str
    text: str
    value: str
    paragraph_index: int | None = None


@dataclass
class Header:
    """The resolution's header block and closing formula."""

    body: str | None = None
    session: int | None = None
    agenda_item: str | None = None
    agenda_title: str | None = None
    resolution: str | None = None
    committee_report: str | None = None
    adopted: str | None = None
    plenary_meeting: str | None = None
    plenary_date: str | None = None
    title: str | None = None
    opening: str | None = None


@dataclass
class Paragraph:
    """A preambular, operative or sub-paragraph.

    Attributes:
        index: Position in the document, from 0.
        kind: ``preambular``, ``operative``, ``subparagraph``, or ``annex`` for any paragraph
            of an annex (a declaration, a programme of action) after the resolution.
        number: Operative number ("1") or sub-paragraph letter ("أ"), as ASCII digits.
        parent: Index of the enclosing paragraph for sub-paragraphs.
        text: Cleaned paragraph text, footnote blocks removed, markup stripped.
        lead: Lead verb phrase as written, without و/إذ.
        label: Clause label from LABELS.md.
        label_source: ``rules``, ``fuzzy`` or ``model``: which mechanism decided the label.
        modifiers: ``also``, ``further``, ``with_appreciation`` …
        secondary_labels: Labels of coordinated clauses ("… وتطلب إلى …").
        addressees: Canonical names of who the clause addresses.
        themes: Themes the paragraph mentions.
        footnote_refs: Footnote numbers referenced in the paragraph.
        start: Offset of the paragraph's first character in the cleaned text.
        end: Offset one past its last character in the cleaned text (before rejoining).
        rejoined: True when a page break split it and the parser joined it again.
        section: The heading the paragraph stands under, as written ("أولا - ولاية المقرر
            الخاص"), if the resolution has section headings; in an annex, the annex's title.
        part: The part of a multi-part resolution ("ألف", "باء" …), or for an ``annex``
            paragraph the annex heading ("المرفق", "المرفق الثاني"); None otherwise.
    """

    index: int
    kind: ParagraphKind
    text: str
    number: str | None = None
    parent: int | None = None
    lead: str | None = None
    label: str | None = None
    label_source: str | None = None
    modifiers: list[str] = field(default_factory=list)
    secondary_labels: list[str] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    footnote_refs: list[int] = field(default_factory=list)
    start: int | None = None
    end: int | None = None
    rejoined: bool = False
    section: str | None = None
    part: str | None = None


_PARAGRAPH_COLUMNS = [
    "doc_id",
    "paragraph_index",
    "kind",
    "number",
    "parent",
    "part",
    "section",
    "lead",
    "label",
    "label_source",
    "modifiers",
    "secondary_labels",
    "addressees",
    "themes",
    "footnote_refs",
    "text",
]


@dataclass
class Resolution:
    """A parsed resolution: header, paragraphs, footnotes, references, corrections, warnings.

    Attributes:
        doc_id: Stable identifier (file stem, or a content hash for text input).
        source: Path the document was read from, or ``<string>``/``<stdin>``.
        text: The cleaned text the structure was parsed from.
        original: The text as read, which correction offsets refer to.
        encoding: Encoding the input was decoded from.
    """

    doc_id: str
    source: str
    text: str = ""
    original: str = ""
    encoding: str | None = None
    header: Header = field(default_factory=Header)
    paragraphs: list[Paragraph] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)

    # -- views ------------------------------------------------------------------------------
    @property
    def preambular(self) -> list[Paragraph]:
        """Preambular paragraphs, in order."""
        return [p for p in self.paragraphs if p.kind == "preambular"]

    @property
    def operative(self) -> list[Paragraph]:
        """Operative paragraphs, in order."""
        return [p for p in self.paragraphs if p.kind == "operative"]

    @property
    def subparagraphs(self) -> list[Paragraph]:
        """Sub-paragraphs, in order."""
        return [p for p in self.paragraphs if p.kind == "subparagraph"]

    @property
    def annex(self) -> list[Paragraph]:
        """Paragraphs of annexes and quoted drafts (kind ``annex``), in order; their ``part``
        says which annex ("المرفق", "المرفق الثاني") or "مشروع قرار"."""
        return [p for p in self.paragraphs if p.kind == "annex"]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON contract of ``qararat analyze`` as plain Python data."""
        paragraphs = []
        for p in self.paragraphs:
            d = asdict(p)
            paragraphs.append(d)
        return {
            "doc_id": self.doc_id,
            "source": self.source,
            "encoding": self.encoding,
            "header": asdict(self.header),
            "paragraphs": paragraphs,
            "footnotes": [asdict(f) for f in self.footnotes],
            "references": [asdict(r) for r in self.references],
            "corrections": [asdict(c) for c in self.corrections],
            "warnings": [asdict(w) for w in self.warnings],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Resolution:
        """Rebuild a resolution from :meth:`to_dict`'s data (the JSON of ``qararat analyze``
        or of a batch's ``json/`` folder). Keys the contract does not know are ignored; the
        full texts are not part of the contract, so ``text`` and ``original`` stay empty.

        Raises:
            ValueError: ``data`` is not an analysis (no ``paragraphs`` list, a paragraph
                without ``index``/``kind``/``text``).
        """
        if not isinstance(data, dict) or not isinstance(data.get("paragraphs"), list):
            raise ValueError("not a qararat analysis (no 'paragraphs' list)")
        try:
            return cls(
                doc_id=str(data.get("doc_id") or "document"),
                source=str(data.get("source") or "<json>"),
                encoding=data.get("encoding"),
                header=_build(Header, data.get("header") or {}),
                paragraphs=[_build(Paragraph, p) for p in data["paragraphs"]],
                footnotes=[_build(Footnote, f) for f in data.get("footnotes") or []],
                references=[_build(Reference, r) for r in data.get("references") or []],
                corrections=[_build(Correction, c) for c in data.get("corrections") or []],
                warnings=[_build(Warning, w) for w in data.get("warnings") or []],
            )
        except (TypeError, AttributeError) as exc:
            raise ValueError(f"not a qararat analysis ({exc})") from None

    def to_json(self, *, indent: int | None = 2) -> str:
        """Serialise :meth:`to_dict` as JSON (UTF-8 Arabic kept readable)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_frame(self) -> pd.DataFrame:
        """One row per paragraph, tidy, keys first (``doc_id``, ``paragraph_index``)."""
        import pandas as pd

        rows = []
        for p in self.paragraphs:
            rows.append(
                {
                    "doc_id": self.doc_id,
                    "paragraph_index": p.index,
                    "kind": p.kind,
                    "number": p.number,
                    "parent": p.parent,
                    "part": p.part,
                    "section": p.section,
                    "lead": p.lead,
                    "label": p.label,
                    "label_source": p.label_source,
                    "modifiers": list(p.modifiers),
                    "secondary_labels": list(p.secondary_labels),
                    "addressees": list(p.addressees),
                    "themes": list(p.themes),
                    "footnote_refs": list(p.footnote_refs),
                    "text": p.text,
                }
            )
        return pd.DataFrame(rows, columns=_PARAGRAPH_COLUMNS)

    def corrections_frame(self) -> pd.DataFrame:
        """One row per correction, with ``doc_id`` first."""
        import pandas as pd

        cols = [
            "doc_id",
            "start",
            "end",
            "original",
            "replacement",
            "rule",
            "confidence",
            "applied",
            "confusion",
            "alternatives",
        ]
        rows = [{"doc_id": self.doc_id, **asdict(c)} for c in self.corrections]
        return pd.DataFrame(rows, columns=cols)

    def summary(self) -> dict[str, Any]:
        """Counts a person checks first: paragraphs by kind, footnotes, corrections, warnings."""
        return {
            "doc_id": self.doc_id,
            "body": self.header.body,
            "resolution": self.header.resolution,
            "adopted": self.header.adopted,
            "preambular": len(self.preambular),
            "operative": len(self.operative),
            "subparagraphs": len(self.subparagraphs),
            "annex": len(self.annex),
            "footnotes": len(self.footnotes),
            "references": len(self.references),
            "corrections_applied": sum(c.applied for c in self.corrections),
            "corrections_suggested": sum(not c.applied for c in self.corrections),
            "warnings": len(self.warnings),
        }

    def _repr_html_(self) -> str:
        """Jupyter view: header and an RTL outline of paragraphs with their labels."""
        esc = html.escape
        h = self.header
        head = " · ".join(
            esc(str(v)) for v in (h.body, h.resolution, h.adopted, h.title) if v is not None
        )
        rows = []
        where: tuple[str | None, str | None] = (None, None)
        for p in self.paragraphs:
            if (p.part, p.section) != where and (p.part or p.section):
                heading = " — ".join(esc(x) for x in (p.part, p.section) if x)
                rows.append(f"<tr><th colspan='6' style='text-align:right'>{heading}</th></tr>")
            where = (p.part, p.section)
            tag = p.number or ""
            label = esc(p.label or "")
            themes = esc(", ".join(p.themes))
            rows.append(
                f"<tr><td>{p.index}</td><td>{esc(p.kind)}</td><td>{esc(tag)}</td>"
                f"<td>{label}</td><td>{themes}</td>"
                f"<td style='text-align:right'>{esc(p.text[:160])}</td></tr>"
            )
        return (
            f"<div dir='rtl' lang='ar' style=\"font-family:'Noto Naskh Arabic','Amiri',"
            f"'Arial',sans-serif\"><p><b>{head}</b></p>"
            f"<p dir='ltr'>{len(self.preambular)} preambular, {len(self.operative)} operative, "
            f"{len(self.footnotes)} footnotes, {len(self.corrections)} corrections, "
            f"{len(self.warnings)} warnings</p>"
            "<table><thead><tr><th>#</th><th>kind</th><th>no.</th><th>label</th><th>themes</th>"
            "<th>text</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>"
        )


def _build(kind: type[Any], data: dict[str, Any]) -> Any:
    """``kind(**data)`` with the keys ``kind`` does not have left out."""
    names = {f.name for f in fields(kind)}
    return kind(**{k: v for k, v in data.items() if k in names})
