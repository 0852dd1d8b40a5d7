"""The website chat widget in a real browser, against the running servers.

Starts the action server and the Rasa server (``credentials.yml``: REST, the widget's socket.io
channel, Slack without secrets), the demo page server (``python -m channels.demo_page``), and
headless Chromium from Debian's ``chromium`` package driven by Playwright. The user opens the
widget, asks a question, reads the answer, clicks a quick reply, reloads the page and goes on.
Screenshots are saved to ``tests/artifacts/``. Everything runs twice: against one Rasa server,
and through the load balancer in front of two replicas (``make serve REPLICAS=2``).

Needs a trained model, ``web/node_modules`` (``npm ci``) and Chromium: ``make setup`` installs
the last two, ``make test`` trains first. Set ``CHROMIUM=/path/to/chromium`` to use another
build.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path
from typing import Iterator, List, Optional, Tuple
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, expect, sync_playwright
from rasa.shared.exceptions import InvalidConfigException

from channels.demo_page import WIDGET_SCRIPT
from channels.socketio import parse_origins
from runtime.balancer import BalancerSettings
from runtime.cluster import running_cluster
from runtime.stack import MODEL, PROJECT, Stack, free_port, running_stack, wait_for_http

pytestmark = pytest.mark.browser

ARTIFACTS = PROJECT / "tests" / "artifacts"
#: Headless, and nothing that would reach out to Google's services.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
QUESTION = "what tools does a data engineer use?"
TIMEOUT_MS = 60_000


def chromium_path() -> str:
    """The Chromium to drive: ``$CHROMIUM``, else ``chromium`` on PATH, else Debian's path."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).is_file():
        pytest.fail(f"Chromium not found at {path}: run `make setup` (installs Debian's "
                    f"`chromium`) or set CHROMIUM=/path/to/chromium")
    return path


def get(url: str, headers: Optional[dict] = None) -> Tuple[int, Message, bytes]:
    """GET ``url``; return the status, the headers and the body, for error statuses too."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


# --- fixtures ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def page_port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def page_origin(page_port) -> str:
    return f"http://127.0.0.1:{page_port}"


@pytest.fixture(scope="module", params=["one server", "two replicas behind the balancer"])
def stack(request, db_url, page_origin, tmp_path_factory):
    """The servers, with the demo page's origin allowed and no Slack secrets: one Rasa server
    (``make serve``), then two replicas behind nginx (``make serve REPLICAS=2``), where the
    widget's socket.io session must stay on one replica."""
    env = {"WEBCHAT_ALLOWED_ORIGINS": page_origin, "SLACK_BOT_TOKEN": None,
           "SLACK_SIGNING_SECRET": None}
    if request.param == "one server":
        with running_stack(db_url=db_url, env=env) as running:
            yield running
        return
    env.update({"CAREERBOT_DB_URL": db_url, "CAREERBOT_TRACKER_STORE_URL": None,
                "CAREERBOT_REDIS_URL": None})
    with running_cluster(MODEL, keep_data=False, replicas=2, folder=tmp_path_factory.mktemp("cluster"),
                         settings=BalancerSettings(rate="1000r/s", burst=1000),
                         env=env) as cluster:
        yield Stack(int(cluster.url.rsplit(":", 1)[1]), None, {})


@pytest.fixture(scope="module")
def demo_url(stack, page_port, page_origin) -> Iterator[str]:
    """The demo page server (its command line, as `make serve` runs it) on ``page_port``."""
    log = PROJECT / "build" / f"demo_page.{page_port}.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "channels.demo_page", "--host", "127.0.0.1",
             "--port", str(page_port), "--rasa-url", stack.rasa_url, "--quiet"],
            cwd=PROJECT, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for_http(f"{page_origin}/", proc, log, timeout=30)
        yield f"{page_origin}/"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# --- the widget --------------------------------------------------------------------------------
