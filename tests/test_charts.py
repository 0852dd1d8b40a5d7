"""The pictures of issue 28: what each chart holds (from the test database's BLS figures), how
it is drawn and cached, the paths that name one, and how each channel shows it."""

from __future__ import annotations

import dataclasses

import pytest

from actions import charts
from actions.chart_render import render
from actions.chart_route import ChartCache, chart_for
from actions.reply import Picture, Reply, picture_json, to_message
from careerdata.place_rankings import CONCENTRATION, EMPLOYMENT
from careerdata.wages import NATIONAL

TEXAS = "4800000"
#: Block Kit's rules for an image block (https://api.slack.com/reference/block-kit/blocks).
IMAGE_BLOCK_KEYS = {"type", "image_url", "alt_text", "title", "block_id"}


def check_image_block(block: dict) -> None:
    """Fail unless ``block`` is a valid Block Kit image block."""
    assert set(block) <= IMAGE_BLOCK_KEYS and block["type"] == "image"
    assert block["image_url"].startswith(("https://", "http://"))
    assert len(block["image_url"]) <= 3000
    assert 0 < len(block["alt_text"]) <= 2000
    assert block["title"]["type"] == "plain_text" and 0 < len(block["title"]["text"]) <= 2000


def test_a_pay_range_holds_the_percentiles_in_order_and_the_national_median(role_store):
    pay = role_store.pay("Registered Nurses", TEXAS)
    nationally = role_store.pay("Registered Nurses").figures
    chart = charts.pay_range(pay, nationally)
    (row,) = chart.rows
    assert chart.kind == charts.RANGE and row.label == "Texas"
    assert row.values == tuple(pay.figures.annual[p] for p in ("p10", "p25", "median", "p75",
                                                               "p90"))
    assert list(row.values) == sorted(row.values)
    assert chart.marks == ((f"National median ${nationally.annual['median']:,}",
                            float(nationally.annual["median"])),)
    assert chart.axis == "Annual wage (USD a year)"
    assert chart.title == "Registered Nurses: pay in Texas"
    assert chart.footer.startswith("Source: BLS OEWS, May 2025")
    assert chart.alt == ("Pay range of Registered Nurses in Texas: 10th percentile $67,120, "
                         "median $95,970, 90th percentile $127,950 a year; the national median "
                         "is $97,550.")
    # nationally, no line for the nation against itself
    assert charts.pay_range(role_store.pay("Registered Nurses"), nationally).marks == ()


def test_top_coded_and_missing_figures_are_shown_as_such_and_no_median_means_no_picture(
        role_store):
    pay = role_store.pay("Registered Nurses")
    capped = dataclasses.replace(
        pay.figures, annual={**pay.figures.annual, "p10": None, "p90": 239200},
        topcoded=frozenset({"annual_p90"}))
    chart = charts.pay_range(dataclasses.replace(pay, figures=capped))
    assert chart.rows[0].values[0] is None and chart.rows[0].floors[4]
    assert "10th percentile not published" in chart.alt and "≥ $239,200" in chart.alt
    no_median = dataclasses.replace(pay.figures, annual={**pay.figures.annual, "median": None})
    assert charts.pay_range(dataclasses.replace(pay, figures=no_median)) is None
    assert charts.pay_range(dataclasses.replace(pay, figures=None)) is None


def test_places_comparisons_and_outlook_hold_their_figures(role_store):
    occ = role_store.occupation("Electricians")
    jobs = role_store.rank_by_jobs(occ.soc_code, "S", EMPLOYMENT)
    chart = charts.where_jobs_are("Electricians", jobs, False, "BLS OEWS, May 2025")
    assert [r.label for r in chart.rows] == [r.place.name for r in jobs.areas]
    assert chart.rows[0].text == "76,770" and chart.axis == "People employed"
    dense = charts.where_jobs_are("Electricians", role_store.rank_by_jobs(
        occ.soc_code, "M", CONCENTRATION), True, "BLS OEWS, May 2025")
    assert dense.marks == (("As common as nationally", 1.0),)
    assert "metro areas" in dense.title and dense.axis.startswith("Location quotient")
    ranked, _ = role_store.rank_areas(occ.soc_code, "S")
    paid = charts.best_paying("Electricians", ranked, False, "BLS OEWS, May 2025")
    assert [r.values[0] for r in paid.rows] == sorted((r.values[0] for r in paid.rows),
                                                      reverse=True)
    both = charts.pay_compared(role_store.pay("Electricians", TEXAS),
                               role_store.pay("Registered Nurses", TEXAS))
    assert [r.label for r in both.rows] == ["Electricians", "Registered Nurses"]
    outlook = chart_for("outlook/Electricians.png", role_store)
    assert [r.text for r in outlook.rows] == ["+9.5%", "+3.1%"] and outlook.rows[1].muted
    assert "818,700 → 896,100 employed, 81,000 openings a year" in outlook.title
    assert outlook.footer == "Source: BLS Employment Projections 2024–34"


