"""Wording of the demo dataset: incident summaries and sources' narratives in Arabic and English.

Narratives are built only from what a report claims (place as written, target, perpetrator,
casualties, date); they never mention who the source is.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

AR_MONTHS = (
    "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
    "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
)  # fmt: skip
AR_WEEKDAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
_AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

METHOD_EN = {
    "gunfire": "gunfire",
    "ied": "an improvised explosive device",
    "car_bomb": "a car bomb",
    "mine": "a landmine",
    "grenade": "a hand grenade",
    "suicide_attack": "a suicide attacker",
    "shelling": "shelling",
    "air_strike": "an air strike",
    "other": "an explosion of unknown cause",
}
METHOD_AR_WITH = {
    "gunfire": "بالرصاص",
    "ied": "بعبوة ناسفة",
    "car_bomb": "بسيارة مفخخة",
    "mine": "بلغم أرضي",
    "grenade": "بقنبلة يدوية",
    "suicide_attack": "بهجوم انتحاري",
    "shelling": "بقصف مدفعي",
    "air_strike": "بغارة جوية",
    "other": "بانفجار مجهول السبب",
}
METHOD_AR = {
    "gunfire": "إطلاق النار",
    "ied": "عبوة ناسفة",
    "car_bomb": "سيارة مفخخة",
    "mine": "لغم أرضي",
    "grenade": "قنبلة يدوية",
    "suicide_attack": "هجوم انتحاري",
    "shelling": "قصف مدفعي",
    "air_strike": "غارة جوية",
    "other": "انفجار مجهول السبب",
}


@dataclass(frozen=True)
class Claim:
    """What one account says, in one language, ready to be worded."""

    type: str
    day: date
    precision: str
    day_end: date | None
    place: str
    target: str
    method: str | None
    operation_type: str | None
    perpetrator: str  # as written; "" when the account names nobody
    perpetrator_mode: str  # "named", "gunmen" or "unknown"
    killed: int
    injured: int
    killed_civilian: int
    killed_military: int
    number_targeted: int | None


def en_when(c: Claim) -> str:
    if c.precision == "month":
        return f"in {c.day:%B %Y}"
    if c.precision == "week":
        return f"during the week beginning {c.day.day} {c.day:%B %Y}"
    if c.precision == "range" and c.day_end is not None:
        return f"between {c.day.day} {c.day:%B} and {c.day_end.day} {c.day_end:%B %Y}"
    return f"on {c.day.day} {c.day:%B %Y}"


def ar_when(c: Claim) -> str:
    def dm(d: date) -> str:
        return f"{d.day} {AR_MONTHS[d.month - 1]}"

    if c.precision == "month":
        return f"خلال شهر {AR_MONTHS[c.day.month - 1]} {c.day.year}"
    if c.precision == "week":
        return f"خلال الأسبوع الذي بدأ في {dm(c.day)} {c.day.year}"
    if c.precision == "range" and c.day_end is not None:
        return f"في الفترة بين {dm(c.day)} و{dm(c.day_end)} {c.day_end.year}"
    return f"يوم {AR_WEEKDAYS[c.day.weekday()]} {dm(c.day)} {c.day.year}"


def _plural(target: str) -> bool:
    return not target.startswith(("a ", "an ")) or " and " in target


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def en_people(n: int) -> str:
    return "one person" if n == 1 else f"{n} people"


def ar_people(n: int, nominative: bool = False) -> str:
    """``n`` people, worded for a genitive slot (after مقتل، إصابة، اعتقال) or as a subject."""
    if n == 1:
        return "شخص"
    if n == 2:
        return "شخصان" if nominative else "شخصين"
    return f"{n} أشخاص" if n <= 10 else f"{n} شخصاً"


def _en_toll(c: Claim) -> str:
    if c.killed and c.injured:
        others = "one other" if c.injured == 1 else f"{c.injured} others"
        return f", killing {en_people(c.killed)} and wounding {others}"
    if c.killed:
        return f", killing {en_people(c.killed)}"
    if c.injured:
        return f", wounding {en_people(c.injured)}"
    return ", causing material damage only"


def _ar_others(n: int) -> str:
    return {1: "شخص آخر", 2: "شخصين آخرين"}.get(n, f"{n} آخرين")


def _ar_toll(c: Claim) -> str:
    if c.killed and c.injured:
        return f"، ما أدى إلى مقتل {ar_people(c.killed)} وإصابة {_ar_others(c.injured)}"
    if c.killed:
        return f"، ما أدى إلى مقتل {ar_people(c.killed)}"
    if c.injured:
        return f"، ما أدى إلى إصابة {ar_people(c.injured)}"
    return "، واقتصرت الأضرار على الماديات"


def _en_split(c: Claim) -> str:
    if c.killed_civilian and c.killed_military:
        return (
            f" The dead include {c.killed_civilian} civilian(s) and"
            f" {c.killed_military} military personnel."
        )
    return ""


def _ar_split(c: Claim) -> str:
    if c.killed_civilian and c.killed_military:
        return f" ومن بين القتلى {c.killed_civilian} من المدنيين و{c.killed_military} من العسكريين."
    return ""


def _en_perp(c: Claim) -> str:
    if c.perpetrator_mode == "named":
        return f" Local sources attribute the attack to {c.perpetrator}."
    if c.perpetrator_mode == "gunmen":
        return f" The attack was carried out by {c.perpetrator}."
    return " No party has claimed responsibility."


def _ar_perp(c: Claim) -> str:
    if c.perpetrator_mode == "named":
        return f" ونُسبت العملية إلى {c.perpetrator}."
    if c.perpetrator_mode == "gunmen":
        return " ونُفذت العملية على يد مسلحين مجهولين."
    return " ولم تُعرف الجهة المنفذة حتى الآن."


def narrative_en(c: Claim, rng: random.Random) -> str:
    when = en_when(c)
    if c.type == "assassination":
        was = "were" if _plural(c.target) else "was"
        if c.method == "gunfire" and c.killed:
            text = f"{_cap(c.target)} {was} shot dead in {c.place} {when}"
        elif c.method == "gunfire":
            text = f"{_cap(c.target)} survived an assassination attempt in {c.place} {when}"
        else:
            method = METHOD_EN[c.method or "other"]
            text = f"{_cap(c.target)} {was} targeted with {method} in {c.place} {when}"
        if c.killed > 1 or c.injured:
            toll = [f"{c.killed} dead"] if c.killed else []
            toll += [f"{c.injured} wounded"] if c.injured else []
            text += f"; the attack left {' and '.join(toll)}"
        return text + "." + _en_split(c) + _en_perp(c)
    if c.type == "explosion":
        opener = rng.choice(("An explosion caused by", "A blast from"))
        text = f"{opener} {METHOD_EN[c.method or 'other']} hit {c.target} in {c.place} {when}"
        return text + _en_toll(c) + "." + _en_split(c) + _en_perp(c)
    n = c.number_targeted
    actor = _cap(
        c.perpetrator if c.perpetrator_mode != "unknown" else "an unidentified armed group"
    )
    if c.type == "detention":
        taken = c.target if n == 1 else f"{n or 'several'} people, among them {c.target}"
        if c.operation_type == "raid":
            text = f"{actor} raided homes in {c.place} {when} and detained {taken}."
        else:
            text = f"{actor} arrested {taken} in {c.place} {when}."
    else:
        text = f"{actor} abducted {c.target} in {c.place} {when}."
        text += f" {n} people were taken in all." if n and n > 1 else ""
    if c.operation_type == "enforced_disappearance":
        text += " Their families have had no news of them since."
    elif c.killed:
        text += f" {_cap(en_people(c.killed))} died during the operation."
    return text


def narrative_ar(c: Claim, rng: random.Random, arabic_digits: bool = False) -> str:
    when = ar_when(c)
    if c.type == "assassination":
        if c.method == "gunfire":
            verb = "اغتيال" if c.killed else "محاولة اغتيال"
            text = f"{verb} {c.target} بالرصاص في {c.place} {when}"
        else:
            text = f"استهداف {c.target} {METHOD_AR_WITH[c.method or 'other']} في {c.place} {when}"
        text += _ar_toll(c) if (c.killed > 1 or c.injured) else ""
        text = text + "." + _ar_split(c) + _ar_perp(c)
    elif c.type == "explosion":
        method = c.method or "other"
        if rng.random() < 0.5:
            text = f"استهداف {c.target} {METHOD_AR_WITH[method]} في {c.place} {when}{_ar_toll(c)}."
        else:
            lead = "دوي انفجار ناجم عن" if method != "other" else "دوي"
            text = f"{lead} {METHOD_AR[method]} في {c.place} {when}{_ar_toll(c)}، والمستهدف {c.target}."
        text += _ar_split(c) + _ar_perp(c)
    else:
        who = ar_people(c.number_targeted) if c.number_targeted else "عدد من الأشخاص"
        if c.perpetrator_mode == "named":
            by = f"{'دورية' if c.type == 'detention' else 'عناصر'} من {c.perpetrator}"
        else:
            by = "مجموعة مسلحة مجهولة" if c.type == "detention" else "مسلحين مجهولين"
        if c.type == "detention" and c.operation_type == "raid":
            text = f"مداهمة منازل في {c.place} {when} على يد {by} واعتقال {who} ({c.target})."
        elif c.type == "detention":
            text = f"اعتقال {who} في {c.place} {when} على يد {by}، والمعتقلون: {c.target}."
        else:
            count = f"{c.number_targeted}" if c.number_targeted else "غير معروف"
            text = f"اختطاف {c.target} في {c.place} {when} على يد {by}، وعدد المختطفين: {count}."
        if c.operation_type == "enforced_disappearance":
            text += " ولا يزال مصيرهم مجهولاً حتى الآن."
        elif c.killed:
            text += f" وقُتل {ar_people(c.killed, nominative=True)} خلال العملية."
    return text.translate(_AR_DIGITS) if arabic_digits else text


def summary_en(
    kind: str,
    method: str | None,
    target: str,
    place: str,
    gov: str,
    day: date,
    perpetrator: str,
    killed: int,
    injured: int,
    targeted: int | None,
) -> str:
    where = f"{place} ({gov})" if gov and gov != place else place
    when = f"{day.day} {day:%B %Y}"
    by = perpetrator or "an unidentified party"
    if kind in ("assassination", "explosion"):
        how = METHOD_EN.get(method or "other", "an attack")
        label = "Assassination" if kind == "assassination" else "Explosion"
        return (
            f"{label} in {where} on {when}: {how} against {target}; "
            f"{killed} killed, {injured} injured. Perpetrator: {by}."
        )
    label = "Detention" if kind == "detention" else "Abduction"
    who = en_people(targeted) if targeted else "several people"
    return f"{label} in {where} on {when}: {who} ({target}) taken by {by}."


def summary_ar(
    kind: str,
    method: str | None,
    target: str,
    place: str,
    gov: str,
    day: date,
    perpetrator: str,
    killed: int,
    injured: int,
    targeted: int | None,
) -> str:
    where = f"{place} ({gov})" if gov and gov != place else place
    when = f"{day.day} {AR_MONTHS[day.month - 1]} {day.year}"
    by = perpetrator or "جهة مجهولة"
    if kind in ("assassination", "explosion"):
        how = METHOD_AR.get(method or "other", "هجوم")
        label = "اغتيال" if kind == "assassination" else "انفجار"
        return (
            f"{label} في {where} بتاريخ {when}؛ الوسيلة: {how}؛ الهدف: {target}؛ "
            f"القتلى {killed} والجرحى {injured}. الجهة المنفذة: {by}."
        )
    label = "اعتقال" if kind == "detention" else "اختطاف"
    count = targeted or "غير معروف"
    return f"{label} في {where} بتاريخ {when}؛ العدد: {count}؛ المستهدفون: {target}؛ الجهة المنفذة: {by}."
