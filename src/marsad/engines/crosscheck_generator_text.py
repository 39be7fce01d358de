"""Wording of the labelled cross-checking generator: targets, templates, paraphrases.

Each target has English and Arabic wordings (paraphrases of the same thing, not translations
word by word); each incident type has several narrative templates per language.  Some words
used here are deliberately absent from the engine's bilingual lexicon (``model.yaml``), as real
wording is: the engine must cope with words it does not know.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

__all__ = ["TARGETS", "Target", "Wording", "narrative"]

AR_MONTHS = (
    "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
    "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
)  # fmt: skip
_AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@dataclass(frozen=True, slots=True)
class Target:
    status: str
    en: tuple[str, ...]
    ar: tuple[str, ...]
    people: bool  # a person or group (can be detained); otherwise a place or vehicle


# fmt: off
TARGETS: tuple[Target, ...] = (
    Target("civilian", ("a shopkeeper", "a shop owner"), ("صاحب محل", "صاحب متجر"), True),
    Target("civilian", ("a vegetable market", "the vegetable souq"), ("سوق الخضار", "سوق الهال"), False),
    Target("civilian", ("a farmer", "a farm worker"), ("مزارع", "عامل زراعي"), True),
    Target("civilian", ("a taxi driver", "a cab driver"), ("سائق تكسي", "سائق سيارة أجرة"), True),
    Target("civilian", ("a teacher", "a schoolteacher"), ("مدرس", "معلم في مدرسة"), True),
    Target("civilian", ("a pharmacist", "the owner of a pharmacy"), ("صيدلاني", "صاحب صيدلية"), True),
    Target("civilian", ("a bakery", "a bread oven"), ("فرن", "مخبز"), False),
    Target("civilian", ("a family home", "a house"), ("منزل عائلة", "منزل مدني"), False),
    Target("civilian", ("a young man", "a youth"), ("شاب", "شاب من أبناء البلدة"), True),
    Target("civilian", ("a mosque", "worshippers leaving a mosque"), ("مسجد", "مصلين أمام جامع"), False),
    Target("civilian", ("a minibus", "a passenger bus"), ("حافلة ركاب", "سرفيس"), False),
    Target("civilian", ("a doctor", "a physician"), ("طبيب", "طبيب في البلدة"), True),
    Target("civilian", ("a fuel tanker", "a diesel truck"), ("صهريج محروقات", "شاحنة مازوت"), False),
    Target("civilian", ("a former rebel", "a former opposition fighter"), ("عنصر سابق في المعارضة", "مقاتل سابق في فصائل المعارضة"), True),
    Target("military", ("a military checkpoint", "an army checkpoint"), ("حاجز عسكري", "حاجز للجيش"), False),
    Target("military", ("an army patrol", "a military patrol"), ("دورية عسكرية", "دورية للجيش"), False),
    Target("military", ("a military vehicle", "an army truck"), ("آلية عسكرية", "سيارة عسكرية"), False),
    Target("military", ("an army officer", "an officer"), ("ضابط في الجيش", "ضابط"), True),
    Target("military", ("a soldier", "a serviceman"), ("عنصر في الجيش", "جندي"), True),
    Target("military", ("a bus carrying soldiers", "a military bus"), ("حافلة مبيت عسكري", "حافلة عسكرية"), False),
    Target("military", ("a military position", "an army post"), ("موقع عسكري", "نقطة عسكرية"), False),
    Target("military", ("a faction commander", "a local commander"), ("قيادي في فصيل", "قائد مجموعة محلية"), True),
    Target("police_security", ("a police station", "a police post"), ("مخفر الشرطة", "مخفر"), False),
    Target("police_security", ("a police patrol", "policemen"), ("دورية شرطة", "عناصر من الشرطة"), False),
    Target("police_security", ("an intelligence officer", "a security branch member"), ("عنصر مخابرات", "عنصر في فرع أمني"), True),
    Target("civil_defence", ("a civil defence team", "White Helmets volunteers"), ("فريق الدفاع المدني", "متطوعي الخوذ البيضاء"), True),
    Target("civil_defence", ("an ambulance", "a rescue vehicle"), ("سيارة إسعاف", "سيارة إنقاذ"), False),
    Target("official", ("a local council member", "a council official"), ("عضو مجلس محلي", "عضو في المجلس المحلي"), True),
    Target("official", ("the village mukhtar", "a mukhtar"), ("مختار القرية", "مختار"), True),
    Target("media_worker", ("a journalist", "a media activist"), ("صحفي", "ناشط إعلامي"), True),
    Target("humanitarian_worker", ("an aid worker", "a relief worker"), ("عامل إغاثة", "موظف في منظمة إنسانية"), True),
)
# fmt: on

METHOD_EN: dict[str, tuple[str, ...]] = {
    "gunfire": ("gunfire", "gunshots"),
    "ied": ("an improvised explosive device", "an IED", "a roadside bomb"),
    "car_bomb": ("a car bomb", "a booby-trapped car"),
    "mine": ("a landmine", "a mine"),
    "grenade": ("a hand grenade", "a grenade"),
    "suicide_attack": ("a suicide bomber",),
    "shelling": ("artillery shelling", "mortar shells"),
    "air_strike": ("an air strike", "a drone strike"),
    "other": ("an explosion of unknown cause",),
}
METHOD_AR: dict[str, tuple[str, ...]] = {
    "gunfire": ("بالرصاص", "بإطلاق النار"),
    "ied": ("بعبوة ناسفة", "بعبوة ناسفة مزروعة على الطريق"),
    "car_bomb": ("بسيارة مفخخة", "بسيارة ملغمة"),
    "mine": ("بلغم أرضي", "بلغم"),
    "grenade": ("بقنبلة يدوية", "بقنبلة"),
    "suicide_attack": ("بهجوم انتحاري",),
    "shelling": ("بقصف مدفعي", "بقذائف الهاون"),
    "air_strike": ("بغارة جوية", "بطائرة مسيرة"),
    "other": ("بانفجار مجهول السبب",),
}


@dataclass(frozen=True, slots=True)
class Wording:
    """What one account says, ready to be worded in its language."""

    type: str
    method: str | None
    language: str
    day: date
    precision: str
    day_end: date | None
    place: str
    target: Target
    perpetrator: str  # as written; "" when the account names nobody
    killed: int | None
    injured: int | None
    number: int


def _when_en(w: Wording, rng: random.Random) -> str:
    d = w.day
    if w.precision == "month":
        return rng.choice((f"in {d:%B %Y}", f"earlier in {d:%B}", f"during {d:%B %Y}"))
    if w.precision == "week":
        return f"during the week of {d.day} {d:%B %Y}"
    if w.precision == "range" and w.day_end is not None:
        return f"between {d.day} {d:%B} and {w.day_end.day} {w.day_end:%B %Y}"
    return rng.choice((f"on {d.day} {d:%B %Y}", f"on {d:%d/%m/%Y}", f"on {d:%A} {d.day} {d:%B}"))


def _when_ar(w: Wording, rng: random.Random) -> str:
    d = w.day
    month = AR_MONTHS[d.month - 1]
    if w.precision == "month":
        return rng.choice((f"خلال شهر {month} {d.year}", f"في {month} الماضي"))
    if w.precision == "week":
        return f"خلال الأسبوع الذي بدأ في {d.day} {month}"
    if w.precision == "range" and w.day_end is not None:
        return f"في الفترة بين {d.day} و{w.day_end.day} {AR_MONTHS[w.day_end.month - 1]}"
    return rng.choice(
        (f"يوم {d.day} {month} {d.year}", f"بتاريخ {d:%d/%m/%Y}", f"في {d.day} {month}")
    )


def _toll_en(w: Wording, rng: random.Random) -> str:
    k, i = w.killed, w.injured
    if k is None and i is None:
        return rng.choice(("", "; casualties were reported"))
    if k and i:
        return rng.choice(
            (f", killing {k} and wounding {i}", f"; {k} dead and {i} injured",
             f". The attack left {k} people dead and {i} wounded")
        )  # fmt: skip
    if k:
        return rng.choice((f", killing {k}", f"; {k} people were killed", f", leaving {k} dead"))
    if i:
        return rng.choice((f", wounding {i}", f"; {i} people were injured"))
    return rng.choice((", causing material damage only", "; nobody was hurt"))


def _toll_ar(w: Wording, rng: random.Random) -> str:
    k, i = w.killed, w.injured
    if k is None and i is None:
        return rng.choice(("", "، وسط أنباء عن إصابات"))
    if k and i:
        return rng.choice(
            (f"، ما أدى إلى مقتل {k} وإصابة {i} آخرين", f"، وأسفر عن سقوط {k} قتلى و{i} جرحى")
        )
    if k:
        return rng.choice((f"، ما أدى إلى مقتل {k}", f"، وأسفر عن مقتل {k} أشخاص"))
    if i:
        return rng.choice((f"، ما أدى إلى إصابة {i}", f"، وأسفر عن إصابة {i} بجروح"))
    return rng.choice(("، واقتصرت الأضرار على الماديات", "، دون وقوع إصابات"))


def _perp_en(w: Wording, rng: random.Random) -> str:
    if not w.perpetrator:
        return rng.choice(("", " No group claimed the attack.", " The perpetrator is unknown."))
    p = w.perpetrator
    return rng.choice(
        (f" Local sources blamed {p}.", f" {p[:1].upper()}{p[1:]} claimed responsibility.",
         f" The attack was attributed to {p}.")
    )  # fmt: skip


def _perp_ar(w: Wording, rng: random.Random) -> str:
    if not w.perpetrator:
        return rng.choice(("", " ولم تتبنَّ أي جهة العملية.", " ولم تُعرف الجهة المنفذة."))
    p = w.perpetrator
    return rng.choice(
        (f" ونُسبت العملية إلى {p}.", f" وتبنى {p} العملية.", f" واتهمت مصادر محلية {p}.")
    )


def _attack_en(w: Wording, rng: random.Random) -> str:
    target = rng.choice(w.target.en)
    when = _when_en(w, rng)
    how = rng.choice(METHOD_EN[w.method or "other"])
    place = w.place
    if w.type == "assassination" and w.method == "gunfire":
        text = rng.choice(
            (f"Gunmen opened fire on {target} in {place} {when}",
             f"{target[:1].upper()}{target[1:]} was shot in {place} {when}",
             f"{place}: assassination of {target} by gunfire {when}")
        )  # fmt: skip
    else:
        text = rng.choice(
            (f"{how[:1].upper()}{how[1:]} hit {target} in {place} {when}",
             f"{target[:1].upper()}{target[1:]} was targeted with {how} in {place} {when}",
             f"An attack with {how} struck {target} in {place} {when}")
        )  # fmt: skip
    return text + _toll_en(w, rng) + "." + _perp_en(w, rng)


def _attack_ar(w: Wording, rng: random.Random) -> str:
    target = rng.choice(w.target.ar)
    when = _when_ar(w, rng)
    how = rng.choice(METHOD_AR[w.method or "other"])
    place = w.place
    if w.type == "assassination" and w.method == "gunfire":
        text = rng.choice(
            (f"اغتيال {target} {how} في {place} {when}",
             f"استهدف مسلحون {target} {how} في {place} {when}")
        )  # fmt: skip
    else:
        text = rng.choice(
            (f"استهداف {target} {how} في {place} {when}",
             f"انفجار استهدف {target} في {place} {when}، والوسيلة {how[1:]}")
        )  # fmt: skip
    return text + _toll_ar(w, rng) + "." + _perp_ar(w, rng)


def _operation_en(w: Wording, rng: random.Random) -> str:
    target = rng.choice(w.target.en)
    when = _when_en(w, rng)
    actor = w.perpetrator or rng.choice(("unidentified gunmen", "an unknown armed group"))
    taken = target if w.number == 1 else f"{w.number} people, among them {target}"
    if w.type == "detention":
        text = rng.choice(
            (f"{actor[:1].upper()}{actor[1:]} arrested {taken} in {w.place} {when}.",
             f"Raid in {w.place} {when}: {actor} detained {taken}.")
        )  # fmt: skip
    else:
        text = rng.choice(
            (f"{actor[:1].upper()}{actor[1:]} abducted {taken} in {w.place} {when}.",
             f"{taken[:1].upper()}{taken[1:]} kidnapped in {w.place} {when} by {actor}.")
        )  # fmt: skip
    if w.killed:
        text += f" {w.killed} died during the operation."
    return text


def _operation_ar(w: Wording, rng: random.Random) -> str:
    target = rng.choice(w.target.ar)
    when = _when_ar(w, rng)
    by = w.perpetrator or rng.choice(("مسلحين مجهولين", "جهة مجهولة"))
    who = target if w.number == 1 else f"{w.number} أشخاص بينهم {target}"
    if w.type == "detention":
        text = rng.choice((f"اعتقال {who} في {w.place} {when} على يد {by}.",
                           f"داهمت {by} منازل في {w.place} {when} واعتقلت {who}."))  # fmt: skip
    else:
        text = rng.choice((f"اختطاف {who} في {w.place} {when} على يد {by}.",
                           f"أقدم {by} على خطف {who} في {w.place} {when}."))  # fmt: skip
    if w.killed:
        text += f" وقُتل {w.killed} خلال العملية."
    return text


def narrative(w: Wording, rng: random.Random) -> str:
    """One source's narrative of its claims, in its language, in one of several phrasings."""
    if w.language == "ar":
        text = _operation_ar(w, rng) if w.type in ("detention", "abduction") else _attack_ar(w, rng)
        return text.translate(_AR_DIGITS) if rng.random() < 0.3 else text
    if w.type in ("detention", "abduction"):
        return _operation_en(w, rng)
    return _attack_en(w, rng)
