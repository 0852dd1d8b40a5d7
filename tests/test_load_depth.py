"""make db's depth tables: loaded from opendata/ as published, and only when it changed."""

from __future__ import annotations

import shutil

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from careerdata import load_depth, open_data, store
from careerdata import models as m
from careerdata import models_depth as d


def test_the_depth_tables_hold_the_releases_and_load_only_when_the_manifest_changed(tmp_path):
    engine = store.make_engine(f"sqlite:///{tmp_path / 'depth.db'}")
    first = load_depth.sync(engine)
    assert first.loaded and first.rows["onet_tasks"] == 18796
    assert first.rows["onet_technology"] == 32773 + 41662  # software, then tools
    assert first.rows["onet_titles"] == 56505 + 7955
    assert first.rows["projections"] == 1113
    assert not load_depth.sync(engine).loaded  # nothing changed: nothing read
    with Session(engine) as session:  # the answers cite the manifest's releases
        cited = dict(session.execute(select(m.Release.dataset, m.Release.release)).all())
        assert cited == {"onet-30.1": "O*NET 30.1, Dec 2025", "onet-29.0": "O*NET 29.0, Aug 2024",
                         "bls-ep-2024-34": "BLS Employment Projections 2024–34"}
    with Session(engine) as session:
        nurse = "29-1141.00"  # Registered Nurses
        kinds = set(session.scalars(select(d.OnetTask.kind).where(d.OnetTask.onet_code == nurse)))
        assert "Core" in kinds
        assert session.get(d.OnetJobZone, nurse).zone == 4  # as O*NET 30.1 gives it
        projection = session.get(d.Projection, "29-1141")
        assert projection.line_item and projection.education == "Bachelor's degree"
        assert projection.employment_2034 > projection.employment_2024 > 3000  # thousands
        topcoded = session.scalar(select(func.count()).select_from(d.Projection)
                                  .where(d.Projection.wage_topcoded))
        assert topcoded == 19
        assert session.get(d.Projection, "00-0000").education is None  # a summary row
        python = session.scalar(select(func.count()).select_from(d.OnetTechnology).where(
            d.OnetTechnology.example == "Python", d.OnetTechnology.hot))
        assert python > 50
    copy = tmp_path / "opendata"
    shutil.copytree(open_data.OPENDATA, copy)
    with open(copy / open_data.MANIFEST_FILE, "a", encoding="utf-8") as manifest:
        manifest.write("# edited\n")
    assert load_depth.sync(engine, copy).loaded  # a new manifest: the tables are replaced
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(d.OnetTask)) == 18796
    engine.dispose()
