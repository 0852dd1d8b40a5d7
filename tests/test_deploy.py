"""The deployment files of ``deploy/`` use the same images, commands, ports, variable names and
configuration files as the layout tested here (``make serve REPLICAS=2``, tests/test_cluster.py).

No image can be pulled on this machine, so the files are checked by reading them: a change to
the local layout that the files do not follow fails here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Dict, List, Tuple

import pytest
import rasa_sdk
import yaml

from careerdata.store import DB_URL_ENV
from runtime.balancer import nginx_config
from runtime.cluster import rasa_run_args
from runtime.endpoints import endpoints_for
from runtime.health import HEALTH_PATH
from runtime.patches import TESTED_RASA_VERSION
from runtime.supervise import single_programs
from runtime.settings import (ACTION_TIMEOUT_ENV, API_TOKEN_ENV, MAX_MESSAGE_CHARS_ENV,
                              REDIS_URL_ENV, TRACKER_STORE_URL_ENV)

PROJECT = Path(__file__).resolve().parent.parent
DEPLOY = PROJECT / "deploy"
#: Made by `make` (never committed), copied into the images after `make train`.
BUILT = {"models/careerbot.tar.gz", "build/spacy_roles/", "roles.db",
         "web/node_modules/rasa-webchat/lib/"}
RASA_ARGS = rasa_run_args("models/careerbot.tar.gz", "endpoints.yml", "credentials.yml", 5005)
ACTIONS_ARGS = ["start", "--actions", "actions", "--port", "5055"]


def dockerfile(name: str) -> Dict:
    """FROM, ENTRYPOINT, CMD (JSON arrays), COPY pairs and pip pins of ``deploy/<name>``."""
    text = (DEPLOY / name).read_text()
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    parsed: Dict = {"copy": [], "pins": {}, "env": {}}
    for line in lines:
        word, _, rest = line.partition(" ")
        if word == "FROM":
            parsed["from"] = rest
        elif word in ("ENTRYPOINT", "CMD"):
            parsed[word.lower()] = json.loads(rest)
        elif word == "COPY":
            parsed["copy"].append(tuple(rest.split()))
        elif word == "RUN" and "pip install" in rest:
            parsed["pins"].update(re.findall(r"([A-Za-z][\w.-]*)==([\w.]+)", rest))
        elif word == "ENV":
            parsed["env"].update(re.findall(r"(\w+)=(\S+)", rest))
    return parsed


def locked() -> Dict[str, str]:
    pins = re.findall(r"^([A-Za-z][\w.-]*)==([\w.]+)", (PROJECT / "requirements.lock").read_text(),
                      re.M)
    return {name.lower(): version for name, version in pins}


def compose() -> Dict:
    return yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())


def helm(name: str) -> Dict:
    return yaml.safe_load((DEPLOY / "helm" / name).read_text())


@pytest.mark.parametrize("name", ["Dockerfile.rasa", "Dockerfile.actions"])
def test_dockerfiles_copy_only_files_that_exist_or_make_builds_and_pin_as_the_lock(name):
    parsed = dockerfile(name)
    for source, _ in parsed["copy"]:
        assert source in BUILT or (PROJECT / source).exists(), source
    lock = locked()
    for package, version in parsed["pins"].items():
        assert lock[package.lower()] == version, package


#: Distribution of each third-party module the project's code imports; the base images bring
#: Rasa, rasa-sdk and what they depend on.
DISTRIBUTIONS = {"rapidfuzz": "RapidFuzz", "spellchecker": "pyspellchecker", "yaml": "PyYAML",
                 "sqlalchemy": "SQLAlchemy", "pydantic": "pydantic",
                 "lingua": "lingua-language-detector", "jsonschema": "jsonschema",
                 "supervisor": "supervisor", "matplotlib": "matplotlib",
                 "snowballstemmer": "snowballstemmer"}
IN_BASE_IMAGES = {"rasa_sdk", "sanic", "pluggy"}
#: What the rasa image brings besides (Rasa's own dependencies).
IN_RASA_IMAGE = {"rasa", "spacy", "numpy", "scipy", "sklearn", "redis", "aiohttp", "requests",
                 "socketio", "slack_sdk", "tensorflow", "psycopg2", "yaml", "sqlalchemy",
                 "pydantic", "sklearn_crfsuite"}
#: Imported only when a model is trained (wordfreq's lists: nlu_components/language_words.py);
#: the images run the model `make train` built.
ONLY_WHEN_TRAINING = {"msgpack"}


def third_party_imports(packages) -> set:
    """Top-level third-party modules imported anywhere in the project's ``packages``."""
    import ast
    import sys

    local = {path.name for path in PROJECT.iterdir() if path.is_dir()}
    found = set()
    for package in packages:
        for path in (PROJECT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                    names = [node.module]
                else:
                    continue
                found |= {name.split(".")[0] for name in names}
    return {name for name in found if name not in sys.stdlib_module_names and name not in local}


@pytest.mark.parametrize("name, packages", [
    ("Dockerfile.actions", ["actions", "careerdata", "rasa_sdk_plugins"]),
    ("Dockerfile.rasa", ["careerdata", "nlu_components", "channels", "runtime"]),
])
def test_each_image_installs_what_its_code_imports(name, packages):
    installed = {package.lower() for package in dockerfile(name)["pins"]}
    base = IN_BASE_IMAGES | (IN_RASA_IMAGE | ONLY_WHEN_TRAINING if name == "Dockerfile.rasa"
                             else set())
    for module in third_party_imports(packages) - base:
        assert module in DISTRIBUTIONS, f"{module}: which distribution? (DISTRIBUTIONS)"
        assert DISTRIBUTIONS[module].lower() in installed, (name, module)


def test_the_rasa_image_runs_the_tested_rasa_as_make_serve_does():
    parsed = dockerfile("Dockerfile.rasa")
    assert parsed["from"] == f"rasa/rasa:{TESTED_RASA_VERSION}"
    assert parsed["entrypoint"] == ["python", "-m", "runtime"]
    assert parsed["cmd"] == RASA_ARGS
    copied = dict(parsed["copy"])
    assert copied["deploy/endpoints.yml"] == "/app/endpoints.yml"
    assert copied["credentials.yml"] == "/app/credentials.yml"
    for package in ("careerdata/", "nlu_components/", "channels/", "runtime/"):
        assert package in copied


def test_the_actions_image_runs_the_installed_rasa_sdk_as_make_actions_does():
    parsed = dockerfile("Dockerfile.actions")
    assert parsed["from"] == f"rasa/rasa-sdk:{rasa_sdk.__version__}"
    assert parsed["cmd"] == ACTIONS_ARGS
    assert DB_URL_ENV in parsed["env"] and parsed["env"]["SANIC_HOST"] == "0.0.0.0"
    copied = dict(parsed["copy"])
    for package in ("careerdata/", "actions/", "rasa_sdk_plugins/"):  # start-up: the plugin
        assert package in copied
    makefile = (PROJECT / "Makefile").read_text()
    assert "ACTIONS_PORT ?= 5055" in makefile
    assert "run actions --actions actions --port $(ACTIONS_PORT)" in makefile


def test_container_endpoints_are_endpoints_yml_with_the_action_server_from_the_environment():
    container = yaml.safe_load((DEPLOY / "endpoints.yml").read_text())
    assert container == endpoints_for("${ACTION_SERVER_URL}")


def test_the_compose_file_has_the_tested_layout():
    services = compose()["services"]
    assert set(services) == {"postgres", "redis", "actions", "rasa-1", "rasa-2", "balancer",
                             "page"}
    for name in ("rasa-1", "rasa-2"):
        rasa = services[name]
        assert rasa["command"] == RASA_ARGS
        assert rasa["build"]["dockerfile"] == "deploy/Dockerfile.rasa"
        env = rasa["environment"]
        for variable in (TRACKER_STORE_URL_ENV, REDIS_URL_ENV, "ACTION_SERVER_URL",
                         ACTION_TIMEOUT_ENV, MAX_MESSAGE_CHARS_ENV):
            assert variable in env, variable
        assert env["ACTION_SERVER_URL"] == "http://actions:5055/webhook"
        assert env[TRACKER_STORE_URL_ENV].startswith("postgresql://rasa:${POSTGRES_PASSWORD")
        assert env[TRACKER_STORE_URL_ENV].endswith("@postgres:5432/rasa")
        assert env[REDIS_URL_ENV] == "redis://redis:6379/1"
        assert API_TOKEN_ENV not in env  # the HTTP API stays off
    assert services["actions"]["command"] == ACTIONS_ARGS
    assert services["balancer"]["ports"] == ["5005:5005"]
    assert services["page"]["ports"] == ["8080:8080"]


def test_the_compose_balancer_is_the_tested_nginx_configuration():
    balancer = compose()["services"]["balancer"]
    assert "./nginx.conf:/etc/nginx/careerbot.conf:ro" in balancer["volumes"]
    text = (DEPLOY / "nginx.conf").read_text()
    body = "".join(line + "\n" for line in text.splitlines()[3:])  # after the header comment
    assert body == nginx_config("0.0.0.0:5005", ["rasa-1:5005", "rasa-2:5005"], "/tmp")


def secrets(tree, path: Tuple[str, ...] = ()) -> List[Tuple[str, str]]:
    """(path, value) of every key that looks like a secret, anywhere in ``tree``."""
    found = []
    if isinstance(tree, dict):
        for key, value in tree.items():
            if re.search(r"password|secret|token", str(key), re.I) and isinstance(value, str):
                found.append(("/".join(path + (str(key),)), value))
            found += secrets(value, path + (str(key),))
    elif isinstance(tree, list):
        for item in tree:
            found += secrets(item, path)
    return found


def test_no_secret_is_written_in_the_deployment_files():
    for path, value in secrets(compose()):
        assert value == "" or value.startswith("${"), path
    for path, value in secrets(helm("rasa-values.yaml")):
        assert value == "", path
    for entry in helm("rasa-values.yaml")["extraEnv"]:
        if re.search(r"password|secret|token|_URL$", entry["name"], re.I) and \
                entry["name"] != "WEBCHAT_ALLOWED_ORIGINS":
            assert "secretKeyRef" in entry["valueFrom"], entry["name"]


def test_helm_values_run_the_same_commands_stores_and_channels():
    rasa = helm("rasa-values.yaml")
    assert rasa["command"] + rasa["args"] == ["python", "-m", "runtime"] + RASA_ARGS
    assert rasa["replicaCount"] == 2 and rasa["applicationSettings"]["port"] == 5005
    assert rasa["applicationSettings"]["enableAPI"] is False
    endpoints = yaml.safe_load((PROJECT / "endpoints.yml").read_text())
    stores = rasa["applicationSettings"]["endpoints"]
    assert stores["trackerStore"]["type"] == endpoints["tracker_store"]["type"]
    assert stores["lockStore"]["type"] == endpoints["lock_store"]["type"]
    credentials = yaml.safe_load((PROJECT / "credentials.yml").read_text())
    assert rasa["applicationSettings"]["credentials"]["additionalChannelCredentials"] == \
        credentials
    names = {entry["name"] for entry in rasa["extraEnv"]}
    assert {TRACKER_STORE_URL_ENV, REDIS_URL_ENV, ACTION_TIMEOUT_ENV} <= names
    assert rasa["image"]["name"] == compose()["services"]["rasa-1"]["image"]
    actions = helm("rasa-action-server-values.yaml")
    assert actions["args"] == ACTIONS_ARGS
    assert actions["applicationSettings"]["port"] == 5055
    assert actions["image"]["name"] == compose()["services"]["actions"]["image"]


def test_every_container_restarts_and_is_probed_at_the_urls_make_serve_waits_for():
    """Issue 29: restart policies and health checks as under ``make serve`` (supervisord
    restarts each server; runtime/supervise.py waits for the same URLs)."""
    services = compose()["services"]
    programs = {p.name: p.ready for p in single_programs("m", "e", 5005, 5055, 8080,
                                                         "127.0.0.1", "u")}
    for name, service in services.items():
        assert service.get("restart") == "unless-stopped", name
        assert service["healthcheck"]["test"][0] == "CMD", name
    for name in ("rasa-1", "rasa-2", "balancer"):
        test = " ".join(services[name]["healthcheck"]["test"])
        assert f"localhost:5005{HEALTH_PATH}" in test, name
    assert programs["rasa"].endswith(f":5005{HEALTH_PATH}")
    assert programs["actions"].endswith(":5055/health")
    assert "localhost:5055/health" in " ".join(services["actions"]["healthcheck"]["test"])
    for name, needs in [("rasa-1", {"postgres", "redis", "actions"}),
                        ("balancer", {"rasa-1", "rasa-2"}), ("page", {"balancer"})]:
        depends = services[name]["depends_on"]
        assert set(depends) == needs and all(
            d["condition"] == "service_healthy" for d in depends.values()), name
    for chart, path in [("rasa-values.yaml", HEALTH_PATH),
                        ("rasa-action-server-values.yaml", "/health")]:
        values = helm(chart)
        for probe in ("livenessProbe", "readinessProbe"):
            assert values[probe]["httpGet"]["path"] == path, (chart, probe)
            assert values[probe]["httpGet"]["port"] == "http", (chart, probe)
