# Client Tracker. `make run` opens the app on your default database;
# `make test` runs every check CI runs. Both install the Debian packages they
# need first (GL/X11 headers to build the window, Xvfb to run it headless).

# Build tags, which every build and test must pass. sqlite_fts5: FTS5 (the
# client search) is compiled into go-sqlite3 only with it. no_emoji: Fyne
# leaves out its 4 MB emoji font, which it parsed once per text style at
# start (about 10 MB of the idle window); emoji come from the system's emoji
# font instead (Segoe UI Emoji on Windows, Apple Color Emoji on macOS).
TAGS      := sqlite_fts5,no_emoji
GO        ?= go
BIN       := bin/clienttracker
STATICCHECK_VERSION := v0.8.2
GOBIN     := $(shell $(GO) env GOPATH)/bin
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian packages: headers to build the GLFW window, Xvfb + Mesa to run it
# without a screen, and the sqlite3 shell that a test reads a book with (an
# older SQLite than the app's, as other tools on the owner's computer are),
# and an emoji font for the emoji in names and notes (see no_emoji above).
BUILD_PKGS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
              libxinerama-dev libxi-dev libxxf86vm-dev
RUN_PKGS   := xvfb xauth libgl1-mesa-dri sqlite3 fonts-noto-color-emoji

.PHONY: all run build deps test checks fmt-check vet staticcheck gotest smoke bench clean windows \
        windows-checks windows-deps windows-test windows-installer windows-installer-test

all: build

# apt_install installs those of the Debian packages $(1) that are missing
# (a no-op when all are there), or names them where there is no apt-get.
define apt_install
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if ! command -v apt-get >/dev/null; then \
	    echo "Please install:$$missing (Debian/Ubuntu package names)"; exit 1; fi; \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

## deps: install the Debian packages that are missing (no-op when all are there)
deps:
	$(call apt_install,$(BUILD_PKGS) $(RUN_PKGS))

## build: compile the app into bin/clienttracker
build: deps
	$(GO) build -tags $(TAGS) -o $(BIN) .

## run: open the app on the default database in your user folder
run: build
	./$(BIN)

## test: formatting, vet, staticcheck, race-enabled tests, a smoke run of the real window under Xvfb, and the Windows build run under Wine and installed with its installer
# The Windows line of work runs beside the other checks: cold, its build is
# mostly one single-threaded C compile (go-gl's bindings, about 7 minutes)
# and its Wine runs mostly wait on Wine, so on two cores the two lines take
# about as long as the longer one.
test: deps
	$(MAKE) --no-print-directory -j2 windows-checks checks

# The Windows program built once, then run under Wine and installed; one
# after the other, so the two Wine prefixes do not compete for the core.
windows-checks:
	$(MAKE) --no-print-directory -j1 windows windows-test windows-installer-test

checks:
	$(MAKE) --no-print-directory -j1 fmt-check vet staticcheck gotest smoke

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi; echo "gofmt: ok"

vet:
	$(GO) vet -tags $(TAGS) ./...

staticcheck:
	@[ -x $(GOBIN)/staticcheck ] && $(GOBIN)/staticcheck -version | grep -q "$(STATICCHECK_VERSION:v%=%)" || \
	  $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	$(GOBIN)/staticcheck -tags $(TAGS) ./...

# The GUI package's race run takes about 8 of go test's default 10 minutes
# on two cores (the layout check renders every view in five languages).
gotest:
	$(GO) test -race -timeout 20m -tags $(TAGS) ./...

# The smoke run uses the binary built once above against two fresh databases:
# an empty one (first-run screen) and one with sample clients.
SMOKE_DIR := $(or $(TMPDIR),/tmp)/clienttracker-smoke
smoke: build
	rm -rf $(SMOKE_DIR) && mkdir -p $(SMOKE_DIR)
	./$(BIN) demo --db $(SMOKE_DIR)/sample.db --clients 2000 --seed 7
	xvfb-run -a -s "-screen 0 1280x800x24" env LANG=en_US.UTF-8 LIBGL_ALWAYS_SOFTWARE=1 ./$(BIN) --db $(SMOKE_DIR)/empty.db --smoke
	xvfb-run -a -s "-screen 0 1280x800x24" env LANG=en_US.UTF-8 LIBGL_ALWAYS_SOFTWARE=1 ./$(BIN) --db $(SMOKE_DIR)/sample.db --smoke

