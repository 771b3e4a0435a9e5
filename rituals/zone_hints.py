"""What people type or carry instead of a zone name, mapped to a few real IANA zones.

Data only, read by rituals/zones.py. Abbreviations and language codes name several places
whose clocks differ or change on different days, so each maps to the zones a person is
most likely in, most populous first, for them to confirm, never to pick silently.
"""
from __future__ import annotations

_US = ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
       "America/Phoenix", "America/Anchorage", "Pacific/Honolulu")
_UK_IE = ("Europe/London", "Europe/Dublin")
_CENTRAL_EUROPE = ("Europe/Berlin", "Europe/Paris", "Europe/Madrid", "Europe/Rome",
                   "Europe/Warsaw", "Europe/Amsterdam")
_EASTERN_EUROPE = ("Europe/Athens", "Europe/Kyiv", "Europe/Bucharest", "Europe/Helsinki",
                   "Africa/Cairo")

# Lower case. Several abbreviations mean different things on different continents (IST,
# CST, BST, AST, PST), which is exactly why the person confirms.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("utc", "gmt", "ut", "z", "zulu", "uct", "universal", "greenwich", "gmt0"),
                    _UK_IE + ("Europe/Lisbon", "Atlantic/Reykjavik", "Africa/Accra")),
    **dict.fromkeys(("bst",), _UK_IE + ("Asia/Dhaka",)),
    **dict.fromkeys(("wet", "west"), ("Europe/Lisbon", "Atlantic/Canary", "Atlantic/Madeira")),
    **dict.fromkeys(("cet", "cest", "met", "mest", "mez", "mesz"), _CENTRAL_EUROPE),
    **dict.fromkeys(("eet", "eest", "oez", "oesz"), _EASTERN_EUROPE),
    **dict.fromkeys(("msk",), ("Europe/Moscow", "Europe/Minsk", "Europe/Simferopol")),
    **dict.fromkeys(("trt",), ("Europe/Istanbul",)),
    **dict.fromkeys(("ist",), ("Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem")),
    **dict.fromkeys(("idt",), ("Asia/Jerusalem",)),
    **dict.fromkeys(("pkt",), ("Asia/Karachi",)),
    **dict.fromkeys(("gst",), ("Asia/Dubai", "Asia/Muscat")),
    **dict.fromkeys(("ict",), ("Asia/Bangkok", "Asia/Ho_Chi_Minh")),
    **dict.fromkeys(("wib",), ("Asia/Jakarta",)),
    **dict.fromkeys(("sgt",), ("Asia/Singapore",)),
    **dict.fromkeys(("hkt",), ("Asia/Hong_Kong",)),
    **dict.fromkeys(("jst",), ("Asia/Tokyo",)),
    **dict.fromkeys(("kst",), ("Asia/Seoul",)),
    **dict.fromkeys(("aest", "aedt", "aet"), ("Australia/Sydney", "Australia/Melbourne",
                                              "Australia/Brisbane", "Australia/Hobart")),
    **dict.fromkeys(("acst", "acdt"), ("Australia/Adelaide", "Australia/Darwin")),
    **dict.fromkeys(("awst",), ("Australia/Perth",)),
    **dict.fromkeys(("nzst", "nzdt"), ("Pacific/Auckland",)),
    **dict.fromkeys(("sast",), ("Africa/Johannesburg",)),
    **dict.fromkeys(("cat",), ("Africa/Maputo", "Africa/Harare", "Africa/Lusaka")),
    **dict.fromkeys(("eat",), ("Africa/Nairobi", "Africa/Addis_Ababa", "Africa/Dar_es_Salaam")),
    **dict.fromkeys(("wat",), ("Africa/Lagos", "Africa/Kinshasa", "Africa/Algiers")),
    **dict.fromkeys(("brt",), ("America/Sao_Paulo",)),
    **dict.fromkeys(("art",), ("America/Argentina/Buenos_Aires",)),
    **dict.fromkeys(("est", "edt", "et", "eastern", "est5edt"),
                    ("America/New_York", "America/Toronto", "America/Detroit", "America/Jamaica")),
    **dict.fromkeys(("cst", "cdt", "ct", "central", "cst6cdt"),
                    ("America/Chicago", "America/Mexico_City", "America/Winnipeg", "Asia/Shanghai")),
    **dict.fromkeys(("mst", "mdt", "mt", "mountain", "mst7mdt"),
                    ("America/Denver", "America/Phoenix", "America/Edmonton")),
    **dict.fromkeys(("pst", "pdt", "pt", "pacific", "pst8pdt"),
                    ("America/Los_Angeles", "America/Vancouver", "America/Tijuana", "Asia/Manila")),
    **dict.fromkeys(("akst", "akdt"), ("America/Anchorage",)),
    **dict.fromkeys(("hst", "hast"), ("Pacific/Honolulu",)),
    **dict.fromkeys(("ast", "adt"), ("America/Halifax", "America/Puerto_Rico", "Asia/Riyadh")),
    **dict.fromkeys(("nst", "ndt"), ("America/St_Johns",)),
}

