"""World regions of the outlet registry: one file per region under ``rules/outlets/``, chosen by country."""

from __future__ import annotations

# The order is the order of the files and of the README coverage table.
REGION_COUNTRIES: dict[str, str] = {
    "international": "",  # outlets with no single home country
    "north_america": "US CA",
    "latin_america": "MX GT BZ HN SV NI CR PA CU DO HT JM BS BB AG TT PR GY SR CO VE EC PE BO BR PY UY AR CL",
    "europe": (
        "GB IE IM FR DE AT CH NL BE LU IT VA ES PT GR CY MT DK NO SE FI IS GL EE LV LT PL CZ SK HU RO MD BG "
        "SI HR BA RS ME MK AL XK RU UA BY GE AM AZ"
    ),
    "middle_east_north_africa": "TR IL PS LB SY JO IQ IR SA AE QA KW BH OM YE EG LY TN DZ MA EH MR SD",
    "sub_saharan_africa": (
        "NG GH KE TZ UG RW BI ET ER DJ SO SS ZA ZW ZM MW MZ AO NA BW SZ LS MG MU SC KM SN GM GN ML BF NE "
        "CI LR SL TG BJ CV ST CM GA CG CD CF TD"
    ),
    "asia_pacific": (
        "CN HK MO TW JP KR KP MN IN PK BD LK NP BT MV AF SG MY ID PH TH VN MM KH LA BN TL AU NZ PG FJ SB "
        "VU WS TO CK KZ KG TJ UZ TM"
    ),
}
REGION_TITLES: dict[str, str] = {
    "international": "International",
    "north_america": "North America",
    "latin_america": "Latin America and the Caribbean",
    "europe": "Europe",
    "middle_east_north_africa": "Middle East and North Africa",
    "sub_saharan_africa": "Sub-Saharan Africa",
    "asia_pacific": "Asia and the Pacific",
}
REGION_OF: dict[str, str] = {c: region for region, codes in REGION_COUNTRIES.items() for c in codes.split()}
REGION_OF[""] = "international"


def region_of(country: str) -> str | None:
    """The region file an outlet of this country belongs in (None: a code no region lists)."""
    return REGION_OF.get(country)