def test_a_chart_is_drawn_as_the_same_png_each_time_and_once_by_the_cache(role_store):
    chart = chart_for(f"pay/Registered%20Nurses/{TEXAS}.png", role_store)
    png = render(chart)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000
    assert render(chart) == png  # no timestamp: the content is the key
    cache = ChartCache(size=1)
    assert cache.png(chart) == cache.png(chart)
    assert cache.stats()["draws"] == 1 and cache.stats()["hits"] == 1
    other = chart_for(f"pay/Electricians/{TEXAS}.png", role_store)
    cache.png(other)
    cache.png(chart)  # dropped to keep one: drawn again
    assert cache.stats()["draws"] == 3
    with pytest.raises(ValueError):
        render(dataclasses.replace(chart, kind="pie"))


@pytest.mark.parametrize("path", [
    "pay/Nobody%20At%20All/0000000.png",  # no such role
    "pay/Electricians/48.png",  # no such area code
    "pay/Electricians/9999999.png", "compare-places/Electricians/0000000/9999999.png",
    "pay/Electricians/0000000",  # no .png
    "places/Electricians/height/S.png", "places/Electricians/pay/X.png",
    "compare/Electricians/0000000.png", "outlook/Electricians/extra.png",
    "..%2F..%2Fetc%2Fpasswd.png", "pie/Electricians.png",
    "pay/%3Cscript%3Ealert(1)%3C%2Fscript%3E/0000000.png",
])
def test_a_path_names_only_data_of_the_database(path, role_store):
    assert chart_for(path, role_store) is None


def test_every_url_the_answers_give_names_a_chart(role_store):
    for url in (charts.chart_url("pay", "Registered Nurses", TEXAS),
                charts.chart_url("compare", "Electricians", "Plumbers, Pipefitters, and "
                                 "Steamfitters", NATIONAL),
                charts.chart_url("places", "Electricians", "concentration", "M"),
                charts.chart_url("outlook", "Data Engineer")):
        path = url.split(charts.CHART_PATH + "/", 1)[1]
        assert " " not in url and chart_for(path, role_store) is not None, url


def test_each_channel_shows_the_picture_its_own_way():
    picture = Picture("http://localhost:5005/charts/pay/Electricians/0000000.png",
                      "Pay range of Electricians in the United States: median $63,190 a year.")
    reply = Reply("Electricians — salary, United States", lines=["Median $63,190"],
                  picture=picture)
    attachment = {"attachment": {"type": "image", "payload": {"src": picture.url,
                                                             "title": picture.alt}}}
    assert to_message(reply, "socketio")["json_message"] == {"data": attachment}
    assert to_message(reply, "rest")["json_message"] == attachment
    assert "json_message" not in to_message(reply, "cmdline")
    assert to_message(reply, "cmdline")["text"].startswith("Electricians — salary")
    assert picture_json(picture, "slack") is None  # Slack could not download it from there
    public = dataclasses.replace(picture, url="https://careers.example.org/charts/pay/x.png",
                                 title="Electricians: pay in United States")
    slack = to_message(dataclasses.replace(reply, picture=public), "slack")["json_message"]
    (block,) = slack["blocks"]
    check_image_block(block)
    assert block["alt_text"] == picture.alt and slack["text"] == picture.alt
    assert block["image_url"] == public.url and block["title"]["text"] == public.title
    assert "json_message" not in to_message(Reply("no picture"), "socketio")


def test_the_tile_map_places_every_state_once_and_colours_each_by_its_figure(role_store):
    """Issue 28: states as a US tile grid (50 states and DC); territories are named in the
    footer, not drawn; the alt text gives the highest and lowest."""
    from actions import chart_tiles

    grid = chart_tiles.positions()
    assert len(grid) == 51 and len(set(grid.values())) == 51
    states = {r.place.usps for r in role_store.rank_areas("47-2111", "S", 60)[0]}
    assert set(grid) == states - {"GU", "PR", "VI"}
    chart = chart_for("places/Electricians/pay/S.png", role_store)
    assert chart.kind == chart_tiles.TILES and len(chart.rows) == 51
    assert [r.values[0] for r in chart.rows] == sorted((r.values[0] for r in chart.rows),
                                                       reverse=True)
    assert chart.footer.endswith("not drawn: Guam, Puerto Rico, Virgin Islands")
    assert chart.alt.startswith("Map of the states coloured by annual median: highest Oregon "
                                "$101k, Illinois $100k")
    assert render(chart).startswith(b"\x89PNG")
    dense = chart_for("places/Electricians/concentration/S.png", role_store)
    assert dense.rows[0].label == "WY" and dense.rows[0].text == "2.17"
    assert chart_for("places/Electricians/concentration/M.png", role_store).kind == charts.BARS


def test_the_servers_and_the_actions_name_the_same_setting():
    from actions.reply import PUBLIC_URL_ENV
    from runtime.settings import PUBLIC_URL_ENV as SERVERS

    assert PUBLIC_URL_ENV == SERVERS == "CAREERBOT_PUBLIC_URL"
