#!/usr/bin/python3
"""Writes tests/data/gias_example.csv: a small synthetic school list in the format of DfE's
"Get Information about Schools" extract (edubasealldata<YYYYMMDD>.csv), for the tests and as an
example of population.schools_file. Every value is invented; local authorities, their regions
and centres are those of sim/model/local_authorities.cpp, so coordinates lie in their authority.

It has what a real extract has and the loader must cope with: columns in GIAS order, many of them
ignored; Windows-1252 bytes in ignored columns; quoted names with commas and doubled quotes;
CRLF line ends; closed, proposed and independent schools, a nursery, a sixth-form college, a
pupil referral unit, special academies, single- and multi-academy trusts. It has no row lacking
what the model needs, so it loads with population.schools_file_skip_bad_rows = 0.

Run from the repository root: /usr/bin/python3 tests/data/make_gias_example.py
"""

import csv
import math
import pathlib
import random
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
GOR = {"north_east": ("A", "North East"), "london": ("H", "London")}

COLUMNS = [
    "URN", "LA (code)", "LA (name)", "EstablishmentNumber", "EstablishmentName", "TypeOfEstablishment (name)",
    "EstablishmentTypeGroup (name)", "EstablishmentStatus (name)", "PhaseOfEducation (name)", "StatutoryLowAge",
    "StatutoryHighAge", "NumberOfPupils", "Trusts (code)", "Trusts (name)", "Street", "Town", "Postcode",
    "HeadFirstName", "HeadLastName", "GOR (code)", "GOR (name)", "GSSLACode (name)", "UrbanRural (name)", "Easting",
    "Northing",
]


def authorities():
    text = (ROOT / "sim/model/local_authorities.cpp").read_text()
    pattern = re.compile(r'\{"(E\d+)", "([^"]+)", Region::(\w+), (true|false), ([\d.]+), ([\d.]+), ([\d.]+), ([\d.]+)\}')
    found = []
    for code, name, region, metropolitan, area, _, easting, northing in pattern.findall(text):
        if region in GOR:
            found.append((code, name, region, metropolitan == "true", float(area), float(easting), float(northing)))
    return found


def main():
    rng = random.Random(20240601)
    las = authorities()
    rows = []
    urns = rng.sample(range(100000, 150000), 420)
    trusts = [(f"{16000 + k}", f"The {name} Learning Trust") for k, name in
              enumerate(["Tyne", "Wear", "Tees", "Thames", "Lea", "Fleet", "Wandle", "Coquet"])]
    heads = ["Zo\u00eb", "Ren\u00e9e", "Se\u00e1n", "Fran\u00e7ois", "Anne", "Jos\u00e9"]
    for k, urn in enumerate(urns):
        code, la_name, region, metropolitan, area, easting, northing = rng.choice(las)
        gor_code, gor_name = GOR[region]
        radius = 0.8 * math.sqrt(area / math.pi)
        distance = radius * math.sqrt(rng.random())
        angle = 2 * math.pi * rng.random()
        e = round((easting + distance * math.cos(angle)) * 1000)
        n = round((northing + distance * math.sin(angle)) * 1000)
        status = rng.choices(["Open", "Closed", "Open, but proposed to close", "Proposed to open"], [88, 9, 2, 1])[0]
        kind = rng.choices(["la", "academy", "free", "special", "independent", "college"], [45, 35, 5, 6, 7, 2])[0]
        phase = rng.choices(["Primary", "Secondary", "Middle deemed primary", "All-through"], [80, 16, 2, 2])[0]
        type_name = {"la": "Community school", "academy": "Academy converter", "free": "Free schools",
                     "special": "Community special school", "independent": "Other independent school",
                     "college": "Sixth form centres"}[kind]
        group = {"la": "Local authority maintained schools", "academy": "Academies", "free": "Free Schools",
                 "special": "Special schools", "independent": "Independent schools", "college": "Colleges"}[kind]
        if kind == "special":
            phase = "Not applicable"
        if kind == "academy" and rng.random() < 0.08:
            type_name, phase = "Academy special converter", "Not applicable"
        if kind == "college":
            phase = "16 plus"
        pupils = {"Primary": 275, "Middle deemed primary": 300, "Secondary": 1000, "All-through": 1300,
                  "Not applicable": 120, "16 plus": 900}[phase]
        pupils = max(12, round(rng.lognormvariate(math.log(pupils) - 0.1, 0.45)))
        trust_code, trust_name = "", ""
        if kind in ("academy", "free"):
            if rng.random() < 0.7:
                trust_code, trust_name = rng.choice(trusts)
            else:
                trust_code, trust_name = f"{17000 + k}", f"{la_name} Single Academy Trust {k}"
        if metropolitan:
            urban = rng.choice(["(England/Wales) Urban major conurbation", "(England/Wales) Urban minor conurbation"])
        else:
            urban = rng.choices(["(England/Wales) Urban city and town", "(England/Wales) Rural town and fringe",
                                 "(England/Wales) Rural village", "(England/Wales) Rural hamlet and isolated dwellings",
                                 "(England/Wales) Rural village in a sparse setting"], [60, 15, 15, 5, 5])[0]
        name = rng.choice(["St Mary's, St John's and St Paul's C of E School", 'The "Riverside" Academy',
                           f"{la_name} Primary School", "Hill Top School, Upper Site", "Oak Tree Academy"])
        rows.append({
            "URN": urn, "LA (code)": 390 + las.index((code, la_name, region, metropolitan, area, easting, northing)),
            "LA (name)": la_name, "EstablishmentNumber": 2000 + k, "EstablishmentName": name,
            "TypeOfEstablishment (name)": type_name, "EstablishmentTypeGroup (name)": group,
            "EstablishmentStatus (name)": status, "PhaseOfEducation (name)": phase, "StatutoryLowAge": 4,
            "StatutoryHighAge": 11 if phase == "Primary" else 18, "NumberOfPupils": pupils, "Trusts (code)": trust_code,
            "Trusts (name)": trust_name, "Street": f"{k + 1}, High Street", "Town": la_name,
            "Postcode": f"NE{k % 60} {k % 9}AB", "HeadFirstName": rng.choice(heads), "HeadLastName": "O'Brien",
            "GOR (code)": gor_code, "GOR (name)": gor_name, "GSSLACode (name)": code, "UrbanRural (name)": urban,
            "Easting": e, "Northing": n,
        })
    # One of each kind a real extract has that the loader must leave out by phase.
    rows[0].update({"EstablishmentStatus (name)": "Open", "EstablishmentTypeGroup (name)": "Local authority maintained schools",
                    "TypeOfEstablishment (name)": "Local authority nursery school", "PhaseOfEducation (name)": "Nursery",
                    "Trusts (code)": "", "Trusts (name)": ""})
    rows[1].update({"EstablishmentStatus (name)": "Open", "EstablishmentTypeGroup (name)": "Local authority maintained schools",
                    "TypeOfEstablishment (name)": "Pupil referral unit", "PhaseOfEducation (name)": "Not applicable",
                    "Trusts (code)": "", "Trusts (name)": ""})
    path = ROOT / "tests/data/gias_example.csv"
    with open(path, "w", newline="", encoding="cp1252") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
