"""Places and targets of the demo dataset: spellings as sources write them, areas of control.

Everything here is fictional demo material shaped after the centre's security-indicators
report; the areas of control are approximate and only steer which actors appear where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from marsad.engines.arabic import normalise_arabic
from marsad.engines.demo_model import DemoPlace, PlaceWanted

# Zones (areas of control) used to pick plausible actors and targets.
REGIME = "regime"
AA = "aa"  # Autonomous Administration / SDF
OPPOSITION = "opposition"  # Syrian National Army areas under Turkish influence
IDLIB = "idlib"  # HTS-dominated north-west


@dataclass(frozen=True)
class PlaceInfo:
    """How sources write one case-study place, and which zone it sat in."""

    wanted: PlaceWanted
    zone: str
    weight_violent: float  # share of assassinations and explosions
    weight_operations: float  # share of detentions and abductions
    en: tuple[str, ...]  # spellings in English-language sources
    ar: tuple[str, ...]  # spellings in Arabic-language sources
    sub_en: str  # sub-district as written
    sub_ar: str
    area_en: str  # district / wider area as written
    area_ar: str
    zone_before: tuple[date, str] | None = None  # (until, zone) before a change of control
    until: date | None = None  # no incidents after this date (control changed, town emptied)


def _info(
    wanted: tuple[str, str, str],
    zone: str,
    weights: tuple[float, float],
    en: tuple[str, ...],
    ar: tuple[str, ...],
    sub: tuple[str, str],
    area: tuple[str, str],
    zone_before: tuple[date, str] | None = None,
    until: date | None = None,
) -> PlaceInfo:
    name_en, name_ar, gov = wanted
    return PlaceInfo(
        PlaceWanted(name_en, name_ar, gov, sum(weights)), zone, weights[0], weights[1],
        en, ar, sub[0], sub[1], area[0], area[1], zone_before, until,
    )  # fmt: skip


_DARAA_N = ("northern Daraa countryside", "ريف درعا الشمالي")
_DARAA_W = ("western Daraa countryside", "ريف درعا الغربي")
_DEIR_E = ("eastern Deir ez-Zor countryside", "ريف دير الزور الشرقي")
_ALEPPO_E = ("eastern Aleppo countryside", "ريف حلب الشرقي")

# Weights: (assassinations and explosions, detentions and abductions).
# fmt: off
_INFO: tuple[PlaceInfo, ...] = (
    _info(("Jasim", "جاسم", "SY12"), REGIME, (3, 3),
          ("Jasim", "Jassem", "Jasem", "Jasim city, northern Daraa countryside"),
          ("جاسم", "مدينة جاسم", "مدينة جاسم بريف درعا الشمالي", "جاسم - ريف درعا"),
          ("Jasim sub-district", "ناحية جاسم"), _DARAA_N),
    _info(("Douma", "دوما", "SY03"), REGIME, (1, 4),
          ("Douma", "Duma", "Douma, Eastern Ghouta"),
          ("دوما", "مدينة دوما", "دوما في الغوطة الشرقية", "مدينة دوما بريف دمشق"),
          ("Douma sub-district", "ناحية دوما"), ("Eastern Ghouta", "الغوطة الشرقية")),
    _info(("Al-Bukamal", "البوكمال", "SY09"), REGIME, (3, 4),
          ("Al-Bukamal", "Abu Kamal", "Albukamal", "Boukamal"),
          ("البوكمال", "مدينة البوكمال", "مدينة البوكمال بريف دير الزور الشرقي", "البو كمال"),
          ("Abu Kamal sub-district", "ناحية البوكمال"), _DEIR_E),
    _info(("Raqqa", "الرقة", "SY11"), AA, (4, 3.5),
          ("Raqqa", "Ar-Raqqa", "Raqqa city", "al-Raqqah"),
          ("الرقة", "مدينة الرقة", "الرقه", "مدينة الرقة شمال شرقي سوريا"),
          ("Raqqa sub-district", "ناحية الرقة"), ("Raqqa countryside", "ريف الرقة")),
    _info(("Afrin", "عفرين", "SY02"), OPPOSITION, (5, 10),
          ("Afrin", "Efrin", "Afreen", "Afrin city"),
          ("عفرين", "مدينة عفرين", "مدينة عفرين بريف حلب الشمالي الغربي", "عفرين المدينة"),
          ("Afrin sub-district", "ناحية عفرين"),
          ("north-western Aleppo countryside", "ريف حلب الشمالي الغربي")),
    _info(("Jarablus", "جرابلس", "SY02"), OPPOSITION, (3, 5),
          ("Jarablus", "Jarabulus", "Jarablus city"),
          ("جرابلس", "مدينة جرابلس", "جرابلس بريف حلب الشرقي"),
          ("Jarablus sub-district", "ناحية جرابلس"), _ALEPPO_E),
    _info(("Nawa", "نوى", "SY12"), REGIME, (2, 0),
          ("Nawa", "Nawa city", "Nawa, western Daraa"),
          ("نوى", "مدينة نوى", "نوى بريف درعا الغربي", "نوا"),
          ("Nawa sub-district", "ناحية نوى"), _DARAA_W),
    _info(("Tafas", "طفس", "SY12"), REGIME, (2, 0),
          ("Tafas", "Tafs", "Tafas town"),
          ("طفس", "مدينة طفس", "طفس في ريف درعا الغربي"),
          ("Tafas area", "منطقة طفس"), _DARAA_W),
    _info(("Daraa", "درعا", "SY12"), REGIME, (3, 0),
          ("Daraa", "Deraa", "Daraa city", "Daraa al-Balad"),
          ("درعا", "مدينة درعا", "درعا البلد", "درعا المحطة"),
          ("Daraa sub-district", "ناحية درعا"), ("Daraa countryside", "ريف درعا")),
    _info(("Al-Mayadin", "الميادين", "SY09"), REGIME, (2.5, 0),
          ("Al-Mayadin", "Mayadeen", "Mayadin", "al-Mayadeen"),
          ("الميادين", "مدينة الميادين", "الميادين بريف دير الزور الشرقي"),
          ("Mayadin sub-district", "ناحية الميادين"), _DEIR_E),
    _info(("Deir ez-Zor", "دير الزور", "SY09"), REGIME, (2, 0),
          ("Deir ez-Zor", "Deir Ezzor", "Deir al-Zour", "Deir Ez-Zour city"),
          ("دير الزور", "مدينة دير الزور", "ديرالزور"),
          ("Deir ez-Zor sub-district", "ناحية دير الزور"),
          ("Deir ez-Zor countryside", "ريف دير الزور")),
    _info(("Al-Hasakah", "الحسكة", "SY08"), AA, (2.5, 0),
          ("Al-Hasakah", "Hasakah", "al-Hasaka", "Hasakeh"),
          ("الحسكة", "مدينة الحسكة", "الحسكه"),
          ("Hasakah sub-district", "ناحية الحسكة"), ("Hasakah countryside", "ريف الحسكة")),
    _info(("Qamishli", "القامشلي", "SY08"), AA, (2.5, 0),
          ("Qamishli", "Qamishlo", "al-Qamishli", "Kamishli"),
          ("القامشلي", "مدينة القامشلي", "قامشلو"),
          ("Qamishli sub-district", "ناحية القامشلي"), ("Qamishli countryside", "ريف القامشلي")),
    _info(("Ras al-Ain", "رأس العين", "SY08"), OPPOSITION, (2.5, 0),
          ("Ras al-Ain", "Ras al-Ayn", "Serekaniye", "Ras Al Ain"),
          ("رأس العين", "راس العين", "مدينة رأس العين", "سري كانيه"),
          ("Ras al-Ain sub-district", "ناحية رأس العين"),
          ("north-western Hasakah countryside", "ريف الحسكة الشمالي الغربي"),
          zone_before=(date(2019, 10, 20), AA)),
    _info(("Idlib", "إدلب", "SY07"), IDLIB, (2, 0),
          ("Idlib", "Idleb", "Idlib city"),
          ("إدلب", "ادلب", "مدينة إدلب"),
          ("Idlib sub-district", "ناحية إدلب"), ("Idlib countryside", "ريف إدلب")),
    _info(("Saraqib", "سراقب", "SY07"), IDLIB, (1, 0),
          ("Saraqib", "Saraqeb"),
          ("سراقب", "مدينة سراقب", "سراقب بريف إدلب الشرقي"),
          ("Saraqib sub-district", "ناحية سراقب"), ("eastern Idlib countryside", "ريف إدلب الشرقي"),
          until=date(2020, 2, 5)),
    _info(("Maarat al-Numan", "معرة النعمان", "SY07"), IDLIB, (1, 0),
          ("Maarat al-Numan", "Ma'arrat al-Nu'man", "Maarat al-Nouman"),
          ("معرة النعمان", "معره النعمان", "مدينة معرة النعمان"),
          ("Maarat al-Numan sub-district", "ناحية معرة النعمان"),
          ("southern Idlib countryside", "ريف إدلب الجنوبي"),
          until=date(2020, 1, 27)),
    _info(("Al-Bab", "الباب", "SY02"), OPPOSITION, (3, 0),
          ("Al-Bab", "al-Bab", "Bab city"),
          ("الباب", "مدينة الباب", "الباب بريف حلب الشرقي"),
          ("Al-Bab sub-district", "ناحية الباب"), _ALEPPO_E),
    _info(("Azaz", "اعزاز", "SY02"), OPPOSITION, (2.5, 0),
          ("Azaz", "A'zaz", "Aazaz"),
          ("اعزاز", "أعزاز", "مدينة اعزاز", "إعزاز"),
          ("Azaz sub-district", "ناحية اعزاز"), ("northern Aleppo countryside", "ريف حلب الشمالي")),
    _info(("Tell Abyad", "تل أبيض", "SY11"), OPPOSITION, (2.5, 0),
          ("Tell Abyad", "Tal Abyad", "Tel Abiad", "Gire Spi"),
          ("تل أبيض", "تل ابيض", "مدينة تل أبيض"),
          ("Tell Abyad sub-district", "ناحية تل أبيض"), ("northern Raqqa countryside", "ريف الرقة الشمالي"),
          zone_before=(date(2019, 10, 14), AA)),
    _info(("Tabqa", "الطبقة", "SY11"), AA, (1.5, 0),
          ("Tabqa", "al-Tabqa", "Al-Thawrah", "Tabqah"),
          ("الطبقة", "مدينة الطبقة", "الطبقه", "مدينة الثورة"),
          ("Tabqa sub-district", "ناحية الطبقة"), ("western Raqqa countryside", "ريف الرقة الغربي")),
)
# fmt: on

#: The places the demo is about, for the caller to resolve through the gazetteer.
CASE_STUDY_PLACES: tuple[PlaceWanted, ...] = tuple(info.wanted for info in _INFO)

#: Governorate names: pcode -> (English, Arabic).
GOVERNORATES: dict[str, tuple[str, str]] = {
    "SY01": ("Damascus", "دمشق"),
    "SY02": ("Aleppo", "حلب"),
    "SY03": ("Rural Damascus", "ريف دمشق"),
    "SY04": ("Homs", "حمص"),
    "SY05": ("Hama", "حماة"),
    "SY06": ("Lattakia", "اللاذقية"),
    "SY07": ("Idlib", "إدلب"),
    "SY08": ("Al-Hasakah", "الحسكة"),
    "SY09": ("Deir ez-Zor", "دير الزور"),
    "SY10": ("Tartous", "طرطوس"),
    "SY11": ("Ar-Raqqa", "الرقة"),
    "SY12": ("Daraa", "درعا"),
    "SY13": ("As-Sweida", "السويداء"),
    "SY14": ("Quneitra", "القنيطرة"),
}
_DEFAULT_ZONE = {"SY02": OPPOSITION, "SY07": IDLIB, "SY08": AA, "SY11": AA}


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def place_info(place: DemoPlace) -> PlaceInfo:
    """The catalogue entry for a resolved place, or a generic one for a place not in it."""
    for info in _INFO:
        wanted = info.wanted
        if wanted.governorate_pcode != place.governorate_pcode:
            continue
        same_ar = normalise_arabic(wanted.name_ar) == normalise_arabic(place.name_ar)
        if same_ar or _key(place.name_en) in {_key(v) for v in (wanted.name_en, *info.en)}:
            return info
    gov_en, gov_ar = GOVERNORATES.get(place.governorate_pcode, ("", ""))
    area_en = f"{gov_en} countryside" if gov_en else place.name_en
    area_ar = f"ريف {gov_ar}" if gov_ar else place.name_ar
    return PlaceInfo(
        PlaceWanted(place.name_en, place.name_ar, place.governorate_pcode, 1.0),
        _DEFAULT_ZONE.get(place.governorate_pcode, REGIME),
        1.0,
        0.0,
        (place.name_en, f"{place.name_en} town"),
        (place.name_ar, f"مدينة {place.name_ar}", f"{place.name_ar} في {area_ar}"),
        f"{place.name_en} area",
        f"منطقة {place.name_ar}",
        area_en,
        area_ar,
    )


def zone_on(info: PlaceInfo, day: date) -> str:
    """The zone a place sat in on a day."""
    if info.zone_before is not None and day < info.zone_before[0]:
        return info.zone_before[1]
    return info.zone


@dataclass(frozen=True)
class Target:
    """A kind of target: text in both languages, status, gender, and where it occurs."""

    en: str
    ar: str
    status: str
    gender: str
    weight: float
    types: tuple[str, ...]
    zones: tuple[str, ...]


_V = ("assassination", "explosion")
_A = ("assassination",)
_E = ("explosion",)
_D = ("detention", "abduction")
_ALL = (REGIME, AA, OPPOSITION, IDLIB)

# fmt: off
TARGETS: tuple[Target, ...] = (
    # Regime-held areas (Daraa, Douma, Deir ez-Zor)
    Target("a civilian from the reconciled (taswiya) community", "مدني من أبناء التسوية", "civilian", "male", 4, _A, (REGIME,)),
    Target("a former opposition commander who signed the settlement", "قيادي سابق في فصائل المعارضة ممن أجروا التسوية", "civilian", "male", 3, _A, (REGIME,)),
    Target("a member of the Fifth Corps", "عنصر في الفيلق الخامس", "military", "male", 3, _V, (REGIME,)),
    Target("a Military Security member", "عنصر في فرع الأمن العسكري", "police_security", "male", 2, _V, (REGIME,)),
    Target("a regime army checkpoint", "حاجز لقوات النظام", "military", "male", 2, _E, (REGIME,)),
    Target("a Fourth Division patrol", "دورية للفرقة الرابعة", "military", "male", 2, _V, (REGIME,)),
    Target("a member of the local reconciliation committee", "عضو في لجنة المصالحة", "official", "male", 1.5, _A, (REGIME,)),
    Target("a vehicle of an Iranian-backed militia", "سيارة تابعة لميليشيا مدعومة من إيران", "military", "male", 2, _E, (REGIME,)),
    Target("young men wanted for military service", "عدد من الشبان المطلوبين للخدمة الإلزامية", "civilian", "male", 4, _D, (REGIME,)),
    Target("returnees from Lebanon", "عدد من العائدين من لبنان", "civilian", "mixed", 2, ("detention",), (REGIME,)),
    Target("former opposition fighters from the reconciled community", "عدد من مقاتلي المعارضة السابقين من أبناء التسوية", "civilian", "male", 3, _D, (REGIME,)),
    # Autonomous Administration areas
    Target("SDF members", "عناصر من قوات سوريا الديمقراطية", "military", "male", 3, _V, (AA,)),
    Target("an Asayish checkpoint", "حاجز للأسايش", "police_security", "male", 2, _E, (AA,)),
    Target("YPG fighters", "عناصر من وحدات حماية الشعب", "military", "male", 1.5, _V, (AA,)),
    Target("a member of the civil council", "عضو في المجلس المدني", "official", "male", 1.5, _A, (AA,)),
    Target("a tribal notable", "أحد وجهاء العشائر", "civilian", "male", 2, _A, (AA,)),
    Target("young men taken for conscription", "شبان اقتيدوا إلى التجنيد الإجباري", "civilian", "male", 3, _D, (AA,)),
    Target("a teacher accused of contacts with the regime", "مدرّس متهم بالتواصل مع النظام", "civilian", "male", 1, _D, (AA,)),
    # Syrian National Army areas
    Target("a Syrian National Army commander", "قيادي في الجيش الوطني السوري", "military", "male", 3, _V, (OPPOSITION,)),
    Target("a military police checkpoint", "حاجز للشرطة العسكرية", "police_security", "male", 2, _E, (OPPOSITION,)),
    Target("a Turkish forces patrol", "دورية للقوات التركية", "military", "male", 1, _E, (OPPOSITION,)),
    Target("Kurdish residents returning to their village", "عدد من المواطنين الكرد العائدين إلى قريتهم", "civilian", "mixed", 3, _D, (OPPOSITION,)),
    Target("an olive farmer", "مزارع زيتون", "civilian", "male", 2, _D, (OPPOSITION,)),
    Target("a woman accused of working with the former administration", "امرأة متهمة بالعمل مع الإدارة الذاتية السابقة", "civilian", "female", 1.5, _D, (OPPOSITION,)),
    # Idlib
    Target("HTS members", "عناصر من هيئة تحرير الشام", "military", "male", 2.5, _V, (IDLIB,)),
    Target("a judge of the Salvation Government", "قاضٍ في حكومة الإنقاذ", "official", "male", 1, _A, (IDLIB,)),
    Target("a media activist critical of HTS", "ناشط إعلامي منتقد للهيئة", "media_worker", "male", 1.5, _D, (IDLIB,)),
    # Everywhere
    Target("civilians in the market", "تجمع للمدنيين في السوق", "civilian", "mixed", 3, _E, _ALL),
    Target("a shepherd", "راعي أغنام", "civilian", "male", 1.5, _E, _ALL),
    Target("civil defence volunteers", "عناصر من الدفاع المدني", "civil_defence", "male", 1.5, _V, (OPPOSITION, IDLIB)),
    Target("a media activist", "ناشط إعلامي", "media_worker", "male", 1.5, _A, _ALL),
    Target("a relief organisation worker", "عامل في منظمة إغاثية", "humanitarian_worker", "male", 1.2, _V + _D, (OPPOSITION, IDLIB, AA)),
    Target("a woman and her son", "امرأة وابنها", "civilian", "mixed", 1, _V, _ALL),
    Target("a merchant held for ransom", "تاجر بهدف الفدية", "civilian", "male", 2, ("abduction",), _ALL),
    Target("an unidentified man", "رجل مجهول الهوية", "unknown", "male", 1, _A, _ALL),
    Target("a vehicle on the main road", "سيارة على الطريق العام", "unknown", "unknown", 1.5, _E, _ALL),
)
# fmt: on