# Windows: cross-compiled from Linux with MinGW. -H=windowsgui makes it a GUI
# program, so double-clicking it opens no console window (the CLI sub-commands
# attach to the console they are run from, see console_windows.go). assets/windows.rc adds
# the icon and the version from FyneApp.toml through a .syso (ignored by git;
# `fyne package -os windows` makes its own). The .syso is written under a
# temporary name and renamed, and stays: the checks that run beside this
# build list the package's files, and a file vanishing under them fails
# them. Builds for other systems leave a *_windows_amd64.syso out.
WIN_BIN     := bin/clienttracker.exe
WIN_CC      := x86_64-w64-mingw32-gcc
WIN_WINDRES := x86_64-w64-mingw32-windres
WIN_PKGS    := gcc-mingw-w64-x86-64 file
# To run it and build its installer here: Wine (64-bit only: the program is;
# no i386 architecture needed), NSIS, and Xvfb for the window.
WINE_PKGS   := wine64 nsis xvfb xauth libgl1-mesa-dri
WIN_APP_VERSION = $(shell sed -n 's/^ *Version *= *"\([0-9.]*\)".*/\1/p' FyneApp.toml)
WIN_SETUP    = bin/ClientTracker-$(WIN_APP_VERSION)-setup.exe
WIN_SYSO    := rsrc_windows_amd64.syso
WIN_VERSION  = $(shell sed -n 's/^ *Version *= *"\([0-9.]*\)".*/\1/p' FyneApp.toml).$(shell sed -n 's/^ *Build *= *\([0-9]*\).*/\1/p' FyneApp.toml)
comma       := ,

## windows: cross-compile bin/clienttracker.exe (64-bit Windows GUI program) and check what it is
windows:
	@command -v $(WIN_CC) >/dev/null && command -v file >/dev/null || { \
	  if ! command -v apt-get >/dev/null; then \
	    echo "Please install $(WIN_PKGS) (Debian/Ubuntu package names)"; exit 1; fi; \
	  echo "Installing: $(WIN_PKGS)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(WIN_PKGS) >/dev/null; }
	$(WIN_WINDRES) -O coff -I assets -DVERSION_DOTTED=$(WIN_VERSION) \
	  -DVERSION_COMMAS=$(subst .,$(comma),$(WIN_VERSION)) -i assets/windows.rc -o $(WIN_SYSO).tmp
	mv -f $(WIN_SYSO).tmp $(WIN_SYSO)
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=$(WIN_CC) \
	  $(GO) build -tags $(TAGS) -ldflags "-H=windowsgui" -o $(WIN_BIN) .
	@out=$$(file $(WIN_BIN)); echo "$$out"; \
	echo "$$out" | grep -Eq 'PE32\+ executable.*\(GUI\).*x86-64' || \
	  { echo "$(WIN_BIN) is not a 64-bit Windows GUI executable"; exit 1; }

windows-deps:
	$(call apt_install,$(WIN_PKGS) $(WINE_PKGS))

## windows-test: run bin/clienttracker.exe under Wine: the commands, the lock, non-Latin paths, the window under Xvfb
windows-test: windows windows-deps
	.ci/wine-test.sh $(WIN_BIN)

## windows-installer: build the per-user Windows installer with NSIS (bin/ClientTracker-VERSION-setup.exe)
windows-installer: windows
	@command -v makensis >/dev/null || $(MAKE) --no-print-directory windows-deps
	makensis -V2 -DVERSION=$(WIN_APP_VERSION) -DFILEVERSION=$(WIN_VERSION) \
	  -DEXE=$(CURDIR)/$(WIN_BIN) -DOUTFILE=$(CURDIR)/$(WIN_SETUP) assets/installer.nsi

## windows-installer-test: install and uninstall it silently under Wine, checking files, shortcuts and registry
windows-installer-test: windows-installer windows-deps
	.ci/installer-test.sh $(WIN_SETUP) $(WIN_APP_VERSION)

## bench: the store benchmarks on a generated 100,000-client database
bench:
	$(GO) test -tags $(TAGS) -run XXX -bench . -benchtime 200x ./db/ ./model/

clean:
	rm -rf bin
