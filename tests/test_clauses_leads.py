"""Lead matching: labels, both genders, openers, OCR damage, modifiers, secondary clauses."""

from __future__ import annotations

import pytest

from qararat.clauses import ClauseConfig, classify_lead, find_secondary_clauses, match_lead
from qararat.clauses.distance import weighted_distance
from qararat.clauses.leads import tokenize
from qararat.clauses.lexicon import default_lexicon, masculine_of

RULES = ClauseConfig(fuzzy=False, use_model=False)
FUZZY = ClauseConfig(fuzzy=True, use_model=False)


@pytest.mark.parametrize(
    ("text", "label", "lead"),
    [
        ("إذ تشير إلى قراراتها السابقة،", "recall", "تشير"),
        ("وإذ تؤكد من جديد أن خطة العمل", "reaffirm", "تؤكد من جديد"),
        ("وإذ تؤكد أن بناء القدرات", "emphasize", "تؤكد"),
        ("وإذ تعيد تأكيد التزامها", "reaffirm", "تعيد تأكيد"),
        ("وإذ تحيط علماً بتقرير الأمين العام،", "take_note", "تحيط علماً"),
        ("وإذ تضع في اعتبارها أن على كل الدول", "bear_in_mind", "تضع في اعتبارها"),
        ("وإذ يساورها بالغ القلق لأن جميع البلدان", "concerned", "يساورها بالغ القلق"),
        ("وإذ يثير جزعها استمرار التفاوت", "alarmed", "يثير جزعها"),
        ("واقتناعا منها بأن الحد من مخاطر الكوارث", "convinced", "اقتناعا منها"),
        ("وتصميما منها على التصدي بحزم", "determined", "تصميما منها"),
        ("ورغبة منها في تعزيز التضامن", "desire", "رغبة منها"),
        ("وقد نظرت في تقرير الأمين العام،", "consider", "قد نظرت"),
        ("وإذ تأخذ في الاعتبار الأساليب الجديدة", "take_into_account", "تأخذ في الاعتبار"),
        ("1 - تحث الدول الأعضاء على", "urge", "تحث"),
        ("12 - **تعرب عن التضامن** مع الضحايا", "express", "تعرب"),
        ("3 - **تهيب** بالحكومات أن تتابع", "call_upon", "تهيب"),
        ("7 - تثني على الدول الأعضاء", "commend", "تثني"),
        ("9 - تتطلع إلى التقرير المقبل", "look_forward", "تتطلع"),
    ],
)
def test_clauses_feminine_leads(text: str, label: str, lead: str) -> None:
    m = classify_lead(text, masculine=False, config=RULES)
    assert (m.label, m.lead, m.source) == (label, lead, "rules")
    assert text[m.start : m.end] == lead


@pytest.mark.parametrize(
    ("text", "label", "lead"),
    [
        ("إذ يشير إلى قراراته السابقة،", "recall", "يشير"),
        ("وإذ يؤكد من جديد التزامه القوي", "reaffirm", "يؤكد من جديد"),
        ("وإذ يضع في اعتباره مسؤوليته الرئيسية", "bear_in_mind", "يضع في اعتباره"),
        ("وإذ يساوره بالغ القلق إزاء", "concerned", "يساوره بالغ القلق"),
        ("وإذ يثير جزعه العدد المرتفع", "alarmed", "يثير جزعه"),
        ("واقتناعا منه بأن", "convinced", "اقتناعا منه"),
        ("وقد نظر في تقرير الأمين العام", "consider", "قد نظر"),
        ("4 - يأذن للدول الأعضاء", "authorize", "يأذن"),
        ("2 - يطالب جميع الأطراف بأن", "demand", "يطالب"),
        ("5 - يقرر أن يبقي المسألة قيد نظره", "decide", "يقرر"),
        ("6 - يحيط علما بتقرير", "take_note", "يحيط علما"),
    ],
)
def test_clauses_masculine_leads(text: str, label: str, lead: str) -> None:
    m = classify_lead(text, masculine=True, config=RULES)
    assert (m.label, m.lead) == (label, lead)


