# Front door of the project. Every target is idempotent and safe to re-run.
#   make chat     set everything up, then talk to the assistant in `rasa shell`
#   make test     set everything up, then run every test
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      := .venv
BIN       := $(VENV)/bin
PY        := $(BIN)/python
RASA      := $(BIN)/rasa
MODEL     := models/careerbot.tar.gz
SPACY_DIR := build/spacy_roles
ACTIONS_PORT ?= 5055

export TF_CPP_MIN_LOG_LEVEL := 2
export RASA_TELEMETRY_ENABLED := false
export PYTHONDONTWRITEBYTECODE := 1
# Third-party deprecation noise hides the answers in `rasa shell`; Rasa's own warnings stay on.
export PYTHONWARNINGS := ignore::DeprecationWarning

TRAIN_INPUTS := config.yml domain.yml $(shell find data/nlu data/rules data/stories -name '*.yml' 2>/dev/null)

.PHONY: help setup db train actions chat test validate eval bench clean

help:
	@echo "make chat     set up (venv, database, model) and open rasa shell"
	@echo "make test     set up and run every test"
	@echo "make eval     held-out NLU scores + conversations over REST (fails below the thresholds)"
	@echo "make bench    latency/throughput/start-up/memory/training vs a bare 'rasa init' bot"
	@echo "make setup | db | train | actions (action server in the foreground) | clean"

# --- set-up --------------------------------------------------------------------------------
$(VENV)/.installed: requirements.lock pyproject.toml scripts/find_python.sh
	@set -e; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then \
	  python310="$$(scripts/find_python.sh)"; \
	  echo "creating $(VENV) with $$python310"; \
	  rm -rf $(VENV); "$$python310" -m venv $(VENV); \
	fi
	$(PY) -m pip install --quiet --upgrade "pip<25"
	$(PY) -m pip install --quiet -r requirements.lock
	@touch $@

setup: $(VENV)/.installed

# --- role database + generated NLU knowledge of role names ---------------------------------
db: setup
	$(PY) -m actions.loader
	$(PY) -m nlu_build.build

# --- model: retrained only when data or config changed -------------------------------------
# `db` runs first and refreshes the generated inputs; the sub-make then compares timestamps.
train: db
	@$(MAKE) --no-print-directory $(MODEL)

$(MODEL): $(VENV)/.installed $(TRAIN_INPUTS) $(SPACY_DIR)/careerbot_inputs.sha256
	$(RASA) train --fixed-model-name careerbot --out models

# --- run -----------------------------------------------------------------------------------
actions: db
	$(RASA) run actions --actions actions --port $(ACTIONS_PORT)

chat: train
	@scripts/chat.sh $(MODEL) $(ACTIONS_PORT)

# --- tests ---------------------------------------------------------------------------------
validate: db
	$(RASA) data validate --fail-on-warnings

test: train validate
	$(PY) -m pytest
	scripts/test_stories.sh $(MODEL)

# --- quality and speed -----------------------------------------------------------------------
eval: train
	$(PY) scripts/evaluate.py

bench: train
	$(PY) scripts/bench.py

clean:
	rm -rf models build results roles.db .pytest_cache
