"""Slack, without Slack: signed events posted to the running Rasa server, answers caught by a fake
Slack Web API on loopback (``tests/fake_slack.py``).

The Rasa server and the action server run with ``SLACK_BOT_TOKEN``, ``SLACK_SIGNING_SECRET`` and
``SLACK_API_URL`` pointing at the fake, so ``channels.slack.SlackInput`` is enabled exactly as in
production. Needs a trained model (``make train``; ``make test`` trains first).
"""

from __future__ import annotations

import itertools
import json
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message
from typing import Any, Dict, List, Optional, Tuple

import pytest
from rasa.core.channels.console import CmdlineInput
from rasa.core.run import create_http_input_channels

from channels import slack as slack_channel
from runtime.stack import PROJECT, running_stack
from tests.fake_slack import FakeSlackAPI, signed_headers

pytestmark = pytest.mark.slack

TOKEN = f"xoxb-test-{secrets.token_hex(8)}"
SECRET = secrets.token_hex(16)
BOT_USER = "UCAREERBOT"
#: Where Slack would download the charts from (the fake Slack never does).
PUBLIC_URL = "https://careers.example.org"
_ids = itertools.count(1)


# --- helpers -----------------------------------------------------------------------------------
def event_body(text: str, user: str, channel: str, kind: str = "im",
               event_id: Optional[str] = None, **extra: Any) -> Dict[str, Any]:
    """An Events API ``event_callback`` body: a DM (``kind="im"``) or an ``app_mention``."""
    number = next(_ids)
    event: Dict[str, Any] = {"type": "message", "channel_type": "im"} if kind == "im" else {
        "type": "app_mention"}
    event.update(user=user, channel=channel, text=text, ts=f"{time.time():.6f}",
                 event_ts=f"{time.time():.6f}", **extra)
    return {
        "token": "deprecated-verification-token",
        "team_id": "TTEST",
        "api_app_id": "ATEST",
        "type": "event_callback",
        "event_id": event_id or f"Ev{number:08d}",
        "event_time": int(time.time()),
        "authorizations": [{"user_id": BOT_USER, "is_bot": True, "team_id": "TTEST"}],
        "event": event,
    }


def post(url: str, body: bytes, headers: Dict[str, str]) -> Tuple[int, Message, str]:
    """POST ``body``; return the status, the response headers (case-insensitive) and text."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8")


def send_event(stack, body: Dict[str, Any], secret: str = SECRET,
               timestamp: Optional[int] = None,
               extra_headers: Optional[Dict[str, str]] = None) -> Tuple[int, Message, str]:
    """Sign ``body`` (JSON) as Slack would and post it to the Slack webhook."""
    raw = json.dumps(body).encode("utf-8")
    headers = signed_headers(secret, raw, timestamp=timestamp)
    headers.update(extra_headers or {})
    return post(f"{stack.rasa_url}/webhooks/slack/webhook", raw, headers)


def click(stack, user: str, channel: str, value: str) -> Tuple[int, Message, str]:
    """Post a signed ``block_actions`` payload: ``user`` clicked a button whose value is ``value``."""
    payload = {
        "type": "block_actions",
        "user": {"id": user},
        "channel": {"id": channel},
        "message": {"ts": f"{time.time():.6f}"},
        "actions": [{"type": "button", "action_id": "careerbot_button_0", "value": value}],
    }
    raw = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode("utf-8")
    headers = signed_headers(SECRET, raw, content_type="application/x-www-form-urlencoded")
    return post(f"{stack.rasa_url}/webhooks/slack/webhook", raw, headers)


def answered(channel: str, heading: str):
    """A predicate for :meth:`FakeSlackAPI.wait_for`: a post to ``channel`` contains ``heading``."""
    return lambda posts: any(p.args.get("channel") == channel and heading in p.args.get("text", "")
                             for p in posts)


def buttons_of(call) -> Dict[str, str]:
    """Button title → value of a posted message's ``actions`` blocks."""
    return {e["text"]["text"]: e["value"] for block in call.args.get("blocks", [])
            if block["type"] == "actions" for e in block["elements"]}