@pytest.mark.parametrize(
    ("form", "inflect", "expected"),
    [
        ("تشير", "present", "يشير"),
        ("تضع في اعتبار{ها}", "present", "يضع في اعتباره"),
        ("يثير جزع{ها}", "present", "يثير جزعه"),
        ("نظرت", "perfect", "نظر"),
        ("اقتناعا من{ها}", "none", "اقتناعا منه"),
    ],
)
def test_clauses_masculine_derivation(form: str, inflect: str, expected: str) -> None:
    assert masculine_of(form, inflect) == expected


@pytest.mark.parametrize(
    ("text", "masculine", "label", "lead", "modifiers"),
    [
        # common UN leads beyond LABELS.md's list, and their added labels
        ("وإذ يتصرف بموجب الفصل السابع من ميثاق الأمم المتحدة،", True, "acting", "يتصرف", []),
        ("3 - تسترعي انتباه الدول الأعضاء إلى التوصيات", False, "draw_attention",
         "تسترعي انتباه", []),
        ("1 - يمدد ولاية البعثة حتى 31 آذار/مارس", True, "extend", "يمدد", []),
        ("2 - يجدد ولاية فريق الخبراء", True, "extend", "يجدد ولاية", []),
        ("4 - تنشئ فريقا عاملا مفتوح العضوية", False, "establish", "تنشئ", []),
        ("5 - تعين المقرر الخاص لفترة ثلاث سنوات", False, "appoint", "تعين", []),
        ("6 - يكلف الفريق العامل بإعداد تقرير", True, "mandate", "يكلف", []),
        ("7 - توافق على التوصيات الواردة في التقرير", False, "approve", "توافق", []),
        ("8 - تحيل التقرير إلى مجلس حقوق الإنسان", False, "transmit", "تحيل", []),
        ("9 - ترفض جميع أشكال التمييز", False, "reject", "ترفض", []),
        ("10 - يوضح أن هذه التدابير لا تستهدف المدنيين", True, "clarify", "يوضح", []),
        ("11 - تعتزم أن تنظر في المسألة", False, "intend", "تعتزم", []),
        ("وإذ يحدوها الأمل في أن تتحقق الأهداف،", False, "hope", "يحدوها الأمل", []),
        ("12 - تحذر من مغبة الإفلات من العقاب", False, "warn", "تحذر", []),
        # more forms of LABELS.md labels
        ("وإذ تشعر بالقلق إزاء استمرار العنف،", False, "concerned", "تشعر بالقلق", []),
        ("وإذ يشعر بقلق بالغ إزاء الحالة،", True, "concerned", "يشعر بقلق بالغ", ["deeply"]),
        ("وإذ تشعر بالجزع إزاء تزايد الهجمات،", False, "alarmed", "تشعر بالجزع", []),
        ("وإذ يعقد العزم على تعزيز السلام،", True, "determined", "يعقد العزم", []),
        ("وإذ تؤمن بأن التعليم حق،", False, "convinced", "تؤمن", []),
        ("13 - تدعم جهود الأمين العام", False, "endorse", "تدعم", []),
        ("14 - تهنئ الدول على ما أحرزته", False, "commend", "تهنئ", []),
        ("15 - تلتمس من الأمين العام أن يقدم", False, "request", "تلتمس", []),
        # a perfect verb after إذ is "having …" as after قد
        ("إذ نظرت في تقرير اللجنة الخاصة،", False, "consider", "نظرت", []),
    ],
)
def test_clauses_more_un_leads(
    text: str, masculine: bool, label: str, lead: str, modifiers: list[str]
) -> None:
    m = classify_lead(text, masculine=masculine, config=RULES)
    assert (m.label, m.lead, m.source, m.modifiers) == (label, lead, "rules", modifiers)


