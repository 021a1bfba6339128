"""Find the lead of a paragraph, its label, modifiers and coordinated secondary clauses.

Rules first: the paragraph's first words (after an opener إذ/وإذ/وقد and any numbering) are
matched against the lead table on folded keys, longest form first. When that fails, a fuzzy match
of the first one to three words with the Arabic-aware weighted edit distance tolerates OCR damage
("تهييب", "ترهب"); a damaged opener is skipped by position, not by spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple, TypedDict

from qararat.clauses.distance import weighted_distance
from qararat.clauses.lexicon import LeadForm, Lexicon, default_lexicon
from qararat.normalize import arabic_words, match_key

_RE_CLAUSE_COMMA = re.compile("[،,]")
_RE_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")
# "أن" (that) after و is a subordinate clause, not a coordinated lead; OCR's "إن"/"إنه" for
# "إذ" keeps its hamza below, so the hamza above tells them apart.
_RE_THAT = re.compile("^و?[أ]ن")


class Token(NamedTuple):
    """An Arabic word of a paragraph with its folded key."""

    start: int
    end: int
    word: str
    key: str


def tokenize(text: str) -> list[Token]:
    """Arabic words of ``text`` with offsets and ``match_key`` keys."""
    return [Token(s, e, w, match_key(w)) for s, e, w in arabic_words(text)]


@dataclass
class LeadMatch:
    """The lead found at the start of a paragraph.

    Attributes:
        lead: The lead phrase as written (without و/إذ), or None.
        label: LABELS.md label (``other`` when no lead was recognised).
        modifiers: ``also``, ``further``, ``with_appreciation`` … in order of appearance.
        source: ``rules`` (exact table match), ``fuzzy`` (OCR-tolerant match) or ``model``.
        confidence: 1.0 for rules; lower for fuzzy and model decisions.
        start: Offset of the lead in the text (0 when there is none).
        end: Offset one past the lead (0 when there is none).
        form: The table form that matched.
        opener: The opener as written (إذ, وإذ, وقد …), if any.
        token_end: Index of the first token after the lead, modifiers and particles.
    """

    lead: str | None
    label: str
    modifiers: list[str] = field(default_factory=list)
    source: str = "rules"
    confidence: float = 1.0
    start: int = 0
    end: int = 0
    form: str | None = None
    opener: str | None = None
    token_end: int = 0


@dataclass
class Clause:
    """A coordinated secondary clause inside a paragraph ("… وتدعو …")."""

    label: str
    lead: str
    start: int
    end: int
    token_start: int
    token_end: int
    object_start: int
    pronoun_object: bool = False


@dataclass
class _Hit:
    form: LeadForm
    first: int  # token index of the first lead word
    stop: int  # token index after the last lead word
    strip_waw: bool
    inner_mods: list[str]
    pronoun: bool = False


class _ExactOptions(TypedDict):
    """Keyword arguments of :func:`_match_exact` shared by the secondary-clause calls."""

    opener: str | None
    masculine: bool | None
    strict_gender: bool


def _gender_ok(form: LeadForm, masculine: bool | None) -> bool:
    if masculine is None or form.gender == "n":
        return True
    return form.gender == ("m" if masculine else "f")


def _opener_fits(form: LeadForm, opener: str | None, lex: Lexicon) -> bool:
    """A form that needs an opener has it: "وقد نظرت"; a perfect verb also after إذ ("إذ نظرت
    في", "Having considered"), which the General Assembly writes as often."""
    if form.opener is None or form.opener == opener:
        return True
    return form.opener in lex.perfect_openers and opener in lex.openers


def _match_exact(
    toks: list[Token],
    i: int,
    lex: Lexicon,
    *,
    opener: str | None,
    allow_waw: bool,
    masculine: bool | None = None,
    strict_gender: bool = False,
    allow_suffix: bool = False,
) -> _Hit | None:
    """Longest table form starting at token ``i`` (first word possibly with a و clitic, and
    with ``allow_suffix`` an object pronoun on a one-word verb: "وتشجعها")."""
    if i >= len(toks):
        return None
    key = toks[i].key
    firsts = [(key, False, False)]
    if allow_waw and key.startswith("و") and len(key) > 2:
        firsts.append((key[1:], True, False))
    if allow_suffix:
        for base, stripped, _ in list(firsts):
            for suffix in lex.object_suffixes:
                if base.endswith(suffix) and len(base) - len(suffix) >= 3:
                    firsts.append((base[: -len(suffix)], stripped, True))
                    break
    best: _Hit | None = None
    for first, stripped, pronoun in firsts:
        for form in lex.by_first.get(first, ()):
            if not _opener_fits(form, opener, lex):
                continue
            if strict_gender and not _gender_ok(form, masculine):
                continue
            if pronoun and (len(form.keys) > 1 or not form.coordinated):
                continue
            k, mods, ok = i + 1, [], True
            for want in form.keys[1:]:
                while k < len(toks) and toks[k].key != want and toks[k].key in lex.single_modifiers:
                    mods.append(toks[k].key)
                    k += 1
                if k >= len(toks) or toks[k].key != want:
                    ok = False
                    break
                k += 1
            if not ok:
                continue
            hit = _Hit(form, i, k, stripped, mods, pronoun)
            if best is None or _better(hit, best, masculine):
                best = hit
    return best


def _better(a: _Hit, b: _Hit, masculine: bool | None) -> bool:
    if len(a.form.keys) != len(b.form.keys):
        return len(a.form.keys) > len(b.form.keys)
    return _gender_ok(a.form, masculine) and not _gender_ok(b.form, masculine)


def item_label_tokens(toks: list[Token], text: str) -> int:
    """Number of leading tokens that are a sub-paragraph letter such as "(أ)" or "هـ)"."""
    if toks and len(toks[0].key) <= 2:
        after = text[toks[0].end : toks[0].end + 2].strip()
        if after.startswith(")"):
            return 1
    return 0


def _opener_like(tok: Token, lex: Lexicon) -> bool:
    """A short first word that stands where إذ/وإذ/وقد stand (possibly OCR-damaged)."""
    k = tok.key
    if k in lex.openers or k in lex.perfect_openers:
        return True
    if k.startswith("و") and k[1:] in lex.openers | lex.perfect_openers:
        return True
    return len(k) <= 4 and k[:1] in ("و", "ا")


def _opener_at(toks: list[Token], i: int, lex: Lexicon) -> tuple[str | None, int]:
    """Return (folded opener, index after it) for an exact opener at ``i``."""
    if i < len(toks):
        k = toks[i].key
        bare = k[1:] if k.startswith("و") and len(k) > 2 else k
        if k in lex.openers or bare in lex.openers:
            return bare, i + 1
        if k in lex.perfect_openers or bare in lex.perfect_openers:
            return bare, i + 1
    return None, i


def _scan_modifiers(
    toks: list[Token], j: int, form: LeadForm, lex: Lexicon
) -> tuple[list[str], int]:
    """Collect modifiers right after the lead; particles of the lead may stand between."""
    mods: list[str] = []
    particles_seen = 0
    while j < len(toks):
        for m in lex.modifiers_by_first.get(toks[j].key, ()):
            n = len(m.keys)
            if tuple(t.key for t in toks[j : j + n]) == m.keys:
                mods.extend(m.names)
                j += n
                break
        else:
            names = _fuzzy_modifier(toks[j].key, lex)
            if names:
                mods.extend(names)
                j += 1
                continue
            if toks[j].key in form.particles and particles_seen == 0:
                particles_seen += 1
                j += 1
                continue
            break
    return mods, j


def _fuzzy_modifier(key: str, lex: Lexicon) -> tuple[str, ...]:
    """Names of a one-word modifier of four letters or more that OCR damaged ("أيضئ")."""
    if len(key) < 4:
        return ()
    for m in lex.fuzzy_modifiers:
        if abs(len(m.keys[0]) - len(key)) <= 1:
            if weighted_distance(key, m.keys[0], limit=0.6) <= 0.6:
                return m.names
    return ()


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _mod_names(keys: list[str], lex: Lexicon) -> list[str]:
    names: list[str] = []
    for k in keys:
        for m in lex.modifiers_by_first.get(k, ()):
            if m.keys == (k,):
                names.extend(m.names)
                break
    return names


def _fuzzy_allowance(key_len: int) -> float:
    """Largest weighted distance accepted for a form of ``key_len`` letters."""
    return min(1.5, 0.22 * key_len)


@lru_cache(maxsize=4)
def _fuzzy_forms(lex: Lexicon) -> dict[int, list[tuple[LeadForm, str, float]]]:
    """Forms of the table by number of words, with their joined keys and fuzzy allowance."""
    out: dict[int, list[tuple[LeadForm, str, float]]] = {}
    for form in lex.forms:
        if not form.fuzzy:
            continue
        ref = " ".join(form.keys)
        out.setdefault(len(form.keys), []).append(
            (form, ref, _fuzzy_allowance(len(ref.replace(" ", ""))))
        )
    return out


def _match_fuzzy(
    toks: list[Token], positions: list[int], lex: Lexicon, masculine: bool | None
) -> tuple[_Hit, float] | None:
    """Best OCR-tolerant match of the first 1–3 words at the given positions."""
    best: dict[str, tuple[float, _Hit]] = {}
    for p in positions:
        prev_key = toks[p - 1].key if p > 0 else ""
        prev_bare = prev_key[1:] if prev_key.startswith("و") else prev_key
        for n in (3, 2, 1):
            if p + n > len(toks):
                continue
            observed = " ".join(t.key for t in toks[p : p + n])
            variants = [(observed, False)]
            if observed.startswith("و") and len(toks[p].key) > 3:
                variants.append((observed[1:], True))
            for form, ref, allowance in _fuzzy_forms(lex).get(n, ()):
                if not _opener_fits(form, prev_bare, lex):
                    continue
                for obs, stripped in variants:
                    if abs(len(obs) - len(ref)) > 3:
                        continue
                    d = weighted_distance(obs, ref, limit=allowance)
                    if d > allowance:
                        continue
                    if not _gender_ok(form, masculine):
                        d += 0.05
                    hit = _Hit(form, p, p + n, stripped, [])
                    cur = best.get(form.label)
                    if cur is None or d < cur[0] or (d == cur[0] and n > len(cur[1].form.keys)):
                        best[form.label] = (d, hit)
    if not best:
        return None
    ranked = sorted(best.values(), key=lambda x: (x[0], -len(x[1].form.keys)))
    d, hit = ranked[0]
    if len(ranked) > 1 and ranked[1][0] - d < 0.25:
        return None  # two labels about equally close: no decision
    allowance = _fuzzy_allowance(len("".join(hit.form.keys)))
    confidence = round(1.0 - d / (2 * allowance + 1e-9), 3)
    return hit, confidence


def _extend_fuzzily(toks: list[Token], hit: _Hit, lex: Lexicon) -> tuple[_Hit, float] | None:
    """A longer form with the same first word whose later words match despite OCR damage.

    "تؤكد مث جديد" matches تؤكد exactly (emphasize); the damaged "من جديد" makes it reaffirm.
    """
    best: tuple[float, _Hit] | None = None
    for form in lex.by_first.get(hit.form.keys[0], ()):
        n = len(form.keys)
        if n <= len(hit.form.keys) or hit.first + n > len(toks) or form.opener is not None:
            continue
        observed = " ".join(t.key for t in toks[hit.first + 1 : hit.first + n])
        ref = " ".join(form.keys[1:])
        allowance = min(1.0, _fuzzy_allowance(len(ref.replace(" ", ""))))
        d = weighted_distance(observed, ref, limit=allowance)
        if d <= allowance and (best is None or d < best[0]):
            best = (d, _Hit(form, hit.first, hit.first + n, hit.strip_waw, []))
    if best is None:
        return None
    d, longer = best
    allowance = _fuzzy_allowance(len("".join(longer.form.keys)))
    return longer, round(1.0 - d / (2 * allowance + 1e-9), 3)


def _finish(
    text: str,
    toks: list[Token],
    hit: _Hit,
    lex: Lexicon,
    *,
    source: str,
    confidence: float,
    opener: str | None,
) -> LeadMatch:
    first = toks[hit.first]
    start = first.start + (1 if hit.strip_waw else 0)
    end = toks[hit.stop - 1].end
    mods_after, j = _scan_modifiers(toks, hit.stop, hit.form, lex)
    modifiers = _dedupe([*hit.form.modifiers, *_mod_names(hit.inner_mods, lex), *mods_after])
    return LeadMatch(
        lead=text[start:end],
        label=hit.form.label,
        modifiers=modifiers,
        source=source,
        confidence=confidence,
        start=start,
        end=end,
        form=hit.form.text,
        opener=opener,
        token_end=j,
    )


def match_lead(
    text: str,
    toks: list[Token] | None = None,
    *,
    masculine: bool | None = None,
    fuzzy: bool = True,
    lexicon: Lexicon | None = None,
) -> LeadMatch:
    """Find the lead at the start of ``text`` by rules, then by fuzzy matching.

    Args:
        text: Paragraph text (markup such as ``**تحث**`` and numbering are tolerated).
        toks: Tokens of ``text`` if already computed.
        masculine: Gender of the organ: True (councils), False (General Assembly), None.
        fuzzy: Allow the OCR-tolerant match when the rules find nothing.
        lexicon: Lead table; the packaged one by default.

    Returns:
        A :class:`LeadMatch`; label ``other`` and ``lead`` None when nothing matched.
    """
    lex = lexicon or default_lexicon()
    toks = tokenize(text) if toks is None else toks
    i0 = item_label_tokens(toks, text)
    if i0 >= len(toks):
        return LeadMatch(lead=None, label="other", token_end=len(toks))
    opener, i = _opener_at(toks, i0, lex)
    opener_text = toks[i0].word if opener else None
    hit = _match_exact(toks, i, lex, opener=opener, allow_waw=True, masculine=masculine)
    skipped = False
    if hit is None and opener is None and i0 + 1 < len(toks) and _opener_like(toks[i0], lex):
        hit = _match_exact(toks, i0 + 1, lex, opener=None, allow_waw=False, masculine=masculine)
        skipped = hit is not None
    if hit is not None:
        opener_word = toks[i0].word if skipped else opener_text
        longer = _extend_fuzzily(toks, hit, lex) if fuzzy else None
        if longer is not None:
            return _finish(
                text,
                toks,
                longer[0],
                lex,
                source="fuzzy",
                confidence=longer[1],
                opener=opener_word,
            )
        match = _finish(text, toks, hit, lex, source="rules", confidence=1.0, opener=opener_word)
        if opener is not None and opener in lex.perfect_openers and hit.first == i0 + 1:
            # "وقد نظرت في": the lead keeps قد and drops only و.
            tok = toks[i0]
            match.start = tok.start + (1 if tok.key.startswith("و") else 0)
            match.lead = text[match.start : match.end]
            match.opener = "و" if tok.key.startswith("و") else None
        return match
    if fuzzy:
        positions = [i]
        if i == i0 and i0 + 1 < len(toks) and _opener_like(toks[i0], lex):
            positions.append(i0 + 1)
        found = _match_fuzzy(toks, positions, lex, masculine)
        if found is not None:
            hit, confidence = found
            op = toks[i0].word if hit.first > i0 else None
            return _finish(text, toks, hit, lex, source="fuzzy", confidence=confidence, opener=op)
    return LeadMatch(lead=None, label="other", token_end=i)


def find_secondary_clauses(
    text: str,
    toks: list[Token],
    start: int,
    *,
    masculine: bool | None = None,
    lexicon: Lexicon | None = None,
) -> list[Clause]:
    """Coordinated clauses after token ``start``: "وتدعو", "وإذ تشير", "، تدعو", "ومن ثم تقرر".

    Only finite lead verbs of the table count, matched exactly (nouns such as "وتشجيع" and
    participles such as "آخذة" are not in it). When the organ's gender is known, only forms of
    that gender count, so "ويراعي" in a General Assembly text is not a clause.
    """
    lex = lexicon or default_lexicon()
    clauses: list[Clause] = []
    j = start
    n = len(toks)
    while j < n:
        tok = toks[j]
        gap = text[toks[j - 1].end : tok.start] if j > 0 else ""
        hit: _Hit | None = None
        kw: _ExactOptions = {
            "opener": None,
            "masculine": masculine,
            "strict_gender": masculine is not None,
        }
        if tok.key.startswith("و") and len(tok.key) > 2:
            hit = _match_exact(toks, j, lex, allow_waw=True, allow_suffix=True, **kw)
            if hit is not None and not hit.strip_waw:
                hit = None
            if hit is None and j + 1 < n and _connector(tok, toks, j, lex) is not None:
                hit = _match_exact(
                    toks, _connector(tok, toks, j, lex) or j + 1, lex, allow_waw=False, **kw
                )
        elif tok.key == "و" and j + 1 < n:
            hit = _match_exact(toks, j + 1, lex, allow_waw=False, **kw)
        elif _RE_CLAUSE_COMMA.search(gap):
            hit = _match_exact(toks, j, lex, allow_waw=False, **kw)
        if hit is not None and hit.form.coordinated:
            first = toks[hit.first]
            s = first.start + (1 if hit.strip_waw else 0)
            e = toks[hit.stop - 1].end
            _, obj = _scan_modifiers(toks, hit.stop, hit.form, lex)
            clauses.append(
                Clause(hit.form.label, text[s:e], s, e, hit.first, hit.stop, obj, hit.pronoun)
            )
            j = hit.stop
            continue
        j += 1
    return clauses


def _connector(tok: Token, toks: list[Token], j: int, lex: Lexicon) -> int | None:
    """Index of the verb after a connector word (وإذ, وفيما, ومن ثم, OCR's وإن), or None."""
    bare = tok.key[1:]
    for conn in lex.connectives:
        if (bare, *(t.key for t in toks[j + 1 : j + len(conn)])) == conn:
            return j + len(conn)
    plain = _RE_DIACRITICS.sub("", tok.word)
    if len(tok.key) <= 4 and not _RE_THAT.match(plain):
        return j + 1
    return None
