"""The lead-verb table (``data/leads.json``) expanded into matchable forms.

Each table entry gives feminine forms (General Assembly); masculine forms (Security Council,
ECOSOC, Human Rights Council) are derived by general rules, with exceptions written in the data.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

from qararat.normalize import match_key

Gender = Literal["f", "m", "n"]

_PRONOUN = re.compile(r"\{ها\}")


def load_json(name: str) -> dict:
    """Read a JSON file from this package's ``data/`` folder."""
    text = resources.files("qararat.clauses").joinpath("data").joinpath(name).read_text("utf-8")
    return json.loads(text)


def fold(text: str) -> str:
    """Matching key of a phrase: ``match_key`` per word, single spaces."""
    return " ".join(match_key(w) for w in text.split())


@dataclass(frozen=True)
class LeadForm:
    """One written form of a lead, ready to match.

    Attributes:
        text: The form as written in the table (pronoun resolved).
        keys: Folded words of the form.
        label: LABELS.md label.
        gender: ``f`` feminine, ``m`` masculine, ``n`` the same for both.
        modifiers: Modifiers the form itself implies (``deeply`` in يساورها بالغ القلق).
        particles: Folded particles that may follow the lead as separate words.
        opener: Folded opener the form requires (``قد`` for past tense), or None.
        verb: True for finite verbs.
        coordinated: True when the form may open a coordinated clause ("… وتدعو …").
        fuzzy: False for forms matched only as written: a declaration's first person, whose
            OCR-damaged forms the organ's forms already catch, and which sits one dot from
            everyday words ("نحن" / "نحث").
    """

    text: str
    keys: tuple[str, ...]
    label: str
    gender: Gender
    modifiers: tuple[str, ...]
    particles: frozenset[str]
    opener: str | None
    verb: bool
    coordinated: bool
    fuzzy: bool = True


def masculine_of(form: str, inflect: str) -> str:
    """Derive the masculine form of a feminine lead form.

    Args:
        form: Feminine form, the organ's pronoun written ``{ها}``.
        inflect: ``present`` (first-letter ت→ي), ``perfect`` (final ت of the first word
            dropped) or ``none`` (only the pronoun changes).
    """
    words = _PRONOUN.sub("ه", form).split()
    first = words[0]
    if inflect == "present" and first.startswith("ت"):
        first = "ي" + first[1:]
    elif inflect == "perfect" and first.endswith("ت"):
        first = first[:-1]
    return " ".join([first, *words[1:]])


def first_person_of(form: str, inflect: str) -> str | None:
    """Derive the first person plural of a lead form, as declarations annexed to resolutions
    speak ("نؤكد من جديد", "نضع في اعتبارنا", "يساورنا القلق", "وقد نظرنا", "اقتناعا منا");
    None where there is none (an adverbial form without the organ's pronoun)."""
    # من + نا and عن + نا are written منا, عنا
    words = _PRONOUN.sub("نا", form.replace("من{ها}", "منا").replace("عن{ها}", "عنا")).split()
    first = words[0]
    if inflect == "present" and first.startswith("ت"):
        first = "ن" + first[1:]
    elif inflect == "perfect" and first.endswith("ت"):
        first = first[:-1] + "نا"
    elif inflect == "none" and not _PRONOUN.search(form):
        return None
    elif inflect == "present" and not first.startswith("ي"):
        return None
    return " ".join([first, *words[1:]])


def feminine_of(form: str) -> str:
    """Resolve the ``{ها}`` pronoun marker of a feminine form."""
    return _PRONOUN.sub("ها", form)


@dataclass(frozen=True)
class Modifier:
    """A modifier phrase and the modifier names it gives."""

    keys: tuple[str, ...]
    names: tuple[str, ...]


