"""Local authority areas of England and Wales, for guessing a review's area when no board is named.

A guess from this list is always listed in the draft's checks. Names that are also ordinary words
("Reading", "Bury", "Bath") are left out: "Reading the report..." must not make a Berkshire review.
Add an area here if yours is missing.
"""

from __future__ import annotations

AREAS: tuple[str, ...] = (
    # counties and county-wide areas
    "Bedfordshire", "Buckinghamshire", "Cambridgeshire", "Cheshire", "Cornwall", "Cumbria",
    "Derbyshire", "Devon", "Dorset", "Durham", "Essex", "Gloucestershire", "Hampshire",
    "Herefordshire", "Hertfordshire", "Isle of Wight", "Kent", "Lancashire", "Leicestershire",
    "Lincolnshire", "Norfolk", "North Yorkshire", "Northamptonshire", "Northumberland",
    "Nottinghamshire", "Oxfordshire", "Rutland", "Shropshire", "Somerset", "Staffordshire",
    "Suffolk", "Surrey", "Warwickshire", "West Sussex", "East Sussex", "Wiltshire",
    "Worcestershire", "Cheshire East", "Cheshire West and Chester", "Central Bedfordshire",
    "East Riding of Yorkshire", "North Lincolnshire", "North East Lincolnshire", "North Somerset",
    "South Gloucestershire", "West Berkshire", "Bath and North East Somerset",
    "West Northamptonshire", "North Northamptonshire", "Westmorland and Furness", "Cumberland",
    # cities and unitary authorities
    "Birmingham", "Blackburn with Darwen", "Blackpool", "Bournemouth", "Bracknell Forest",
    "Brighton and Hove", "Bristol", "Coventry", "Darlington", "Derby", "Dudley", "Halton",
    "Hartlepool", "Hull", "Kingston upon Hull", "Leeds", "Leicester", "Liverpool", "Luton",
    "Manchester", "Medway", "Middlesbrough", "Milton Keynes", "Newcastle", "Nottingham",
    "Peterborough", "Plymouth", "Portsmouth", "Redcar and Cleveland", "Sheffield", "Slough",
    "Southampton", "Southend", "Stockton-on-Tees", "Stoke-on-Trent", "Sunderland", "Swindon",
    "Telford and Wrekin", "Thurrock", "Torbay", "Warrington", "Windsor and Maidenhead", "Wokingham",
    "York", "Bedford", "Poole",
    # metropolitan boroughs
    "Barnsley", "Bolton", "Bradford", "Calderdale", "Doncaster", "Gateshead", "Kirklees",
    "Knowsley", "North Tyneside", "Oldham", "Rochdale", "Rotherham", "Salford", "Sandwell",
    "Sefton", "Solihull", "South Tyneside", "St Helens", "Stockport", "Tameside", "Trafford",
    "Wakefield", "Walsall", "Wigan", "Wirral", "Wolverhampton",
    # London boroughs
    "Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "City of London",
    "Croydon", "Ealing", "Enfield", "Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey",
    "Harrow", "Havering", "Hillingdon", "Hounslow", "Islington", "Kensington and Chelsea",
    "Kingston upon Thames", "Lambeth", "Lewisham", "Merton", "Newham", "Redbridge",
    "Richmond upon Thames", "Southwark", "Sutton", "Tower Hamlets", "Waltham Forest", "Wandsworth",
    "Westminster",
    # Wales
    "Anglesey", "Blaenau Gwent", "Bridgend", "Caerphilly", "Cardiff", "Carmarthenshire",
    "Ceredigion", "Conwy", "Denbighshire", "Flintshire", "Gwynedd", "Merthyr Tydfil",
    "Monmouthshire", "Neath Port Talbot", "Newport", "Pembrokeshire", "Powys",
    "Rhondda Cynon Taf", "Swansea", "Torfaen", "Vale of Glamorgan", "Wrexham",
)
