# The two commands: `make run` and `make test`. See README.md.
.PHONY: run test build build-test web bench lint format format-check clean help

PORT ?= 8080
DATA ?= var
DB ?= sqlite:$(DATA)/baken.db
SHARED ?= $(abspath ../shared)
JOBS ?= 2
CTEST_ARGS ?=

help:
	@echo "make run    install what is missing, build, load Groningen, serve on http://127.0.0.1:$(PORT)"
	@echo "make test   install what is missing, build (ASan+UBSan), run every test (also the browser tests)"
	@echo "make web    build the web UI into web/dist (npm ci && npm run build)"
	@echo "make bench  build release and run the benchmarks in bench/"

build:
	scripts/install-deps
	cmake --preset release -DBAKEN_SHARED_DIR=$(SHARED) -DBAKEN_BUILD_TESTS=OFF -DBAKEN_BUILD_FUZZERS=OFF -DBAKEN_BUILD_BENCHMARKS=OFF >/dev/null
	cmake --build --preset release -j $(JOBS)

# The web UI: a clean install from package-lock.json, then the type check and the Vite build into
# web/dist (served by `baken serve`). Quiet unless something goes wrong.
# Vite 8 needs Node.js 20.19 or later; Debian 12's own nodejs (18) is too old, so say so in Dutch
# before npm fails with something obscure.
NODE_MIN := 20.19
web:
	@command -v node >/dev/null && command -v npm >/dev/null || { echo "Node.js ontbreekt: installeer Node.js $(NODE_MIN) of nieuwer met npm (zie scripts/install-deps)." >&2; exit 1; }
	@v=$$(node --version | sed 's/^v//'); maj=$${v%%.*}; rest=$${v#*.}; min=$${rest%%.*}; \
	  if [ "$$maj" -lt 20 ] || { [ "$$maj" -eq 20 ] && [ "$$min" -lt 19 ]; }; then \
	    echo "Node.js $$v is te oud voor de webinterface (Vite 8): nodig is $(NODE_MIN) of nieuwer." >&2; \
	    echo "Debian 12 levert zelf Node.js 18; installeer Node.js 20 of 22 (NodeSource of nodejs.org) en probeer opnieuw." >&2; \
	    exit 1; \
	  fi
	cd web && npm ci --no-audit --no-fund --loglevel=error >/dev/null && npm run --silent build

run: build web
	@mkdir -p $(DATA)
	scripts/demo-setup build/release/baken "$(DB)" "$(SHARED)" "$(DATA)/secrets"
	build/release/baken serve --db "$(DB)" --secrets "$(DATA)/secrets" --listen 127.0.0.1:$(PORT) \
	  --bijlagen "$(DATA)/bijlagen" --classificatiemodel "$(DATA)/classificatie.bin"

build-test:
	scripts/install-deps --test
	cmake --preset debug -DBAKEN_SHARED_DIR=$(SHARED) >/dev/null
	cmake --build --preset debug -j $(JOBS)

test: build-test web
	cd build/debug && ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)

# clang-tidy over src/ (scripts/clang-tidy-check) after a debug build; not yet part of `make test`.
lint: build-test
	scripts/clang-tidy-check build/debug

bench:
	scripts/install-deps --test
	cmake --preset release -DBAKEN_SHARED_DIR=$(SHARED) -DBAKEN_BUILD_TESTS=OFF -DBAKEN_BUILD_FUZZERS=OFF -DBAKEN_BUILD_BENCHMARKS=ON >/dev/null
	cmake --build --preset release -j $(JOBS)
	scripts/run-benchmarks build/release

format:
	git ls-files '*.cc' '*.h' | xargs clang-format -i

format-check:
	scripts/check-format

clean:
	rm -rf build
