"""Read the skills, tools and skill aliases of the role database into a
:class:`careerdata.skills.SkillIndex` (used by :attr:`careerdata.store.RoleStore.skills`)."""

from __future__ import annotations

from typing import Dict, List, Tuple

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from careerdata import models as m
from careerdata.skills import SkillIndex, requirements


def skill_index(session: Session) -> SkillIndex:
    """The index of every article role's skills (name and terms) and tools, in the role files'
    order, each with the ids of its source articles, and the ``skill_aliases`` rows. Official
    occupations have no skill data."""
    query = (
        select(m.Fact, m.Role.name)
        .join(m.Role, m.Fact.role_id == m.Role.id)
        .where(m.Role.kind == m.KIND_ARTICLE, m.Fact.topic.in_((m.TOPIC_SKILLS, m.TOPIC_TOOLS)))
        .order_by(m.Role.name, m.Fact.position)
        .options(selectinload(m.Fact.terms), selectinload(m.Fact.sources))
    )
    skills: Dict[str, List[Tuple[str, List[str]]]] = {}
    tools: Dict[str, List[str]] = {}
    cited: Dict[str, Dict[str, List[str]]] = {}
    for fact, role in session.execute(query):
        skills.setdefault(role, [])
        tools.setdefault(role, [])
        cited.setdefault(role, {})[fact.name] = sorted(a.id for a in fact.sources)
        if fact.topic == m.TOPIC_SKILLS:
            skills[role].append((fact.name, [t.term for t in sorted(fact.terms, key=lambda t: t.id)]))
        else:
            tools[role].append(fact.name)
    roles = {role: requirements(skills[role], tools[role], cited[role]) for role in skills}
    aliases = dict(session.execute(select(m.SkillAlias.alias, m.SkillAlias.term)).all())
    return SkillIndex(roles, aliases)
