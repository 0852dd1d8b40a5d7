"""Facts the tests expect, taken from the four seed articles (not from the project's data)."""

#: The six roles of the seed articles, alphabetically.
SEED_ROLES = [
    "Data Engineer",
    "Data Scientist",
    "Data Specialist",
    "Lead Machine Learning Engineer",
    "Machine Learning Engineer",
    "Software Data Engineer",
]
#: Roles with a featured job listing whose title names them.
WITH_LISTINGS = {"Data Engineer", "Data Scientist"}
