# The two commands: `make run` (the whole system on SQLite with a demo county) and `make test`.
VENV := .venv
BIN := $(VENV)/bin
export PYTHONPATH := services

.PHONY: run test lint typecheck pytest smoke migrate demo clean

$(VENV)/.installed: requirements.txt requirements-dev.txt constraints.txt
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	touch $@

migrate: $(VENV)/.installed
	$(BIN)/python -m registry migrate
	$(BIN)/python -m assistance migrate
	$(BIN)/python -m indicators migrate

demo: migrate
	$(BIN)/python -m registry seed-demo

run: demo
	$(BIN)/honcho start -f Procfile

lint: $(VENV)/.installed
	$(BIN)/ruff format --check services tests bench
	$(BIN)/ruff check services tests bench
	$(BIN)/lint-imports

typecheck: $(VENV)/.installed
	$(BIN)/mypy services tests bench

pytest: $(VENV)/.installed
	$(BIN)/pytest -q

smoke: $(VENV)/.installed
	FUMIN_TEST_STORE=sqlite $(BIN)/pytest -q -m smoke

test: lint typecheck pytest smoke

clean:
	rm -rf data
