# The two commands: `make run` (the whole system on SQLite with a demo county) and `make test`.
VENV := .venv
BIN := $(VENV)/bin
export PYTHONPATH := services
# The gateway's shared rate-limit store is tested against this Redis (unset: those tests skip).
export FUMIN_TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: run test prerequisites lint typecheck pytest smoke migrate demo clean deploy-check

# The demo's clock (services/kit/clock.py), for trying a month end or a deadline:
# `make run FUMIN_CLOCK=2026-11-30T23:30:00+08:00` stops the services' "now" there, `+3d` moves it;
# unset, the wall clock. A service's own FUMIN_<SERVICE>_CLOCK, if set, wins.
run demo: export FUMIN_REGISTRY_CLOCK ?= $(FUMIN_CLOCK)
run demo: export FUMIN_ASSISTANCE_CLOCK ?= $(FUMIN_CLOCK)
run demo: export FUMIN_INDICATORS_CLOCK ?= $(FUMIN_CLOCK)

$(VENV)/.installed: requirements.txt requirements-dev.txt constraints.txt
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	touch $@

migrate: $(VENV)/.installed
	$(BIN)/python -m registry migrate
	$(BIN)/python -m assistance migrate
	$(BIN)/python -m indicators migrate

# Assistance's demo year is made for the registry's households, which it reads from the
# registry's feed (services never share a database): the registry runs for as long as that takes.
demo: migrate
	$(BIN)/python -m registry seed-demo
	@FUMIN_REGISTRY_LOG_LEVEL=WARNING $(BIN)/uvicorn --app-dir services \
	  --factory registry.app:create_app --host 127.0.0.1 --port 8001 --log-level warning & \
	  registry=$$!; \
	  $(BIN)/python -m assistance seed-demo --wait 60; status=$$?; \
	  kill $$registry; wait $$registry; exit $$status

run: demo frontend
	$(BIN)/honcho start -f Procfile

lint: $(VENV)/.installed
	$(BIN)/ruff format --check services tests bench
	$(BIN)/ruff check services tests bench
	$(BIN)/lint-imports

typecheck: $(VENV)/.installed
	$(BIN)/mypy services tests bench

# The browser tests run last, in frontend-test, once the app is built.
pytest: $(VENV)/.installed
	$(BIN)/pytest -q --ignore=tests/test_web_e2e.py

smoke: $(VENV)/.installed
	FUMIN_TEST_STORE=sqlite $(BIN)/pytest -q -m smoke

# docker-compose config, the kustomize overlay against the Kubernetes and CloudNativePG schemas
# (tests/test_deploy.py; needs docker-compose and kubectl, which make test sees to first).
deploy-check: $(VENV)/.installed
	$(BIN)/pytest -q tests/test_deploy.py

# What the checks need on this machine first: Debian's packages installed when missing,
# PostgreSQL started when down, or one line naming what is missing and how to get it.
prerequisites:
	@bash scripts/prerequisites.sh

test: prerequisites lint typecheck pytest smoke deploy-check frontend-test

# The web app (frontend/, docs/frontend.md). Built when dist is missing or older than its sources:
# npm ci from the lock, the typed client generated from the services' OpenAPI, vite build.
FRONTEND_SOURCES := $(shell find frontend/src frontend/public frontend/sw -type f 2>/dev/null) \
	frontend/index.html frontend/vite.config.ts frontend/package.json
PYTHON_ABS := $(abspath $(BIN)/python)

.PHONY: frontend frontend-generate frontend-test frontend-e2e frontend-screenshots

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

frontend-generate: $(VENV)/.installed frontend/node_modules/.installed
	cd frontend && PYTHON=$(PYTHON_ABS) npm run generate

frontend/dist/index.html: $(VENV)/.installed frontend/node_modules/.installed $(FRONTEND_SOURCES)
	cd frontend && PYTHON=$(PYTHON_ABS) npm run generate && npm run build

frontend: frontend/dist/index.html

# ESLint, Prettier, tsc, Vitest, the build with its bundle-size check, then Chromium against the real services.
frontend-test: frontend-generate
	cd frontend && npm run lint && npm run format:check && npm run typecheck && npm test && npm run build
	FUMIN_E2E=1 $(BIN)/pytest -q tests/test_web_e2e.py

frontend-e2e: $(VENV)/.installed frontend
	FUMIN_E2E=1 $(BIN)/pytest -q tests/test_web_e2e.py

frontend-screenshots: $(VENV)/.installed frontend
	FUMIN_E2E=1 E2E_SCREENSHOTS=$(CURDIR)/docs/screenshots $(BIN)/pytest -q tests/test_web_e2e.py

clean:
	rm -rf data
