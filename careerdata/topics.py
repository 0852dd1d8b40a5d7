"""Every topic the assistant answers, declared once.

A :class:`Topic` gives its key (the ``topic`` slot's value and the key of ``data/topics.yml``),
the intent that asks for it (``ask_<key>``), its title in headings and buttons, the topics
suggested after an answer about an article role, how many bullets an answer shows, and whether
the answer depends on a place (BLS figures). The actions (headings, buttons, which topic an intent
asks, which follow-ups keep the place) and the NLU component ``MentionIntent`` (which intent a
message naming one topic gets) read these declarations instead of maps of their own.

No imports beyond the standard library: every layer may use this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, Optional, Tuple

_WORD = re.compile(r"[a-z]+")

DEFINITION = "definition"
RESPONSIBILITIES = "responsibilities"
SKILLS = "skills"
EDUCATION = "education"
TOOLS = "tools"
INDUSTRIES = "industries"
OUTLOOK = "outlook"
TIPS = "tips"
SALARY = "salary"
#: Answered from the official data only (BLS OEWS employment), for every role.
EMPLOYMENT = "employment"
#: Answered from the open data only (O*NET), for every occupation and an article role's mapped one.
KNOWLEDGE = "knowledge"
SIMILAR = "similar"
WORK_STYLES = "work_styles"

#: Bullets an answer shows unless its topic says otherwise.
MAX_BULLETS = 8


@dataclass(frozen=True)
class Topic:
    """One topic.

    Attributes:
        key: e.g. ``"skills"``.
        title: in headings and buttons, lower case (``"tools and software"``).
        next: keys of the topics suggested after an answer about an article role.
        max_bullets: how many facts an answer lists.
        place: the answer depends on a place (state or metro area), so a follow-up naming a
            place keeps this topic.
        named: users name it inside questions ("compare the skills of …"): it has words in
            ``data/topics.yml``.
        depth: every occupation answers it from the open data (O*NET, BLS Employment
            Projections: ``careerdata.depth.READERS``, ``actions.render_depth.RENDERERS``).
    """

    key: str
    title: str
    next: Tuple[str, ...] = ()
    max_bullets: int = MAX_BULLETS
    place: bool = False
    named: bool = True
    depth: bool = False

    @property
    def intent(self) -> str:
        """The intent that asks for this topic (``ask_skills``)."""
        return f"ask_{self.key}"


#: Every topic, in the order of menus and overviews.
#: Words asking for the rest of a list just shown ("more", "the rest", "show me all"), and the
#: words that may go with them; the NLU (MentionIntent) and the actions read them from here.
MORE_WORDS = frozenset({"more", "rest", "remaining", "everything", "others"})
MORE_FILLERS = frozenset({"show", "me", "the", "please", "give", "see", "list", "all", "of",
                          "them", "some", "a", "few", "tell"})

#: Words between two roles that make a move from the first to the second ("paralegal to lawyer",
#: "how can a bookkeeper become an accountant"); read by the NLU (MentionIntent) and the actions.
SWITCH_WORDS = frozenset({"to", "into", "become", "becoming"})


def around_two_roles(text: str, spans) -> Optional[Tuple[FrozenSet[str], FrozenSet[str]]]:
    """``(words before the first role, words between it and the next different role)``, lower
    case, for ``spans`` ``[(start, end, role)]`` of ``text``; None with fewer than two roles.
    The NLU (MentionIntent) and the actions read a switch from it ("paralegal to lawyer")."""
    found = sorted(spans)
    first = found[0] if found else None
    second = next((r for r in found if first and r[2] != first[2]), None)
    if second is None:
        return None
    lower = text.lower()
    return (frozenset(_WORD.findall(lower[:first[0]])),
            frozenset(_WORD.findall(lower[first[1]:second[0]])))

ALL: Tuple[Topic, ...] = (
    Topic(DEFINITION, "what the role is", (RESPONSIBILITIES, SKILLS, SALARY), max_bullets=3),
    Topic(RESPONSIBILITIES, "responsibilities", (SKILLS, TOOLS, EDUCATION), max_bullets=6,
          depth=True),
    Topic(SKILLS, "skills", (TOOLS, EDUCATION, TIPS), depth=True),
    Topic(KNOWLEDGE, "knowledge", (SKILLS, EDUCATION, SIMILAR), depth=True),
    Topic(EDUCATION, "education", (SKILLS, TIPS, OUTLOOK), max_bullets=5, depth=True),
    Topic(TOOLS, "tools and software", (SKILLS, INDUSTRIES, SALARY), max_bullets=10, depth=True),
    Topic(INDUSTRIES, "industries", (OUTLOOK, SALARY, TOOLS)),
    Topic(OUTLOOK, "job outlook", (SALARY, TIPS, INDUSTRIES), depth=True),
    Topic(SIMILAR, "similar jobs", (SALARY, SKILLS, OUTLOOK), depth=True),
    Topic(WORK_STYLES, "work styles and interests", (SIMILAR, SKILLS, OUTLOOK), max_bullets=6,
          depth=True),
    Topic(TIPS, "getting started", (EDUCATION, SKILLS, OUTLOOK)),
    Topic(SALARY, "salary", (OUTLOOK, SKILLS, TIPS), place=True),
    Topic(EMPLOYMENT, "employment", place=True, named=False),
)
#: ``{key: Topic}``.
BY_KEY: Dict[str, Topic] = {topic.key: topic for topic in ALL}
#: ``{intent: Topic}`` (``ask_skills`` -> skills).
BY_INTENT: Dict[str, Topic] = {topic.intent: topic for topic in ALL}
#: Topics suggested after an answer about an official occupation (what the open data holds).
OCCUPATION_NEXT: Tuple[str, ...] = (RESPONSIBILITIES, SKILLS, EDUCATION, OUTLOOK, SALARY,
                                     SIMILAR)


def of_intent(intent: Optional[str]) -> Optional[Topic]:
    """The topic ``intent`` asks for (``ask_skills``), or None for any other intent."""
    return BY_INTENT.get(intent or "")


def title(key: str) -> str:
    """The title of topic ``key`` (``"tools and software"``).

    Raises:
        KeyError: ``key`` is no topic.
    """
    return BY_KEY[key].title