def test_the_widget_answers_a_question_and_a_quick_reply(browser, demo_url, role_store, capsys):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    elsewhere: List[str] = []  # requests answered by any host but this machine
    errors: List[str] = []
    page.on("requestfinished", lambda r: elsewhere.append(r.url)
            if urlsplit(r.url).hostname not in ("127.0.0.1", "localhost") else None)
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(demo_url)
    page.click("button.rw-launcher")
    expect(page.locator(".rw-response", has_text="I answer questions about careers")).to_be_visible(
        timeout=TIMEOUT_MS)  # the greeting (initPayload /greet): the socket session works

    page.fill(".rw-new-message", QUESTION)
    page.keyboard.press("Enter")
    answer = page.locator(".rw-response", has_text="Data Engineer — tools and software")
    expect(answer).to_be_visible(timeout=TIMEOUT_MS)
    # Markdown rendered: a bold heading, one list item per group of tools, the source after it
    expect(answer.locator("strong")).to_have_text("Data Engineer — tools and software")
    items = answer.locator("li").all_inner_texts()
    facts = role_store.topic_facts("Data Engineer", "tools").facts
    assert len(items) == len({f.category for f in facts})
    for fact in facts:
        assert any(fact.name in item for item in items), (fact.name, items)
    source = answer.locator("em").inner_text()
    assert source.startswith("Source: “Machine Learning Engineer vs. Data Engineer”")
    assert not any("Source:" in item for item in items)
    assert "**" not in answer.inner_text() and "- " not in answer.inner_text()
    replies = page.locator(".rw-replies .rw-reply")
    expect(replies).to_have_text(["Skills", "Industries", "Salary"])
    first_shot = ARTIFACTS / "widget_answer.png"
    page.screenshot(path=str(first_shot))

    replies.filter(has_text="Skills").click()
    follow_up = page.locator(".rw-response", has_text="Data Engineer — skills")
    expect(follow_up).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator(".rw-client").last).to_have_text("Skills")  # the click, as the user's turn
    skills = follow_up.locator("li").all_inner_texts()
    for fact in role_store.topic_facts("Data Engineer", "skills").facts[:3]:
        assert any(item.startswith(f"{fact.name}:") for item in skills), (fact.name, skills)
    expect(page.locator(".rw-replies .rw-reply")).to_have_text(
        ["Tools and software", "Education", "Getting started"])
    second_shot = ARTIFACTS / "widget_follow_up.png"
    page.screenshot(path=str(second_shot))

    # session_persistence: after a reload the conversation and its context carry on
    page.reload()
    expect(page.locator(".rw-response", has_text="Data Engineer — skills")).to_be_visible(
        timeout=TIMEOUT_MS)
    page.fill(".rw-new-message", "and education?")
    page.keyboard.press("Enter")
    expect(page.locator(".rw-response", has_text="Data Engineer — education")).to_be_visible(
        timeout=TIMEOUT_MS)

    assert not errors, errors
    assert not elsewhere, f"the page loaded files from other hosts: {elsewhere}"
    context.close()
    with capsys.disabled():
        print(f"\nwidget screenshots: {first_shot} {second_shot}")


#: Issue 28's pictures: (question, the answer's heading, the start of the chart's alt text,
#: screenshot file).
CHART_QUESTIONS = [
    ("what does a registered nurse earn in Texas?", "Registered Nurses — salary, Texas",
     "Pay range of Registered Nurses in Texas: 10th percentile", "widget_chart_pay.png"),
    ("where are the most jobs for electricians?", "Electricians — states with the most jobs",
     "Map of the states coloured by people employed: highest Texas", "widget_chart_places.png"),
    ("what is the job outlook for electricians?", "Electricians — job outlook",
     "Projected change in Electricians employment 2024–34", "widget_chart_outlook.png"),
]


