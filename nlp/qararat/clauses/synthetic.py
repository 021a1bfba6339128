"""Synthetic training paragraphs for the fallback classifier, and seeded OCR noise.

Paragraphs are generated from the lead table (every form, both genders, with openers, numbers,
modifiers and particles) and generic filler words; noise imitates OCR: dot and hamza
confusions, doubled and dropped letters. Everything is driven by a ``random.Random`` seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from qararat.clauses.distance import default_costs
from qararat.clauses.lexicon import Lexicon, default_lexicon, load_json

_ARABIC_LETTER_MIN, _ARABIC_LETTER_MAX = "\u0621", "\u064a"


@dataclass(frozen=True)
class Example:
    """One training paragraph: its text, kind and gold label."""

    text: str
    kind: str
    label: str


def _confusables() -> dict[str, list[str]]:
    pairs = default_costs().pairs
    out: dict[str, list[str]] = {}
    for (a, b), cost in sorted(pairs.items()):
        if cost <= 0.6:
            out.setdefault(a, []).append(b)
    return out


def add_ocr_noise(text: str, rng: random.Random, *, rate: float = 0.12, words: int = 3) -> str:
    """Damage the first ``words`` words of ``text`` as OCR does.

    Each Arabic letter is, with probability ``rate``, replaced by a letter it is confused with;
    with smaller probabilities a letter is doubled or a long vowel dropped.

    Args:
        text: Clean text.
        rng: Seeded random generator (the output depends only on its state).
        rate: Per-letter probability of a confusion.
        words: How many leading words to damage (the rest is kept).
    """
    conf = _confusables()
    parts = text.split(" ")
    seen = 0
    for wi, word in enumerate(parts):
        if not any(_ARABIC_LETTER_MIN <= c <= _ARABIC_LETTER_MAX for c in word):
            continue
        if seen >= words:
            break
        seen += 1
        out: list[str] = []
        for c in word:
            r = rng.random()
            if c in conf and r < rate:
                out.append(rng.choice(conf[c]))
            elif r < rate + 0.03 and c not in "اوي":
                out.append(c + c)
            elif r < rate + 0.06 and c in "اوي" and len(word) > 3:
                continue
            else:
                out.append(c)
        parts[wi] = "".join(out)
    return " ".join(parts)


def synthetic_examples(
    n_per_form: int = 4,
    *,
    seed: int = 0,
    noise: float = 0.5,
    n_other: int = 600,
    lexicon: Lexicon | None = None,
) -> list[Example]:
    """Generate labelled paragraphs from the lead table.

    Args:
        n_per_form: Paragraphs per lead form and kind.
        seed: Random seed.
        noise: Share of paragraphs whose first words get OCR noise.
        n_other: Paragraphs without a lead (label ``other``).
        lexicon: Lead table; the packaged one by default.
    """
    rng = random.Random(seed)
    lex = lexicon or default_lexicon()
    words = load_json("synthetic.json")
    filler, others = words["filler"], words["other_starts"]
    numbers, openers = words["operative_numbers"], words["preambular_openers"]
    modifier_texts = [" ".join(m.keys) for m in lex.modifiers]
    out: list[Example] = []

    def tail() -> str:
        return " ".join(rng.choice(filler) for _ in range(rng.randint(4, 9)))

    for form in lex.forms:
        kinds = ["preambular"] if (form.opener or not form.verb) else ["preambular", "operative"]
        for kind in kinds:
            for _ in range(n_per_form):
                head = form.text
                if rng.random() < 0.25:
                    head += " " + rng.choice(modifier_texts)
                if form.particles and rng.random() < 0.5:
                    head += " " + rng.choice(sorted(form.particles))
                if kind == "operative":
                    text = f"{rng.choice(numbers)} {head} {tail()}"
                elif form.opener:
                    text = f"و{form.opener} {head} {tail()}"
                elif not form.verb:
                    text = f"و{head} {tail()}"
                else:
                    text = f"{rng.choice(openers)} {head} {tail()}"
                if rng.random() < noise:
                    text = add_ocr_noise(text, rng, words=4)
                out.append(Example(text, kind, form.label))
    for _ in range(n_other):
        kind = rng.choice(["preambular", "operative", "subparagraph", "subparagraph"])
        text = f"{rng.choice(others)} {tail()}"
        if rng.random() < noise:
            text = add_ocr_noise(text, rng)
        out.append(Example(text, kind, "other"))
    rng.shuffle(out)
    return out
