"""The store's queries across every occupation: the catalogue behind rankings and fit, each
area's medians, O*NET elements and who needs them, and the interest words
(:class:`AdviceData`, a part of :class:`careerdata.store.RoleStore`)."""

from __future__ import annotations

from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Dict, List

from sqlalchemy import select

from careerdata import models as m

if TYPE_CHECKING:  # pragma: no cover
    from careerdata.elements import ElementNames, Needed
    from careerdata.interests import InterestReader
    from careerdata.rankings import Catalog

#: Areas whose medians stay in memory: every state and territory (read at start-up) and the
#: metro areas asked about most recently.
AREA_CACHE_SIZE = 160
#: O*NET elements whose occupations stay in memory.
ELEMENT_CACHE_SIZE = 128


class AdviceData:
    """Rankings, look-ups and fit data of a :class:`careerdata.store.RoleStore`, which
    provides ``_run(fn)`` (``fn(session)`` in a session; raises
    :class:`careerdata.store.StoreUnavailable`) and calls :meth:`_init_advice` once."""

    def _init_advice(self) -> None:
        # read once per area or element: the database does not change under a running server
        self._area_pay = lru_cache(maxsize=AREA_CACHE_SIZE)(self._read_area_pay)
        self._needing = lru_cache(maxsize=ELEMENT_CACHE_SIZE)(self._read_needing)

    @cached_property
    def catalog(self) -> "Catalog":
        """Every SOC occupation's row for rankings and fit: the
        :class:`careerdata.rankings.Catalog` (cached; no rows in a database without the
        BLS Employment Projections)."""
        from careerdata.rankings import build_catalog

        return self._run(build_catalog)

    def area_pay(self, area_code: str) -> Dict[str, int]:
        """``{soc_code: annual median (USD a year)}`` of every occupation BLS OEWS May 2025
        publishes for the area (remembered)."""
        return self._area_pay(area_code)

    def _read_area_pay(self, area_code: str) -> Dict[str, int]:
        return self._run(lambda s: dict(s.execute(
            select(m.Wage.soc_code, m.Wage.annual_median).where(
                m.Wage.area_code == area_code, m.Wage.annual_median.is_not(None))).all()))

    @cached_property
    def elements(self) -> "ElementNames":
        """The O*NET skills and knowledge areas messages can name:
        :class:`careerdata.elements.ElementNames` (cached)."""
        from careerdata.elements import read_names

        return self._run(read_names)

    def needing(self, kind: str, name: str) -> List["Needed"]:
        """Every occupation that needs O*NET element ``name`` of ``kind`` (``skill`` or
        ``knowledge``): :func:`careerdata.elements.needing` (remembered)."""
        return self._needing(kind, name)

    def _read_needing(self, kind: str, name: str) -> List["Needed"]:
        from careerdata.elements import needing

        return self._run(lambda s: needing(s, self.catalog, kind, name))

    @cached_property
    def interests(self) -> "InterestReader":
        """The :class:`careerdata.interests.InterestReader` of O*NET's RIASEC keywords and
        ``data/interests.yml`` (cached)."""
        from careerdata.interests import build_reader

        return self._run(build_reader)
