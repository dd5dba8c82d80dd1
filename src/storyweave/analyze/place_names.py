"""Place names in every language as language-independent keys: countries and major cities.

Countries come from :mod:`storyweave.represent.gazetteer` (CLDR territory names of every
locale) and give ``country:RU``; cities are CLDR's time-zone exemplar cities, which every
locale names in its own words ("Moskau", "Moscou", "Москва", "Mát-xcơ-va"), and give the zone
as key (``city:Europe/Moscow``). So ``Nga``, ``Russia`` and ``Russie`` meet, and so do
``Moskwie`` and ``Moscow``; :func:`place_name` gives the name back in any language.

>>> place_key("Nga", "vi"), place_key("Moskau", "de"), place_name("country:US", "en")
('country:RU', 'city:Europe/Moscow', 'United States')
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from functools import lru_cache

from babel import Locale, UnknownLocaleError, localedata
from babel.core import get_global
from babel.localedata import locale_identifiers

from storyweave.model import EntityType
from storyweave.represent.gazetteer import (
    COUNTRY_PREFIX,
    INFLECTING_LANGUAGES,
    country_key,
    inflection_stem,
    lookup_country,
    normalize_name,
    plain_name,
)

__all__ = [
    "CITY_PREFIX",
    "COUNTRY_PREFIX",
    "is_place_key",
    "place_key",
    "place_name",
    "place_type",
]

CITY_PREFIX = "city:"
#: CLDR territory codes that name unions of countries ("European Union"): organisations.
UNION_CODES = frozenset({"EU", "EZ", "UN"})
#: Unions the gazetteer leaves out (as a clustering key, the United Nations lowered
#: vlsp-abmusu's BCubed F1 by 0.002) that entities still know by their name in the article's
#: language and in English: "Liên Hợp Quốc" and "Vereinte Nationen" are the United Nations.
_ENTITY_ONLY_UNIONS = ("UN",)

# Zones whose exemplar "city" is a research station, an ocean island or a county seat named
# like a person or a common word ("Casey", "Easter", "Christmas", "Center"): not worth the risk.
_SKIPPED_REGIONS = frozenset({"Antarctica", "Arctic", "Etc", "Pacific", "Indian"})
_MIN_CITY_KEY = 4


def place_key(surface: str, lang: str) -> str | None:
    """The key of the country or major city that ``surface`` (in ``lang``) names, or ``None``.

    Countries come first: ``Singapore`` and ``Kuwait`` are countries before they are cities.
    """
    key = normalize_name(surface)
    if not key:
        return None
    code = lookup_country(key, lang) or _union_names(lang).get(key)
    if code is not None:
        return country_key(code)
    zone = _lookup_city(key, lang)
    return CITY_PREFIX + zone if zone is not None else None


def place_type(key: str) -> EntityType:
    """The type of what a place key names: a place, or an organisation for a union."""
    return "organisation" if key.removeprefix(COUNTRY_PREFIX) in UNION_CODES else "place"


def is_place_key(key: str) -> bool:
    """Whether ``key`` is a country or city key (as :func:`place_key` gives)."""
    return key.startswith((COUNTRY_PREFIX, CITY_PREFIX))


def place_name(key: str, lang: str) -> str | None:
    """The name of the place ``key`` in language ``lang`` (CLDR's), or ``None`` if unknown."""
    locale = _locale(lang)
    if key.startswith(COUNTRY_PREFIX):
        code = key.removeprefix(COUNTRY_PREFIX)
        names = locale.territories if locale is not None else {}
        name = names.get(code)
        return plain_name(name) if name else None
    if key.startswith(CITY_PREFIX):
        zone = key.removeprefix(CITY_PREFIX)
        names = locale.time_zones if locale is not None else {}
        for old_id in (zone, *_old_ids().get(zone, ())):
            city = names.get(old_id, {}).get("city")
            if city:
                return str(city)
        return _zone_city(zone)
    return None


@lru_cache(maxsize=1)
def _old_ids() -> dict[str, tuple[str, ...]]:
    # Locale data still files some zones under their old ids ("Europe/Kiev", "Asia/Saigon").
    aliases: Mapping[str, str] = get_global("zone_aliases")
    old: dict[str, list[str]] = defaultdict(list)
    for alias, zone in aliases.items():
        old[zone].append(alias)
    return {zone: tuple(ids) for zone, ids in old.items()}


@lru_cache(maxsize=64)
def _union_names(lang: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for identifier in (lang, "en"):
        locale = _locale(identifier)
        for code in _ENTITY_ONLY_UNIONS:
            name = locale.territories.get(code) if locale is not None else None
            if name:
                names.setdefault(normalize_name(name), code)
    return names


@lru_cache(maxsize=64)
def _locale(lang: str) -> Locale | None:
    try:
        return Locale.parse(lang)
    except (ValueError, LookupError, UnknownLocaleError):
        return None


def _zone_city(zone: str) -> str:
    # The zone id carries the English name: "America/Argentina/Buenos_Aires" -> "Buenos Aires".
    return zone.rsplit("/", 1)[-1].replace("_", " ")


@lru_cache(maxsize=1)
def _zones() -> tuple[str, ...]:
    zones: Mapping[str, str] = get_global("zone_territories")
    return tuple(
        zone for zone in zones if "/" in zone and zone.split("/", 1)[0] not in _SKIPPED_REGIONS
    )


def _own_city_names(identifier: str) -> dict[str, str]:
    """City key -> zone for the names locale ``identifier`` gives itself (no inheritance)."""
    table = localedata.load(identifier, merge_inherited=False).get("time_zones", {})
    aliases: Mapping[str, str] = get_global("zone_aliases")
    zones = set(_zones())
    names: dict[str, str] = {}
    for zone, fields in table.items():
        zone = aliases.get(zone, zone)
        city = fields.get("city")
        if city and zone in zones:
            names.setdefault(normalize_name(city), zone)
    return names


@lru_cache(maxsize=1)
def _shared_cities() -> dict[str, str]:
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for zone in _zones():
        votes[normalize_name(_zone_city(zone))][zone] += 3  # the zone id is every locale's default
    for identifier in (ident for ident in locale_identifiers() if "_" not in ident):
        for key, zone in _own_city_names(identifier).items():
            votes[key][zone] += 1
    table: dict[str, str] = {}
    for key, counts in votes.items():
        (zone, best), *rest = [*counts.most_common(2), ("", 0)]
        # A name several zones claim ("Córdoba", "San Juan") is left out unless one dominates.
        if best >= 3 * rest[0][1] and best >= 3 and len(key) >= _MIN_CITY_KEY:
            table[key] = zone
    return table


@lru_cache(maxsize=64)
def _language_cities(lang: str) -> tuple[dict[str, str], dict[str, str]]:
    table: dict[str, str] = {}
    # Babel parses some codes it holds no data for ("und", "tl", "iw"), and data files are
    # named in their own case ("EN" is "en").
    identifier = localedata.normalize_locale(lang) if _locale(lang) is not None else None
    if identifier is not None:
        table = {
            key: zone
            for key, zone in _own_city_names(identifier).items()
            if len(key) >= _MIN_CITY_KEY
        }
    stems: dict[str, str] = {}
    if lang in INFLECTING_LANGUAGES:
        # "w Moskwie", "Warszawie": oblique forms meet their name through its stem.
        for key, zone in (*_shared_cities().items(), *table.items()):
            if " " not in key:
                stems.setdefault(inflection_stem(key), zone)
    return table, stems


def _lookup_city(key: str, lang: str) -> str | None:
    table, stems = _language_cities(lang)
    zone = table.get(key) or _shared_cities().get(key)
    if zone is None and stems and " " not in key:
        zone = stems.get(inflection_stem(key))
    return zone