# --- fixtures ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def slack():
    with FakeSlackAPI(TOKEN) as fake:
        yield fake


@pytest.fixture(scope="module")
def stack(db_url, slack):
    env = {"SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": slack.api_url,
           "CAREERBOT_PUBLIC_URL": PUBLIC_URL}
    with running_stack(db_url=db_url, env=env) as running:
        yield running


# --- answers -----------------------------------------------------------------------------------
def test_direct_message_gets_a_slack_formatted_answer_in_its_channel(stack, slack, role_store):
    status, _, _ = send_event(stack, event_body("what tools does a data engineer use?",
                                                user="UDM1", channel="DDM1"))
    assert status == 200
    slack.wait_for(answered("DDM1", "Data Engineer — tools and software"))
    (call,) = slack.posts("DDM1")
    assert call.ok, call.answer  # right token, no legacy `as_user`
    text = call.args["text"]
    assert text.startswith("*Data Engineer — tools and software*\n")
    assert "**" not in text and "\n- " not in text and "\n• " in text
    for fact in role_store.topic_facts("Data Engineer", "tools").facts:
        assert fact.name in text
    assert "_Source: “Machine Learning Engineer vs. Data Engineer” (30 Oct 2024)_" in text
    section, actions = call.args["blocks"]
    assert section["type"] == "section" and section["text"]["type"] == "mrkdwn"
    assert section["text"]["text"] == text
    assert actions["type"] == "actions"
    assert list(buttons_of(call)) == ["Skills", "Industries", "Salary"]


def test_a_pay_answer_comes_with_its_chart_as_a_valid_image_block(stack, slack):
    """Issue 28: the text first, then the chart as a Block Kit image block whose URL is under the
    public address; the same path through the Rasa server gives the PNG."""
    from tests.test_charts import check_image_block

    send_event(stack, event_body("what does a registered nurse earn in Texas?", user="UPIC",
                                 channel="DPIC"))
    slack.wait_for(lambda posts: len([p for p in posts if p.args.get("channel") == "DPIC"]) >= 2)
    text, picture = slack.posts("DPIC")
    assert text.args["text"].startswith("*Registered Nurses — salary, Texas*")
    assert picture.ok, picture.answer
    (block,) = picture.args["blocks"]
    check_image_block(block)
    assert block["image_url"] == f"{PUBLIC_URL}/charts/pay/Registered%20Nurses/4800000.png"
    assert block["alt_text"].startswith("Pay range of Registered Nurses in Texas: 10th percentile")
    assert block["title"]["text"] == "Registered Nurses: pay in Texas"
    path = block["image_url"][len(PUBLIC_URL):]
    with urllib.request.urlopen(stack.rasa_url + path, timeout=30) as answer:
        assert answer.status == 200 and answer.headers["Content-Type"] == "image/png"
        assert answer.read().startswith(b"\x89PNG")


def test_clicking_a_button_answers_the_follow_up(stack, slack, role_store):
    send_event(stack, event_body("what tools does a data engineer use?", user="UBTN", channel="DBTN"))
    slack.wait_for(answered("DBTN", "Data Engineer — tools and software"))
    value = buttons_of(slack.posts("DBTN")[0])["Skills"]
    status, _, _ = click(stack, user="UBTN", channel="DBTN", value=value)
    assert status == 200
    slack.wait_for(answered("DBTN", "Data Engineer — skills"))
    follow_up = slack.posts("DBTN")[-1].args["text"]
    assert follow_up.startswith("*Data Engineer — skills*")
    assert role_store.topic_facts("Data Engineer", "skills").facts[0].name in follow_up