# Telegram's language_code (an IETF tag: "de", "pt-br", "zh-hans"); full tags first.
LANGUAGES: dict[str, tuple[str, ...]] = {
    "en": ("America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/London",
           "Australia/Sydney", "Asia/Kolkata"),
    "de": ("Europe/Berlin", "Europe/Vienna", "Europe/Zurich"),
    "fr": ("Europe/Paris", "Europe/Brussels", "Europe/Zurich", "America/Toronto"),
    "es": ("Europe/Madrid", "America/Mexico_City", "America/Bogota",
           "America/Argentina/Buenos_Aires", "America/Lima", "America/Santiago"),
    "pt": ("Europe/Lisbon", "America/Sao_Paulo"),
    "pt-br": ("America/Sao_Paulo", "America/Fortaleza", "America/Manaus", "America/Rio_Branco"),
    "it": ("Europe/Rome", "Europe/Zurich"),
    "nl": ("Europe/Amsterdam", "Europe/Brussels"),
    "pl": ("Europe/Warsaw",), "cs": ("Europe/Prague",), "sk": ("Europe/Bratislava",),
    "hu": ("Europe/Budapest",), "ro": ("Europe/Bucharest", "Europe/Chisinau"),
    "bg": ("Europe/Sofia",), "el": ("Europe/Athens", "Asia/Nicosia"), "hr": ("Europe/Zagreb",),
    "sr": ("Europe/Belgrade",), "sl": ("Europe/Ljubljana",), "et": ("Europe/Tallinn",),
    "lv": ("Europe/Riga",), "lt": ("Europe/Vilnius",), "fi": ("Europe/Helsinki",),
    "sv": ("Europe/Stockholm", "Europe/Helsinki"), "da": ("Europe/Copenhagen",),
    "nb": ("Europe/Oslo",), "nn": ("Europe/Oslo",), "no": ("Europe/Oslo",),
    "is": ("Atlantic/Reykjavik",), "ga": ("Europe/Dublin",), "ca": ("Europe/Madrid",),
    "eu": ("Europe/Madrid",),
    "ru": ("Europe/Moscow", "Asia/Yekaterinburg", "Asia/Novosibirsk", "Asia/Vladivostok",
           "Europe/Minsk", "Asia/Almaty"),
    "uk": ("Europe/Kyiv",), "be": ("Europe/Minsk",), "tr": ("Europe/Istanbul",),
    "az": ("Asia/Baku",), "ka": ("Asia/Tbilisi",), "hy": ("Asia/Yerevan",),
    "kk": ("Asia/Almaty",), "uz": ("Asia/Tashkent",),
    "ar": ("Asia/Riyadh", "Africa/Cairo", "Asia/Dubai", "Africa/Casablanca", "Asia/Baghdad"),
    "he": ("Asia/Jerusalem",), "iw": ("Asia/Jerusalem",), "fa": ("Asia/Tehran",),
    "hi": ("Asia/Kolkata",), "bn": ("Asia/Dhaka", "Asia/Kolkata"), "ur": ("Asia/Karachi",),
    "ta": ("Asia/Kolkata", "Asia/Colombo"), "ne": ("Asia/Kathmandu",),
    "id": ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"), "ms": ("Asia/Kuala_Lumpur",),
    "th": ("Asia/Bangkok",), "vi": ("Asia/Ho_Chi_Minh",), "tl": ("Asia/Manila",),
    "fil": ("Asia/Manila",), "ja": ("Asia/Tokyo",), "ko": ("Asia/Seoul",),
    "zh": ("Asia/Shanghai", "Asia/Taipei", "Asia/Hong_Kong", "Asia/Singapore"),
    "zh-hans": ("Asia/Shanghai", "Asia/Singapore"),
    "zh-hant": ("Asia/Taipei", "Asia/Hong_Kong"),
    "sw": ("Africa/Nairobi", "Africa/Dar_es_Salaam"), "am": ("Africa/Addis_Ababa",),
    "af": ("Africa/Johannesburg",),
}

# Countries where the tzdb's own list (zone.tab) would offer too many or oddly ordered zones.
REGIONS: dict[str, tuple[str, ...]] = {
    "us": _US,
    "ca": ("America/Toronto", "America/Vancouver", "America/Edmonton", "America/Winnipeg",
           "America/Halifax", "America/St_Johns"),
    "br": LANGUAGES["pt-br"],
    "mx": ("America/Mexico_City", "America/Tijuana", "America/Cancun", "America/Chihuahua",
           "America/Hermosillo"),
    "au": ABBREVIATIONS["aest"] + ("Australia/Adelaide", "Australia/Perth"),
    "ru": LANGUAGES["ru"][:4] + ("Europe/Kaliningrad", "Asia/Krasnoyarsk"),
    "de": ("Europe/Berlin",),
    "ua": ("Europe/Kyiv",),
    "cn": ("Asia/Shanghai",),
    "ar": ("America/Argentina/Buenos_Aires",),
    "cl": ("America/Santiago", "America/Punta_Arenas"),
    "es": ("Europe/Madrid", "Atlantic/Canary"),
    "gb": _UK_IE[:1],
}

# Country names people type that the tzdb's iso3166.tab spells otherwise.
COUNTRY_ALIASES: dict[str, str] = {
    "usa": "us", "america": "us", "united states of america": "us",
    "uk": "gb", "united kingdom": "gb", "great britain": "gb", "england": "gb",
    "scotland": "gb", "wales": "gb", "northern ireland": "gb",
    "holland": "nl", "the netherlands": "nl", "south korea": "kr", "korea": "kr",
    "czech republic": "cz", "czechia": "cz", "uae": "ae", "emirates": "ae",
}