def test_answers_show_their_charts_with_alt_text(browser, demo_url, capsys):
    """Issue 28: a pay range, where the jobs are and an outlook, each drawn beside its answer:
    the image loaded (natural size > 0) from the Rasa server, its alt text the one sentence
    saying what it shows; a screenshot of each."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    failed: List[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url)  # the widget's font is blocked
            if urlsplit(r.url).hostname in ("127.0.0.1", "localhost") else None)
    page.goto(demo_url)
    page.click("button.rw-launcher")
    expect(page.locator(".rw-response", has_text="I answer questions about careers")).to_be_visible(
        timeout=TIMEOUT_MS)
    shots = []
    for number, (question, heading, alt, name) in enumerate(CHART_QUESTIONS, 1):
        page.fill(".rw-new-message", question)
        page.keyboard.press("Enter")
        expect(page.locator(".rw-response", has_text=heading)).to_be_visible(timeout=TIMEOUT_MS)
        images = page.locator("img.rw-image-frame")
        expect(images).to_have_count(number, timeout=TIMEOUT_MS)
        image = images.nth(number - 1)
        expect(image).to_have_attribute("alt", re.compile("^" + re.escape(alt)))
        page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                               arg=image.element_handle(), timeout=TIMEOUT_MS)
        assert image.evaluate("img => [img.naturalWidth, img.naturalHeight]")[0] >= 800
        assert "/charts/" in image.get_attribute("src")
        image.scroll_into_view_if_needed()
        shots.append(ARTIFACTS / name)
        page.screenshot(path=str(shots[-1]))
    assert not failed, failed
    context.close()
    with capsys.disabled():
        print(f"\nchart screenshots: {' '.join(map(str, shots))}")


def test_the_demo_page_serves_the_widget_from_the_npm_package(demo_url, stack):
    status, headers, body = get(f"{demo_url}webchat.js")
    assert status == 200 and body == WIDGET_SCRIPT.read_bytes()
    assert headers.get("Content-Type").startswith("text/javascript")
    status, _, body = get(f"{demo_url}config.js")
    assert status == 200 and json.dumps(stack.rasa_url) in body.decode("utf-8")
    status, headers, body = get(demo_url)
    assert status == 200 and b'<script src="/webchat.js"></script>' in body
    policy = headers.get("Content-Security-Policy")
    assert f"connect-src 'self' {stack.rasa_url} ws://127.0.0.1:" in policy
    assert "googleapis" not in policy and "script-src 'self';" in policy
    for path in ("node_modules/rasa-webchat/package.json", "../package.json",
                 "..%2F..%2Fpyproject.toml"):
        assert get(f"{demo_url}{path}")[0] == 404, path


def test_socket_io_accepts_only_the_allowed_origins(stack, page_origin):
    handshake = f"{stack.rasa_url}/socket.io/?EIO=4&transport=polling"
    status, headers, body = get(handshake, {"Origin": page_origin})
    assert status == 200 and b'"sid"' in body
    assert headers.get_all("Access-Control-Allow-Origin") == [page_origin]
    status, headers, _ = get(handshake, {"Origin": "https://elsewhere.example"})
    assert status == 400 and headers.get("Access-Control-Allow-Origin") is None
    assert get(handshake)[0] == 200  # no Origin: not a browser, nothing to check


def test_without_slack_secrets_the_server_runs_and_slack_is_off(stack):
    status, _, body = get(f"{stack.rasa_url}/webhooks/slack/")
    assert status == 200
    assert json.loads(body) == {"status": "disabled",
                                "missing": ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"]}
    request = urllib.request.Request(f"{stack.rasa_url}/webhooks/slack/webhook", data=b"{}",
                                     headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 503
    assert "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET" in refused.value.read().decode("utf-8")
    assert "Data Engineer — skills" in stack.text("no-slack", "what skills does a data engineer need?")


# --- allowed origins (no server) ---------------------------------------------------------------
def test_allowed_origins_are_parsed_and_checked():
    assert parse_origins(None) is None and parse_origins(" ") is None
    assert parse_origins("*") == "*" and parse_origins(["https://a.example", "*"]) == "*"
    assert parse_origins("https://a.example/, http://localhost:8080 https://a.example") == [
        "https://a.example", "http://localhost:8080"]
    for bad in ("a.example", "https://a.example/chat", "ftp://a.example"):
        with pytest.raises(InvalidConfigException):
            parse_origins(bad)