def test_a_mention_in_a_channel_is_answered_in_that_channel(stack, slack):
    body = event_body(f"<@{BOT_USER}> what skills does a data scientist need?",
                      user="UMENTION", channel="CGENERAL", kind="mention")
    assert send_event(stack, body)[0] == 200
    slack.wait_for(answered("CGENERAL", "Data Scientist — skills"))
    assert [p.args["channel"] for p in slack.posts() if p.args["text"].startswith(
        "*Data Scientist — skills*")] == ["CGENERAL"]


def test_url_verification_echoes_the_challenge_only_when_signed(stack):
    body = {"token": "x", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
            "type": "url_verification"}
    status, headers, text = send_event(stack, body)
    assert status == 200 and json.loads(text) == {"challenge": body["challenge"]}
    assert headers.get("Content-Type", "").startswith("application/json")
    assert send_event(stack, body, secret="not-the-secret")[0] == 400


# --- refusals: nothing reaches Slack -----------------------------------------------------------
def control_answer_only(stack, slack, channel: str, user: str) -> None:
    """Send a valid question to ``channel`` and check that its answer is the channel's only post.

    Messages of one conversation are handled in order, so once this answer is posted, anything
    a refused request had started would have been posted too.
    """
    send_event(stack, event_body("what is a data specialist?", user=user, channel=channel))
    slack.wait_for(answered(channel, "Data Specialist — what the role is"))
    posts = slack.posts(channel)
    assert [p.args["text"].split("\n")[0] for p in posts] == [
        "*Data Specialist — what the role is*"], [p.args["text"] for p in posts]


def test_a_wrong_signature_is_refused_and_nothing_is_posted(stack, slack):
    body = event_body("what tools does a data engineer use?", user="USIG", channel="DSIG")
    status, _, text = send_event(stack, body, secret="not-the-secret")
    assert status == 400 and "X-Slack-Signature" in text
    # a valid signature over a different body does not do either
    raw = json.dumps(body).encode("utf-8")
    headers = signed_headers(SECRET, raw + b" ")
    assert post(f"{stack.rasa_url}/webhooks/slack/webhook", raw, headers)[0] == 400
    unsigned = {"Content-Type": "application/json"}
    assert post(f"{stack.rasa_url}/webhooks/slack/webhook", raw, unsigned)[0] == 400
    control_answer_only(stack, slack, channel="DSIG", user="USIG")


# "ahead" needs a margin: the request takes time to arrive, which brings the timestamp closer.
@pytest.mark.parametrize("age", [301, 3600, -360], ids=["5min-old", "1h-old", "6min-ahead"])
def test_a_timestamp_more_than_five_minutes_off_is_refused(stack, slack, age):
    channel, user = f"DOLD{age}", f"UOLD{age}"
    body = event_body("what tools does a data engineer use?", user=user, channel=channel)
    status, _, _ = send_event(stack, body, timestamp=int(time.time()) - age)
    assert status == 400
    control_answer_only(stack, slack, channel=channel, user=user)


def test_messages_from_bots_are_not_answered(stack, slack):
    body = event_body("what tools does a data engineer use?", user="UBOTMSG", channel="DBOTMSG",
                      bot_id="BOTHER")
    assert send_event(stack, body)[0] == 200
    control_answer_only(stack, slack, channel="DBOTMSG", user="UBOTMSG")


@pytest.mark.parametrize("reason", ["http_timeout", "http_error", "connection_failed", None])
def test_a_retried_event_is_answered_once(stack, slack, reason):
    channel, user = f"DRETRY{reason}", f"URETRY{reason}"
    body = event_body("what skills does a data engineer need?", user=user, channel=channel)
    assert send_event(stack, body)[0] == 200
    slack.wait_for(answered(channel, "Data Engineer — skills"))
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": reason} if reason else {}
    status, headers, _ = send_event(stack, body, extra_headers=retry)  # signed again, new time
    assert status == 200 and headers.get("X-Slack-No-Retry") == "1"
    send_event(stack, event_body("what is a data specialist?", user=user, channel=channel))
    slack.wait_for(answered(channel, "Data Specialist — what the role is"))
    headings = [p.args["text"].split("\n")[0] for p in slack.posts(channel)]
    assert headings == ["*Data Engineer — skills*", "*Database Architects — skills*",
                        "*Data Specialist — what the role is*"]