class Lexicon:
    """All lead forms and modifiers, indexed by the folded first word."""

    def __init__(self, data: dict) -> None:
        """Build the lexicon from the parsed ``leads.json``."""
        self.openers = frozenset(fold(o) for o in data["openers"])
        self.perfect_openers = frozenset(fold(o) for o in data["perfect_openers"])
        self.connectives = tuple(tuple(fold(c).split()) for c in data["connectives"])
        self.object_suffixes = tuple(
            sorted((fold(x) for x in data["object_suffixes"]), key=len, reverse=True)
        )
        self.organ_gender: dict[str, list[str]] = data["organ_gender"]
        forms: list[LeadForm] = []
        for entry in data["leads"]:
            inflect = entry.get("inflect", "present")
            particles = frozenset(fold(p) for p in entry.get("particles", []))
            opener = fold(entry["opener"]) if entry.get("opener") else None
            mods = tuple(entry.get("modifiers", []))
            verb = inflect == "present"
            not_coordinated = {feminine_of(f) for f in entry.get("not_coordinated", [])}
            not_coordinated |= {masculine_of(f, inflect) for f in entry.get("not_coordinated", [])}
            fem = [feminine_of(f) for f in entry["forms"]]
            if "masculine" in entry:
                masc = list(entry["masculine"])
            else:
                masc = [masculine_of(f, inflect) for f in entry["forms"]]
            seen: dict[str, Gender] = {}
            for text in fem:
                seen[text] = "f"
            for text in masc:
                seen[text] = "n" if seen.get(text) == "f" else "m"
            first_persons = set()
            for form in entry["forms"]:  # a declaration's "we", whatever the organ
                first_person = first_person_of(form, inflect)
                if first_person is not None and first_person not in seen:
                    seen[first_person] = "n"
                    first_persons.add(first_person)
            for text, gender in seen.items():
                forms.append(
                    LeadForm(
                        text=text,
                        keys=tuple(fold(text).split()),
                        label=entry["label"],
                        gender=gender,
                        modifiers=mods,
                        particles=particles,
                        opener=opener,
                        verb=verb,
                        coordinated=verb and opener is None and text not in not_coordinated,
                        fuzzy=text not in first_persons,
                    )
                )
        # Longest forms first, so that تؤكد من جديد wins over تؤكد.
        forms.sort(key=lambda f: (-len(f.keys), -len("".join(f.keys))))
        self.forms: tuple[LeadForm, ...] = tuple(forms)
        self.by_first: dict[str, list[LeadForm]] = {}
        for f in self.forms:
            self.by_first.setdefault(f.keys[0], []).append(f)
        mods_list: list[Modifier] = []
        for entry in data["modifiers"]:
            names = (entry["name"], *entry.get("also", []))
            for text in entry["forms"]:
                mods_list.append(Modifier(tuple(fold(text).split()), names))
        mods_list.sort(key=lambda m: -len(m.keys))
        self.modifiers: tuple[Modifier, ...] = tuple(mods_list)
        self.single_modifiers = frozenset(m.keys[0] for m in mods_list if len(m.keys) == 1)
        # modifiers by their first key, each list in the order of ``modifiers`` (which decides)
        self.modifiers_by_first: dict[str, tuple[Modifier, ...]] = {}
        for m in mods_list:
            self.modifiers_by_first[m.keys[0]] = (*self.modifiers_by_first.get(m.keys[0], ()), m)
        # one-word modifiers long enough to be recognised through OCR damage
        self.fuzzy_modifiers: tuple[Modifier, ...] = tuple(
            m for m in mods_list if len(m.keys) == 1 and len(m.keys[0]) >= 4
        )
        self.labels: tuple[str, ...] = tuple(sorted({f.label for f in self.forms} | {"other"}))

    def gender_of_body(self, body: str | None) -> bool | None:
        """Masculine (True), feminine (False) or unknown (None) for an organ's name."""
        if not body:
            return None
        low = body.strip().lower()
        for gender, masculine in (("masculine", True), ("feminine", False)):
            for name in self.organ_gender[gender]:
                if low == name or (len(name) > 3 and name in low):
                    return masculine
        return None


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The packaged lexicon (cached)."""
    return Lexicon(load_json("leads.json"))
