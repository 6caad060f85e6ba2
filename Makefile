# The two commands: `make demo` (set up, start Elasticsearch, ingest the sample corpus, serve the
# portal) and `make test` (set up, then the whole test suite against the real server).
# Both are idempotent: a second run only does what is missing.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: demo test check lint translations-extract translations-update setup system-packages system-packages-test browser-deps translations es-start serve pdf-worker

demo: setup es-start
	$(BIN)/giai db upgrade
	@# Each account's password is printed once, when it is created (</dev/null: generate one).
	$(BIN)/giai users add admin@demo.example --role admin --exists-ok </dev/null
	$(BIN)/giai users add curator@demo.example --role curator --org fidh --exists-ok </dev/null
	$(BIN)/giai users add translator@demo.example --role translator --lang ru --lang fr --exists-ok </dev/null
	$(BIN)/giai ingest
	$(BIN)/giai serve

test: setup system-packages-test browser-deps es-start lint
	GIAI_TEST_DATABASE_URL="$$(scripts/start-postgres)" $(BIN)/pytest

# The quick tier (README, "Tests"): linters, the import contract, and the tests that need no server
# and take no seconds each (not server, browser nor slow), under a minute.
check: lint
	$(BIN)/pytest -q -m "not server and not browser and not slow" tests/unit

lint: $(INSTALLED)
	$(BIN)/ruff check
	$(BIN)/lint-imports --no-cache

setup: system-packages $(INSTALLED) translations pdf-worker

system-packages:
	scripts/install-system-packages

system-packages-test:
	scripts/install-system-packages test

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

# The JVM that reads the PDF pages pdfium gets wrong (ingest/extract/pdfbox.py), built with Maven on the
# JDK the local node uses.
PDF_WORKER_JAR := pdf-worker/target/giai-pdf-worker.jar
pdf-worker: $(PDF_WORKER_JAR)

$(PDF_WORKER_JAR): pdf-worker/pom.xml $(shell find pdf-worker/src -type f) | $(INSTALLED)
	cd pdf-worker && JAVA_HOME="$$(../$(BIN)/python -c 'from giai.java import find_java_home; print(find_java_home())')" \
		mvn -q -B package -DskipTests
	touch $@

browser-deps: node_modules/axe-core/axe.min.js

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

translations: $(INSTALLED)
	if compgen -G "translations/*/LC_MESSAGES/messages.po" >/dev/null; then $(BIN)/pybabel compile -d translations -D messages; fi

# Translators' workflow (README, "Adding a UI language"): extract the messages of the code and the
# templates with their TRANSLATORS: comments, then merge them into every language's catalog.
translations-extract: $(INSTALLED)
	$(BIN)/pybabel extract -F translations/babel.cfg -k _l --add-comments=TRANSLATORS: --sort-by-file \
		-o translations/messages.pot portal

translations-update: translations-extract
	$(BIN)/pybabel update -i translations/messages.pot -d translations -D messages

es-start: $(INSTALLED)
	$(BIN)/giai es start
