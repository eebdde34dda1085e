# Client Tracker. `make run` opens the app on your default database;
# `make test` runs every check CI runs. Both install the Debian packages they
# need first (GL/X11 headers to build the window, Xvfb to run it headless).

# FTS5 (the client search) is compiled into go-sqlite3 only with this tag:
# every build and test must pass it.
TAGS      := sqlite_fts5
GO        ?= go
BIN       := bin/clienttracker
STATICCHECK_VERSION := v0.8.2
GOBIN     := $(shell $(GO) env GOPATH)/bin
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian packages: headers to build the GLFW window, Xvfb + Mesa to run it
# without a screen.
BUILD_PKGS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
              libxinerama-dev libxi-dev libxxf86vm-dev
RUN_PKGS   := xvfb xauth libgl1-mesa-dri

.PHONY: all run build deps test fmt-check vet staticcheck gotest smoke bench clean

all: build

## deps: install the Debian packages that are missing (no-op when all are there)
deps:
	@missing=""; for p in $(BUILD_PKGS) $(RUN_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if ! command -v apt-get >/dev/null; then \
	    echo "Please install:$$missing (Debian/Ubuntu package names)"; exit 1; fi; \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

## build: compile the app into bin/clienttracker
build: deps
	$(GO) build -tags $(TAGS) -o $(BIN) .

## run: open the app on the default database in your user folder
run: build
	./$(BIN)

## test: formatting, vet, staticcheck, race-enabled tests, and a smoke run of the real window under Xvfb
test: deps fmt-check vet staticcheck gotest smoke

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi; echo "gofmt: ok"

vet:
	$(GO) vet -tags $(TAGS) ./...

staticcheck:
	@[ -x $(GOBIN)/staticcheck ] && $(GOBIN)/staticcheck -version | grep -q "$(STATICCHECK_VERSION:v%=%)" || \
	  $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	$(GOBIN)/staticcheck -tags $(TAGS) ./...

gotest:
	$(GO) test -race -tags $(TAGS) ./...

# The smoke run uses the binary built once above against two fresh databases:
# an empty one (first-run screen) and one with sample clients.
SMOKE_DIR := $(or $(TMPDIR),/tmp)/clienttracker-smoke
smoke: build
	rm -rf $(SMOKE_DIR) && mkdir -p $(SMOKE_DIR)
	./$(BIN) demo --db $(SMOKE_DIR)/sample.db --clients 2000 --seed 7
	xvfb-run -a -s "-screen 0 1280x800x24" env LANG=en_US.UTF-8 LIBGL_ALWAYS_SOFTWARE=1 ./$(BIN) --db $(SMOKE_DIR)/empty.db --smoke
	xvfb-run -a -s "-screen 0 1280x800x24" env LANG=en_US.UTF-8 LIBGL_ALWAYS_SOFTWARE=1 ./$(BIN) --db $(SMOKE_DIR)/sample.db --smoke

## bench: the store benchmarks on a generated 100,000-client database
bench:
	$(GO) test -tags $(TAGS) -run XXX -bench . -benchtime 200x ./db/ ./model/

clean:
	rm -rf bin