@pytest.mark.parametrize(
    ("text", "label", "lead"),
    [
        # a declaration annexed to a resolution speaks in the first person plural
        ("1 - نؤكد من جديد أن الصحة شرط للتنمية", "reaffirm", "نؤكد من جديد"),
        ("2 - نلتزم بتعزيز النظم الصحية", "determined", "نلتزم"),
        ("وإذ نضع في اعتبارنا أن", "bear_in_mind", "نضع في اعتبارنا"),
        ("واقتناعا منا بأن التعاون أساسي", "convinced", "اقتناعا منا"),
        ("وقد نظرنا في التقرير", "consider", "قد نظرنا"),
        ("3 - يساورنا بالغ القلق إزاء", "concerned", "يساورنا بالغ القلق"),
    ],
)
def test_clauses_first_person_leads(text: str, label: str, lead: str) -> None:
    m = classify_lead(text, config=RULES)
    assert (m.label, m.lead, m.source) == (label, lead, "rules")


def test_clauses_first_person_forms_are_not_matched_fuzzily() -> None:
    # "نحن" is one dot from "نحث": only the organ's forms are matched through OCR damage
    m = classify_lead("نحن رؤساء الدول والحكومات، المجتمعين في نيويورك،", config=FUZZY)
    assert m.label == "other"


def test_clauses_every_label_has_a_strength_and_a_display_name() -> None:
    from qararat.report.names import display_name
    from qararat.themes.stats import label_strengths

    strengths, _ = label_strengths()
    for label in default_lexicon().labels:
        if label != "other":
            assert label in strengths, label
            assert display_name("labels", label) != label, label


def test_clauses_table_has_every_labels_md_label() -> None:
    labels = set(default_lexicon().labels)
    contract = {
        "recall",
        "reaffirm",
        "recognize",
        "note",
        "take_note",
        "welcome",
        "emphasize",
        "reiterate",
        "bear_in_mind",
        "express",
        "concerned",
        "urge",
        "request",
        "call_upon",
        "invite",
        "encourage",
        "decide",
        "condemn",
        "deplore",
        "commend",
        "endorse",
        "adopt",
        "recommend",
        "declare",
        "acknowledge",
        "demand",
        "authorize",
        "appeal",
        "consider",
        "look_forward",
        "convinced",
        "determined",
        "desire",
        "guided",
        "aware",
        "alarmed",
        "take_into_account",
        "regret",
        "remind",
        "other",
    }
    assert contract <= labels


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("16 - **تهييب** بالدول الأعضاء أن تأخذ", "call_upon"),
        ("10 - **تشجيع** مكتب الأمم المتحدة على التعاون", "encourage"),
        ("وإنه ترهب بالجهود التي تبذلها الدول", "welcome"),
        ("وإذ ثسلم بأن التعاون الدولي", "recognize"),
        ("وإذ تشبر إلى قراراتها", "recall"),
        ("وإذ تحيظ علما بتقرير", "take_note"),
        ("2 - تطلت إلى الأمين العام", "request"),
        ("8 - يحت جميع الدول", "urge"),
    ],
)
def test_clauses_ocr_damaged_leads_match_fuzzily(text: str, label: str) -> None:
    m = classify_lead(text, kind=None, config=FUZZY)
    assert (m.label, m.source) == (label, "fuzzy")
    assert 0.5 <= m.confidence < 1.0
    assert classify_lead(text, config=RULES).label == "other"


@pytest.mark.parametrize(
    "text",
    ["وإن تكرر إدانتها الشديدة للاتجار", "وإنه تسلّم بأن الهدف", "وإن تضع في اعتبارها أن"],
)
def test_clauses_damaged_opener_skipped_by_position(text: str) -> None:
    m = classify_lead(text, config=RULES)
    assert m.label != "other" and m.source == "rules"
    assert m.opener in ("وإن", "وإنه")


@pytest.mark.parametrize(
    "text",
    ["(أ) تشجيع التصديق العالمي على الاتفاقية", "(ج) تعزيز التعاون بين الدول", "مساعدة الدول"],
)
def test_clauses_subparagraph_verbal_nouns_stay_other(text: str) -> None:
    assert classify_lead(text, kind="subparagraph").label == "other"


