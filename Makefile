# Everything installs into .venv on first use, so a fresh clone needs only `make translate` / `make test`.
# The commands take their settings (languages, folders, policy…) from [tool.pipeline] in pyproject.toml.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PIPELINE := $(PY) -m pipeline
# A digest of pyproject.toml less [tool.pipeline]: editing the settings (adding a language) must not
# reinstall the environment, which needs the network.
INSTALL_DIGEST := import hashlib, json, tomllib; d = tomllib.load(open("pyproject.toml", "rb")); \
	d.get("tool", {}).pop("pipeline", None); print(hashlib.sha256(json.dumps(d, sort_keys=True).encode()).hexdigest())

.PHONY: install extract translate editions status check test bench clean models docs lint

install: $(STAMP)

$(STAMP): pyproject.toml
	@digest=$$($(PYTHON) -c '$(INSTALL_DIGEST)') || exit 1; \
	if [ -f $(STAMP) ] && [ "$$(cat $(STAMP))" = "$$digest" ]; then touch $(STAMP); else \
		set -x; $(PYTHON) -m venv $(VENV) && $(PY) -m pip install --quiet --upgrade pip && \
		$(PY) -m pip install --quiet -e '.[test,docs,lint,cluster]' && echo "$$digest" > $(STAMP); fi

extract: $(STAMP)
	$(PIPELINE) extract

translate: $(STAMP)
	$(PIPELINE) translate

editions: $(STAMP)
	$(PIPELINE) build

status: $(STAMP)
	$(PIPELINE) status

check: $(STAMP)
	$(PIPELINE) check

test: $(STAMP)
	$(PY) -m pytest

# The documentation site (docs/ → site/), strict: a broken link, anchor or page left out fails.
docs: $(STAMP)
	$(PY) -m mkdocs build --strict

# Lint and format checks (settings in pyproject.toml), and the type checker on the package.
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy pipeline

bench: $(STAMP)
	for script in bench/*.py; do $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) editions site .pytest_cache .hypothesis

# Argos Translate packages: `make models FILES="translate-de_en-1_9.argosmodel translate-en_fr-1_9.argosmodel"`
# installs downloaded files; without FILES, the missing packages are downloaded from the Argos index.
models: $(STAMP)
	$(PIPELINE) models install $(if $(FILES),$(FILES),--from-index)