# --- configuration and formatting (no server) --------------------------------------------------
def test_without_secrets_the_channel_is_disabled_and_rasa_shell_still_starts(monkeypatch):
    for name in (slack_channel.TOKEN_ENV, slack_channel.SIGNING_SECRET_ENV,
                 slack_channel.API_URL_ENV):
        monkeypatch.delenv(name, raising=False)
    credentials = str(PROJECT / "credentials.yml")
    channels = {c.name(): c for c in create_http_input_channels(None, credentials)}
    assert set(channels) == {"rest", "socketio", "slack"}
    assert isinstance(channels["slack"], slack_channel.DisabledSlackInput)
    assert channels["slack"].missing == ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"]
    # what `rasa shell` does with the same file
    (shell,) = create_http_input_channels("cmdline", credentials)
    assert isinstance(shell, CmdlineInput)

    monkeypatch.setenv(slack_channel.TOKEN_ENV, "xoxb-1")
    monkeypatch.setenv(slack_channel.SIGNING_SECRET_ENV, "secret")
    channels = {c.name(): c for c in create_http_input_channels(None, credentials)}
    enabled = channels["slack"]
    assert isinstance(enabled, slack_channel.SlackInput)
    assert enabled.api_url == "https://slack.com/api/"
    assert enabled.get_output_channel("D1").client.base_url == "https://slack.com/api/"
    monkeypatch.setenv(slack_channel.API_URL_ENV, "http://127.0.0.1:9/api/")
    enabled = slack_channel.SlackInput.from_credentials({})
    assert enabled.get_output_channel("D1").client.base_url == "http://127.0.0.1:9/api/"


def test_mrkdwn_is_escaped_and_buttons_become_blocks():
    assert slack_channel.escape_mrkdwn("R&D <b>*x*</b>") == "R&amp;D &lt;b&gt;*x*&lt;/b&gt;"
    buttons = [{"title": f"Role {i}", "payload": f"/inform_role{{\"role\": \"R{i}\"}}"}
               for i in range(7)]
    buttons.append({"title": "x" * 100, "payload": "/list_roles"})
    blocks = slack_channel.button_blocks("*Heading*\n• one", buttons)
    assert blocks[0] == {"type": "section", "text": {"type": "mrkdwn", "text": "*Heading*\n• one"}}
    (actions,) = blocks[1:]
    assert len(actions["elements"]) == 8  # Rasa's own connector drops them all beyond five
    assert actions["elements"][0]["value"] == '/inform_role{"role": "R0"}'
    assert len(actions["elements"][-1]["text"]["text"]) == slack_channel.BUTTON_TEXT_MAX
    with pytest.raises(ValueError):
        slack_channel.button_blocks("x", [{"title": "t", "payload": "p" * 2001}])


def test_long_text_is_split_into_sections_at_line_ends():
    lines = [f"• line {i} " + "x" * 90 for i in range(80)]
    pieces = slack_channel.split_text("\n".join(lines))
    assert len(pieces) > 1 and all(len(p) <= slack_channel.SECTION_TEXT_MAX for p in pieces)
    assert "\n".join(pieces) == "\n".join(lines)
    assert slack_channel.split_text("y" * 7000) == ["y" * 3000, "y" * 3000, "y" * 1000]


def test_recent_event_ids_are_remembered_for_a_while():
    now: List[float] = [0.0]
    seen = slack_channel.RecentIds(ttl=60, size=3, clock=lambda: now[0])
    assert seen.add("Ev1") and not seen.add("Ev1")
    now[0] = 61
    assert seen.add("Ev1")  # forgotten after the ttl
    assert seen.add("Ev2") and seen.add("Ev3") and seen.add("Ev4")
    assert seen.add("Ev1")  # the oldest is dropped beyond `size`