@pytest.mark.parametrize(
    "text", ["وإذ تعمل الدول على", "والاجتماعي داخل البلدان وفيما بينها", "الجلسة العامة 53"]
)
def test_clauses_unknown_openings_are_other(text: str) -> None:
    m = classify_lead(text, config=FUZZY)
    assert (m.label, m.lead) == ("other", None)


@pytest.mark.parametrize(
    ("text", "modifiers"),
    [
        ("وإذ تشير أيضا إلى", ["also"]),
        ("وإذ تشير كذلك إلى", ["further"]),
        ("وإذ تحيط علما مع التقدير أيضا بالعمل", ["with_appreciation", "also"]),
        ("وإذ تلاحظ بقلق بالغ أثرها", ["with_concern", "deeply"]),
        ("وإذ تلاحظ مع القلق أن", ["with_concern"]),
        ("8 - تدين بشدة جميع الانتهاكات", ["strongly"]),
        ("6 - تعرب عن بالغ تقديرها للعاملين", ["deeply"]),
        ("وإذ يساورها بالغ القلق لأن", ["deeply"]),
        ("5 - تعرب بعمق عن أسفها", ["deeply"]),
        ("3 - تهيب بالحكومات أن تتابع", []),
        ("2 - تشير إلى الدور البالغ الأهمية", []),
    ],
)
def test_clauses_modifiers(text: str, modifiers: list[str]) -> None:
    assert classify_lead(text, config=RULES).modifiers == modifiers


@pytest.mark.parametrize(
    ("text", "masculine", "secondary"),
    [
        (
            "تؤكد من جديد أن تغير المناخ، وتعرب عن بالغ قلقها، وتشدد على ضرورة",
            False,
            ["express", "emphasize"],
        ),
        (
            "تشير إلى قرارها، وفيما ترحب بالمناسبات، تدعو جميع أصحاب المصلحة",
            False,
            ["welcome", "invite"],
        ),
        ("تشير أيضا إلى ما انتهت إليه، ومن ثم تقرر أن تنظم اجتماعا", False, ["decide"]),
        ("وإذ تسلّم بأن الجائحة، وإن تلاحظ بقلق بالغ أثرها", False, ["note"]),
        ("ترحب بالعمل الذي تضطلع به الهيئة، وتشجعها على مواصلة", False, ["encourage"]),
        ("يرحب بالتقرير ويطلب إلى الأمين العام", True, ["request"]),
        # Nouns, participles, subordinate clauses and the other gender do not count.
        ("تحث الدول آخذة في الاعتبار الدور، وتشجيع التصديق", False, []),
        ("تطلب إلى الأمين العام أن يقدم تقريرا وأن تؤكد", False, []),
        ("تشجع نهجا يستند إلى حقوق الإنسان ويراعي الاعتبارات", False, []),
        ("وإذ يسلم بضرورة اتباع نهج يركز على الضحايا ويراعي الصدمات", True, []),
        # verbs that other subjects use as often: برامج التغذية ... وتدعم
        ("واقتناعا منها بأن برامج التغذية تسهم في الصحة وتدعم المزارعين", False, []),
        ("تحث الدول على اعتماد تدابير وتلتزم بها", False, []),
    ],
)
def test_clauses_secondary_clauses(text: str, masculine: bool, secondary: list[str]) -> None:
    toks = tokenize(text)
    lead = match_lead(text, toks, masculine=masculine)
    clauses = find_secondary_clauses(text, toks, lead.token_end, masculine=masculine)
    assert [c.label for c in clauses] == secondary


@pytest.mark.parametrize(
    ("a", "b", "at_most"),
    [("تهييب", "تهيب", 0.3), ("ترهب", "ترحب", 0.6), ("نسلم", "تسلم", 0.35), ("تشبر", "تشير", 0.35)],
)
def test_clauses_distance_known_confusions_are_cheap(a: str, b: str, at_most: float) -> None:
    assert weighted_distance(a, b) <= at_most
    assert weighted_distance(a, b) < weighted_distance("تقرر", b)
