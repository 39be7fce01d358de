"""Actors and sources of the demo dataset.

The actors are the real parties of 2019-2020 as the centre's report names them. The sources
carry real-looking outlet names, but every identity and contact below is invented demo data
(phone numbers in an unassigned range, e-mail at example.org).

ISIS cells are typed ``local``: they are a named organisation whose cells in Deir ez-Zor,
Al-Hasakah and Raqqa were mostly Syrian; ``unknown`` is kept for parties nobody identified
("unknown gunmen").
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.engines.demo_places import AA, IDLIB, OPPOSITION, REGIME


@dataclass(frozen=True)
class Actor:
    key: str
    name_en: str
    name_ar: str
    aliases: tuple[str, ...]
    actor_type: str
    parent_key: str | None = None


UNKNOWN_GUNMEN = "a-unknown-gunmen"

# fmt: off
ACTORS: tuple[Actor, ...] = (
    Actor("a-regime-security", "Syrian government security services",
          "الأجهزة الأمنية التابعة للنظام السوري",
          ("regime security services", "الأفرع الأمنية", "أجهزة النظام الأمنية"), "local"),
    Actor("a-air-force-intelligence", "Air Force Intelligence", "المخابرات الجوية",
          ("Air Force Intelligence Directorate", "AFI", "فرع المخابرات الجوية", "الجوية"),
          "local", "a-regime-security"),
    Actor("a-military-security", "Military Security", "الأمن العسكري",
          ("Military Intelligence Branch", "Military Security branch", "فرع الأمن العسكري",
           "شعبة المخابرات العسكرية"), "local", "a-regime-security"),
    Actor("a-state-security", "State Security", "أمن الدولة",
          ("General Intelligence Directorate", "إدارة المخابرات العامة"), "local",
          "a-regime-security"),
    Actor("a-regime-army", "Syrian Arab Army", "قوات النظام السوري",
          ("regime forces", "SAA", "جيش النظام", "الجيش العربي السوري"), "local"),
    Actor("a-fourth-division", "Fourth Division", "الفرقة الرابعة",
          ("4th Armoured Division", "Maher al-Assad's Fourth Division", "الفرقة الرابعة مدرعات"),
          "local", "a-regime-army"),
    Actor("a-iran-militias", "Iranian-backed militias", "الميليشيات المدعومة من إيران",
          ("Iran-backed militias", "pro-Iranian militias", "الميليشيات الإيرانية"), "foreign"),
    Actor("a-irgc", "Islamic Revolutionary Guard Corps", "الحرس الثوري الإيراني",
          ("IRGC", "Revolutionary Guards", "الحرس الثوري"), "foreign", "a-iran-militias"),
    Actor("a-fatemiyoun", "Fatemiyoun Brigade", "لواء فاطميون",
          ("Liwa Fatemiyoun", "Afghan militia", "فاطميون", "الميليشيا الأفغانية"), "foreign",
          "a-iran-militias"),
    Actor("a-hezbollah", "Hezbollah", "حزب الله",
          ("Lebanese Hezbollah", "Hizbullah", "حزب الله اللبناني"), "foreign", "a-iran-militias"),
    Actor("a-russian-forces", "Russian forces", "القوات الروسية",
          ("Russian army", "the Russians", "الروس", "الجيش الروسي"), "foreign"),
    Actor("a-russian-mp", "Russian military police", "الشرطة العسكرية الروسية",
          ("Russian MP", "الشرطة الروسية"), "foreign", "a-russian-forces"),
    Actor("a-turkish-forces", "Turkish forces", "القوات التركية",
          ("Turkish army", "Turkish intelligence (MIT)", "الجيش التركي", "الاستخبارات التركية"),
          "foreign"),
    Actor("a-sna", "Syrian National Army", "الجيش الوطني السوري",
          ("SNA", "Turkish-backed factions", "الجيش الوطني", "فصائل الجيش الوطني"), "local"),
    Actor("a-sna-hamza", "Hamza Division", "فرقة الحمزة",
          ("al-Hamzat", "Firqat al-Hamza", "الحمزات"), "local", "a-sna"),
    Actor("a-sna-sultan-murad", "Sultan Murad Division", "فرقة السلطان مراد",
          ("Sultan Murad", "السلطان مراد"), "local", "a-sna"),
    Actor("a-sna-military-police", "SNA military police", "الشرطة العسكرية في الجيش الوطني",
          ("military police (Aleppo countryside)", "الشرطة العسكرية"), "local", "a-sna"),
    Actor("a-hts", "Hay'at Tahrir al-Sham", "هيئة تحرير الشام",
          ("HTS", "Tahrir al-Sham", "الهيئة", "تحرير الشام"), "local"),
    Actor("a-sdf", "Syrian Democratic Forces", "قوات سوريا الديمقراطية",
          ("SDF", "QSD", "قسد"), "local"),
    Actor("a-asayish", "Asayish", "الأسايش",
          ("Internal Security Forces", "Kurdish security police", "قوى الأمن الداخلي", "الآسايش"),
          "local", "a-sdf"),
    Actor("a-ypg", "People's Protection Units", "وحدات حماية الشعب",
          ("YPG", "PKK/YPG", "الوحدات الكردية"), "local", "a-sdf"),
    Actor("a-isis", "ISIS cells", "خلايا تنظيم الدولة",
          ("Islamic State", "ISIL", "Daesh", "داعش", "تنظيم الدولة الإسلامية"), "local"),
    Actor("a-wrath-of-olives", "Wrath of Olives operations room", "غرفة عمليات غضب الزيتون",
          ("Ghadab al-Zaytun", "Olive Wrath", "غضب الزيتون"), "local"),
    Actor("a-southern-ops-room", "Southern operations room", "غرفة عمليات الجنوب",
          ("Southern Operations Room", "غرفة الجنوب"), "local"),
    Actor("a-popular-resistance", "Popular Resistance in Daraa", "المقاومة الشعبية في درعا",
          ("Popular Resistance", "Daraa resistance cells", "المقاومة الشعبية"), "local"),
    Actor(UNKNOWN_GUNMEN, "unknown gunmen", "مسلحون مجهولون",
          ("unidentified gunmen", "unknown assailants", "مجهولون", "مسلحون مجهولو الهوية"),
          "unknown"),
)
# fmt: on

ACTOR_BY_KEY: dict[str, Actor] = {a.key: a for a in ACTORS}

# Who does what where: (zone, incident type) -> [(actor key or None for unknown, weight,
# governorates where it operates or () for the whole zone)].
Perp = tuple[str | None, float, tuple[str, ...]]
# fmt: off
PERPETRATORS: dict[tuple[str, str], tuple[Perp, ...]] = {
    (REGIME, "assassination"): (
        (UNKNOWN_GUNMEN, 10, ()), ("a-popular-resistance", 3, ("SY12",)),
        ("a-southern-ops-room", 1.5, ("SY12",)), ("a-air-force-intelligence", 2, ()),
        ("a-military-security", 2, ()), ("a-isis", 3, ("SY09",)), ("a-irgc", 1, ("SY09",)),
        ("a-hezbollah", 1, ("SY12",)), (None, 2, ()),
    ),
    (REGIME, "explosion"): (
        (None, 8, ()), ("a-isis", 3, ("SY09",)), ("a-popular-resistance", 1, ("SY12",)),
        (UNKNOWN_GUNMEN, 1, ()),
    ),
    (REGIME, "detention"): (
        ("a-air-force-intelligence", 4, ()), ("a-military-security", 4, ()),
        ("a-state-security", 2, ()), ("a-fourth-division", 2, ("SY12", "SY03")),
        ("a-fatemiyoun", 3, ("SY09",)), ("a-irgc", 2, ("SY09",)),
        ("a-russian-mp", 0.7, ("SY12",)),
    ),
    (REGIME, "abduction"): (
        (UNKNOWN_GUNMEN, 4, ()), ("a-fourth-division", 1, ("SY12", "SY03")),
        ("a-iran-militias", 3, ("SY09",)), ("a-hezbollah", 1, ("SY12",)), (None, 2, ()),
    ),
    (AA, "assassination"): ((UNKNOWN_GUNMEN, 5, ()), ("a-isis", 4, ()), (None, 2, ())),
    (AA, "explosion"): ((None, 5, ()), ("a-isis", 4, ())),
    (AA, "detention"): (("a-asayish", 5, ()), ("a-sdf", 3, ())),
    (AA, "abduction"): (("a-sdf", 2, ()), (UNKNOWN_GUNMEN, 2, ()), ("a-isis", 1, ())),
    (OPPOSITION, "assassination"): (
        (UNKNOWN_GUNMEN, 5, ()), ("a-wrath-of-olives", 3, ("SY02",)), ("a-isis", 1, ()),
        (None, 1, ()),
    ),
    (OPPOSITION, "explosion"): (
        (None, 6, ()), ("a-wrath-of-olives", 2, ("SY02",)), ("a-isis", 1, ()),
    ),
    (OPPOSITION, "detention"): (
        ("a-sna-military-police", 4, ()), ("a-sna-hamza", 2, ()), ("a-sna-sultan-murad", 2, ()),
        ("a-turkish-forces", 3, ()), ("a-sna", 1, ()),
    ),
    (OPPOSITION, "abduction"): (
        ("a-sna-hamza", 2, ()), ("a-sna-sultan-murad", 2, ()), (UNKNOWN_GUNMEN, 4, ()),
        (None, 1, ()),
    ),
    (IDLIB, "assassination"): (
        (UNKNOWN_GUNMEN, 5, ()), ("a-isis", 2, ()), ("a-hts", 1, ()), (None, 1, ()),
    ),
    (IDLIB, "explosion"): ((None, 5, ()), ("a-isis", 2, ())),
    (IDLIB, "detention"): (("a-hts", 5, ()),),
    (IDLIB, "abduction"): ((UNKNOWN_GUNMEN, 3, ()), ("a-hts", 2, ())),
}
# fmt: on


@dataclass(frozen=True)
class Source:
    key: str
    name: str
    source_type: str
    identity: str
    contact: str
    language: str
    prefix: str  # the source's own report-id prefix
    weight: float = 1.0
    govs: tuple[str, ...] = ()  # governorates it covers; () = everywhere
    zones: tuple[str, ...] = ()  # zones it covers; () = all
    places: tuple[str, ...] = ()  # observation points: the places they watch (English names)
    types: tuple[str, ...] = ()  # targeted-party pages: incident types they post about
    statuses: tuple[str, ...] = ()  # targeted-party pages: statuses of targets they post about
    station_en: str = ""  # observation points: where the monitor watches from
    station_ar: str = ""


_ACT = "activist_social_media"
_OFF = "official_local_media"
_OBS = "observation_point"
_NGO = "partner_ngo"
_TGT = "targeted_party_official"
_INT = "private_interview"
_REGIME_ARMED = ("military", "police_security")

# fmt: off
SOURCES: tuple[Source, ...] = (
    Source("s-daraa-24", "Daraa 24", _ACT,
           "Page run by a fictional former schoolteacher from Inkhil, handle @horan_watch_demo",
           "+963 999 555 0101", "ar", "D24", 2.0, govs=("SY12",)),
    Source("s-ahrar-horan", "Tajamu Ahrar Horan", _ACT,
           "Fictional network of six correspondents, coordinator known as 'Abu Yamen (demo)'",
           "horan.free.demo@example.org", "ar", "AHR", 1.5, govs=("SY12",)),
    Source("s-euphrates-post", "Euphrates Post", _ACT,
           "Fictional editor in Gaziantep, relative of a Mayadin pharmacist",
           "+963 999 555 0103", "ar", "EUP", 1.5, govs=("SY09", "SY11")),
    Source("s-deir-ez-zor-24", "Deir ez-Zor 24", _ACT,
           "Fictional English desk editor, alias 'Furat Demo', lives in Europe",
           "desk.dz24.demo@example.org", "en", "DZ24", 1.2, govs=("SY09",)),
    Source("s-rbss", "Raqqa Is Being Slaughtered Silently", _ACT,
           "Fictional anonymous correspondent inside Raqqa, signal handle raqqa_demo_77",
           "+963 999 555 0105", "en", "RBSS", 1.2, govs=("SY11",)),
    Source("s-douma-coord", "Douma Coordination Committee page", _ACT,
           "Fictional page admin, brother of a detainee, handle @ghouta_demo_admin",
           "+963 999 555 0106", "ar", "DCC", 1.5, govs=("SY03",)),
    Source("s-afrin-activists", "Afrin Activists Network", _ACT,
           "Fictional Kurdish activist collective, contact person 'Hevi (demo)'",
           "afrin.net.demo@example.org", "en", "AAN", 1.5, govs=("SY02",)),
    Source("s-idlib-activists", "Idlib Activists Network", _ACT,
           "Fictional volunteer group of four students from Saraqib",
           "+963 999 555 0108", "ar", "IAN", 1.5, govs=("SY07",)),
    Source("s-sana", "SANA (Syrian Arab News Agency)", _OFF,
           "Official agency; fictional newsroom liaison 'Mr. R. (demo)'",
           "newsroom.demo@example.org", "ar", "SANA", 1.0, zones=(REGIME,)),
    Source("s-hawar", "Hawar News Agency (ANHA)", _OFF,
           "Fictional English-desk editor in Qamishli, alias 'Dilovan Demo'",
           "anha.desk.demo@example.org", "en", "ANHA", 1.2, zones=(AA, OPPOSITION)),
    Source("s-enab-baladi", "Enab Baladi", _OFF,
           "Fictional regional correspondent known to the centre as 'Correspondent 12'",
           "+963 999 555 0111", "ar", "ENB", 1.0),
    Source("s-anadolu", "Anadolu Agency", _OFF,
           "Fictional Hatay bureau stringer, alias 'Mehmet Demo'",
           "hatay.stringer.demo@example.org", "en", "AA", 0.8, zones=(OPPOSITION,)),
    Source("s-op-jasim-2", "Observation point Jasim-2", _OBS,
           "Fictional monitor J2, shopkeeper near the grain silos",
           "+963 999 555 0201", "ar", "OPJ2", 2.0, places=("Jasim", "Nawa"),
           station_en="Jasim-2, northern quarter", station_ar="نقطة جاسم 2 - الحي الشمالي"),
    Source("s-op-douma-1", "Observation point Douma-1", _OBS,
           "Fictional monitor D1, nurse at a private clinic",
           "+963 999 555 0202", "ar", "OPD1", 2.0, places=("Douma",),
           station_en="Douma-1, city centre", station_ar="نقطة دوما 1 - وسط المدينة"),
    Source("s-op-bukamal-1", "Observation point Bukamal-1", _OBS,
           "Fictional monitor B1, driver on the Mayadin road",
           "+963 999 555 0203", "ar", "OPB1", 2.0, places=("Al-Bukamal", "Al-Mayadin"),
           station_en="Bukamal-1, al-Hamdan road", station_ar="نقطة البوكمال 1 - طريق الحمدان"),
    Source("s-op-raqqa-1", "Observation point Raqqa-1", _OBS,
           "Fictional monitor R1, mobile-phone repairer",
           "+963 999 555 0204", "ar", "OPR1", 2.0, places=("Raqqa", "Tabqa"),
           station_en="Raqqa-1, al-Naim roundabout", station_ar="نقطة الرقة 1 - دوار النعيم"),
    Source("s-op-afrin-3", "Observation point Afrin-3", _OBS,
           "Fictional monitor A3, olive-press worker",
           "+963 999 555 0205", "ar", "OPA3", 2.0, places=("Afrin",),
           station_en="Afrin-3, Mahmudiya quarter", station_ar="نقطة عفرين 3 - حي المحمودية"),
    Source("s-op-jarablus-1", "Observation point Jarablus-1", _OBS,
           "Fictional monitor JR1, baker",
           "+963 999 555 0206", "ar", "OPJR1", 2.0, places=("Jarablus", "Al-Bab"),
           station_en="Jarablus-1, market street", station_ar="نقطة جرابلس 1 - شارع السوق"),
    Source("s-op-hasakah-1", "Observation point Hasakah-1", _OBS,
           "Fictional monitor H1, school caretaker",
           "+963 999 555 0207", "ar", "OPH1", 1.5, places=("Al-Hasakah", "Qamishli"),
           station_en="Hasakah-1, Ghuwayran", station_ar="نقطة الحسكة 1 - حي غويران"),
    Source("s-partner-monthly", "Partner NGO monthly security report", _NGO,
           "Fictional partner organisation; focal point 'L.K. (demo)'",
           "security.focal.demo@example.org", "en", "PNM", 1.5),
    Source("s-partner-northeast", "Partner NGO field network (north-east)", _NGO,
           "Fictional field coordinator in Hasakah, alias 'Abu Jwan (demo)'",
           "+963 999 555 0302", "ar", "PNE", 1.2, govs=("SY08", "SY09", "SY11")),
    Source("s-civil-defence", "Syrian Civil Defence official page", _TGT,
           "Official page; fictional media officer 'Samer (demo)'",
           "media.sycd.demo@example.org", "ar", "SCD", 1.5, zones=(OPPOSITION, IDLIB),
           types=("explosion", "assassination"), statuses=("civil_defence", "civilian")),
    Source("s-sdf-media", "SDF Media Centre", _TGT,
           "Official account; fictional spokesperson office contact 'Press-3 (demo)'",
           "press3.demo@example.org", "en", "SDFMC", 1.5, zones=(AA,),
           types=("explosion", "assassination"), statuses=_REGIME_ARMED + ("official",)),
    Source("s-sna-legion", "Syrian National Army - Third Legion official account", _TGT,
           "Official account; fictional moderator 'Abu Omar (demo)'",
           "+963 999 555 0403", "ar", "SNA3", 1.2, zones=(OPPOSITION,),
           types=("explosion", "assassination"), statuses=_REGIME_ARMED),
    Source("s-moi-syria", "Syrian Ministry of Interior page", _TGT,
           "Official page; fictional press office clerk 'F.S. (demo)'",
           "moi.press.demo@example.org", "ar", "MOI", 1.0, zones=(REGIME,),
           types=("explosion", "assassination"), statuses=_REGIME_ARMED),
    Source("s-int-jasim", "Interview: local notable (code name Abu Qasim)", _INT,
           "Fictional mukhtar's cousin, met monthly in Jasim's western quarter",
           "+963 999 555 0501", "ar", "INT-AQ", 1.5, govs=("SY12",)),
    Source("s-int-douma", "Interview: relative of a detainee (code name Um Khaled)", _INT,
           "Fictional mother of two detainees, lives near the Grand Mosque",
           "+963 999 555 0502", "ar", "INT-UK", 1.5, govs=("SY03",)),
    Source("s-int-bukamal", "Interview: local council member (code name K-7)", _INT,
           "Fictional former council clerk, now a fuel trader",
           "+963 999 555 0503", "ar", "INT-K7", 1.5, govs=("SY09",)),
    Source("s-int-afrin", "Interview: lawyer following detainee files (code name Rojin)", _INT,
           "Fictional lawyer registered in Azaz, follows detainee files for families",
           "rojin.lawyer.demo@example.org", "en", "INT-RJ", 1.5, govs=("SY02",)),
    Source("s-int-raqqa", "Interview: tribal elder (code name Abu Fahd)", _INT,
           "Fictional elder of a Raqqa clan, contacted through his nephew",
           "+963 999 555 0505", "ar", "INT-AF", 1.5, govs=("SY11", "SY08")),
)
# fmt: on

#: How much each source type reports each group of incident types (violent, operations).
TYPE_AFFINITY: dict[str, tuple[float, float]] = {
    _ACT: (3.0, 1.5),
    _OFF: (2.0, 0.4),
    _OBS: (2.0, 3.0),
    _NGO: (1.2, 1.2),
    _TGT: (3.0, 0.0),
    _INT: (0.4, 3.0),
}
