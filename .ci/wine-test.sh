#!/usr/bin/env bash
# Runs the Windows build (bin/clienttracker.exe) under Wine, as `make
# windows-test` does in CI: the sub-commands a shop owner uses, on books in
# %AppData% folders whose names have spaces and Armenian, Georgian and
# Cyrillic letters, the lock refusing a second window, a second launch
# bringing the open window forward instead, `quit` closing it, and the window's
# smoke run under Xvfb. Every step's output is checked; the first wrong
# result stops the run with a message that says which step and what came.
#
# Wine 8 (Debian 12) lacks ProcessPrng, which Go 1.26 programs call when they
# start: .ci/wine/bcryptprimitives.c provides it, built here into the
# throwaway Wine prefix only (never shipped beside the program).
#
#   .ci/wine-test.sh [bin/clienttracker.exe]
set -euo pipefail
cd "$(dirname "$0")/.."
EXE=${1:-bin/clienttracker.exe}
[ -f "$EXE" ] || { echo "wine-test: $EXE is missing; run 'make windows' first" >&2; exit 1; }

start=$(date +%s)
# One X server for the whole run, up before Wine starts: Wine's desktop
# process binds to the display it finds at its start, and the windows
# below (GLFW through Wine's X11 driver and Mesa's software OpenGL) need it.
for n in $(seq 90 120); do [ -e "/tmp/.X11-unix/X$n" ] || break; done
Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=":$n" LIBGL_ALWAYS_SOFTWARE=1
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.2; done
[ -e "/tmp/.X11-unix/X$n" ] || { echo "wine-test: Xvfb did not start" >&2; kill "$xvfb_pid"; exit 1; }

# shellcheck source=wine/prefix.sh
. .ci/wine/prefix.sh
stop_xvfb() { kill "$xvfb_pid" 2>/dev/null; }
cleanup_hooks+=(stop_xvfb)
step() { printf '\n== %s\n' "$*"; }

# The program is installed the way the installer puts it: its own folder.
progdir="$WINEPREFIX/drive_c/Program Files/Client Tracker"
mkdir -p "$progdir" && cp "$EXE" "$progdir/clienttracker.exe"
ct() { "$WINE" "C:\\Program Files\\Client Tracker\\clienttracker.exe" "$@"; }

# A book in a folder with spaces and letters from the owners' alphabets.
folder="Книга клиентов Անի ნინო"
mkdir -p "$appdata_unix/$folder"
book="$appdata_win\\$folder\\Магазин Ани.db"
book_unix="$appdata_unix/$folder/Магазин Ани.db"
cp testdata/wine/phone.vcf "$appdata_unix/$folder/контакты телефона.vcf"
cp testdata/wine/spreadsheet.csv "$appdata_unix/$folder/таблица клиентов.csv"

step "start at login: the Run key (gui/autostart's tests, under Wine)"
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go test -c -o "$work/autostart.test.exe" ./gui/autostart
# TestRunKey only: Wine 8 cannot remove a folder the way Go 1.26 asks
# (t.TempDir's clean-up fails), and the file methods run on Linux anyway.
out=$("$WINE" "$work/autostart.test.exe" -test.v -test.run 'TestRunKey$' 2>&1) || fail "autostart tests: $out"
expect "autostart" "^--- PASS: TestRunKey" "$out"

step "version"
out=$(ct --version 2>&1) || fail "--version: $out"
expect "--version" "^Client Tracker [0-9]+\.[0-9]+\.[0-9]+" "$out"

step "demo"
out=$(ct demo --db "$book" --clients 300 --seed 7 2>&1) || fail "demo: $out"
expect demo "with 300 sample clients" "$out"
[ -s "$book_unix" ] || fail "demo: no book at $book_unix"

step "import a phone's vCard"
out=$(ct import --db "$book" "$appdata_win\\$folder\\контакты телефона.vcf" 2>&1) || fail "import vCard: $out"
echo "$out"
expect "import vCard" "^imported 2, updated 0, skipped 0" "$out"

step "import a spreadsheet CSV"
out=$(ct import --db "$book" "$appdata_win\\$folder\\таблица клиентов.csv" 2>&1) || fail "import CSV: $out"
echo "$out"
expect "import CSV" "^imported 2, updated 0, skipped 0" "$out"

# The copy kept for undo is made beside the import and renamed over the
# last import's: undo puts the book back as it was before the CSV.
step "import --undo"
out=$(ct import --undo --db "$book" 2>&1) || fail "import --undo: $out"
echo "$out"
expect "import --undo" "^undid the import of таблица клиентов.csv .*2 new clients removed" "$out"
out=$(ct clients --db "$book" --search "Ольга Смирнова" --csv 2>&1) || fail "clients after undo: $out"
[ "$(grep -c . <<<"$out")" = 1 ] || fail "after import --undo the CSV's clients are still there: $out"
out=$(ct clients --db "$book" --search "ნინო ბერიძე" --csv 2>&1) || fail "clients after undo: $out"
expect "import --undo keeps the vCard's clients" "ნინო ბერიძე" "$out"
out=$(ct import --db "$book" "$appdata_win\\$folder\\таблица клиентов.csv" 2>&1) || fail "import CSV again: $out"
expect "import CSV again" "^imported 2, updated 0, skipped 0" "$out"

step "clients --search"
out=$(ct clients --db "$book" --search "Անահիտ Սարգսյան" --csv 2>&1) || fail "clients --search: $out"
echo "$out"
expect "clients --search (Armenian name)" "Անահիտ Սարգսյան" "$out"
[ "$(grep -c . <<<"$out")" = 2 ] || fail "clients --search Անահիտ Սարգսյան: expected the header and one client"
out=$(ct clients --db "$book" --search "599 12 34 56" --csv 2>&1) || fail "clients --search phone: $out"
expect "clients --search (phone)" "ნინო ბერიძე" "$out"
out=$(ct clients --db "$book" --search "Казань" --csv 2>&1) || fail "clients --search city: $out"
expect "clients --search (Cyrillic city)" "Ольга Смирнова" "$out"
id=$(ct clients --db "$book" --search "Ioana" --csv | sed -n '2s/,.*//p')
[ -n "$id" ] || fail "clients --search Ioana: no client id"

step "due"
out=$(ct due --db "$book" --csv 2>&1) || fail "due: $out"
expect due "^id,name,list,reasons,due,days_overdue" "$out"
expect due "^[0-9]+,[^,]*,(complaints|today)," "$out"
echo "$(( $(grep -c . <<<"$out") - 1 )) clients due"

step "log"
out=$(ct log --db "$book" --client "$id" --channel call --summary "Зашла за тканью; ზარი" 2>&1) || fail "log: $out"
expect log "^logged contact [0-9]+ with client $id at " "$out"
out=$(ct log --db "$book" --client 999999 --channel call 2>&1) && fail "log to a missing client succeeded: $out"
expect "log (missing client)" "there is no client 999999" "$out"

step "export"
out=$(ct export --db "$book" --out "$appdata_win\\$folder\\экспорт 2026" 2>&1) || fail "export: $out"
echo "$out"
exported="$appdata_unix/$folder/экспорт 2026/clients.csv"
[ -s "$exported" ] || fail "export: no $exported"
grep -q "Անահիտ Սարգսյան" "$exported" || fail "export: the imported client is not in clients.csv"
head -c3 "$exported" | od -An -tx1 | grep -q "ef bb bf" || fail "export: clients.csv has no UTF-8 byte order mark for Excel"
[ "$(grep -c 'Ольга Смирнова' "$exported")" = 1 ] || fail "export: Ольга Смирнова not exactly once in clients.csv"

step "backup"
out=$(ct backup --db "$book" --out "$appdata_win\\$folder\\копия Ани.db" 2>&1) || fail "backup: $out"
expect backup "^backed up .* to .*копия Ани.db" "$out"
out=$(ct backup --db "$book" --out "$appdata_win\\$folder\\копия Ани.db" 2>&1) && fail "backup over an existing file succeeded"
expect "backup (exists)" "already exists" "$out"

step "check"
out=$(ct check --db "$appdata_win\\$folder\\копия Ани.db" 2>&1) || fail "check: $out"
expect check "^ok" "$out"
printf 'not a book' >"$appdata_unix/$folder/не книга.db"
out=$(ct check --db "$appdata_win\\$folder\\не книга.db" 2>&1) && fail "check passed a file that is not a book"
expect "check (not a book)" "is not a Client Tracker database" "$out"

# lock_free BOOK: no program holds BOOK.lock open (the window holds it unshared,
# so cmd's `type` cannot open it while it does).
lock_free() { "$WINE" cmd /c type "$1.lock" >/dev/null 2>&1; }
# smoke NAME BOOK [ARGS...]: a check run of the window on BOOK (--smoke),
# its output in $out; fails unless it says "smoke: ok" and exits with 0.
# Now and then Wine 8 with Mesa's software OpenGL faults as such a program
# exits, after it has printed "smoke: ok" ("Unhandled page fault on execute
# access" to freed memory: one CI run in about ten, under the race tests'
# load, and none in 20 runs by hand, with and without load). A run that
# ends so runs once more, once the lock it held is free; a second fault
# fails the step.
smoke() {
  local name=$1 book=$2 try deadline
  shift 2
  for try in 1 2; do
    out=$(ct "$@" --smoke 2>&1) && return 0
    if [ "$try" = 2 ] || ! grep -q "^smoke: ok" <<<"$out" || ! grep -q "Unhandled page fault" <<<"$out"; then
      fail "$name: $out"
    fi
    printf '%s\n%s: Wine faulted as the program ended, after "smoke: ok"; once more\n' "$out" "$name"
    deadline=$(( $(date +%s) + 60 ))
    until lock_free "$book"; do
      [ "$(date +%s)" -lt "$deadline" ] || fail "$name: the book stayed locked after the fault"
      sleep 0.5
    done
  done
}

step "--smoke on the default book in %AppData%\\ClientTracker"
smoke "--smoke (default book)" "$appdata_win\\ClientTracker\\clients.db"
echo "$out"
expect "--smoke (default book)" "^smoke: ok" "$out"
[ -s "$appdata_unix/ClientTracker/clients.db" ] || fail "--smoke made no book at %AppData%\\ClientTracker\\clients.db"

step "--smoke on the sample book"
smoke "--smoke (sample book)" "$book" --db "$book"
echo "$out"
expect "--smoke (sample book)" "^smoke: ok" "$out"
expect "--smoke (window position)" "window position: read and set" "$out"
grep -q "systray icon" <<<"$out" && fail "--smoke: the tray icon could not be made"

step "the lock refuses a second window"
# The smoke run above has ended, but Wine may close its handles a moment
# later: a window started before that would rightly find the book open
# elsewhere and ask, never taking the lock this step waits for.
deadline=$(( $(date +%s) + 60 ))
until lock_free "$book"; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "the book stayed locked after the smoke run ended"
  sleep 0.5
done
ct --db "$book" >"$work/first.log" 2>&1 &
first=$!
# Waited for by the clock, not a count of tries: on a busy CI machine each
# try (a Wine cmd) takes seconds, and so can the window's start.
locked=""
deadline=$(( $(date +%s) + 180 ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  if ! lock_free "$book"; then locked=1; break; fi
  kill -0 "$first" 2>/dev/null || { cat "$work/first.log" >&2; fail "the first window ended"; }
  sleep 0.5
done
[ -n "$locked" ] || { cat "$work/first.log" >&2; fail "the first window never locked $book (its output is above)"; }
out=$(ct --db "$book" --smoke 2>&1) && fail "a second window opened a book another window edits: $out"
expect "lock" "is open in another Client Tracker window" "$out"
# The window (not a check run) keeps the app in the tray by default on
# Windows, and so starts it at login: the per-user Run value.
# It writes it once the window is built, a moment after taking the lock.
for _ in $(seq 60); do
  out=$("$WINE" reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Run' /v ClientTracker 2>&1) && break
  sleep 0.5
done
grep -q REG_SZ <<<"$out" || { cat "$work/first.log" >&2; fail "the window wrote no start-at-login Run value: $out"; }
expect "start at login" 'ClientTracker +REG_SZ +"C:\\Program Files\\Client Tracker\\clienttracker.exe" --background' "$out"
# Opened again the usual way (its shortcut, no --smoke) while the window
# has the book, as every day when the app starts at login into the tray:
# the new program brings that window forward and ends. Were it to ask
# whether to open the book read-only instead, it would wait for an answer
# until the timeout.
step "a second launch brings the open window forward"
out=$(timeout 90 "$WINE" "C:\\Program Files\\Client Tracker\\clienttracker.exe" --db "$book" 2>&1) ||
  fail "a second launch did not hand over to the open window (exit $?): $out"
kill -0 "$first" 2>/dev/null || fail "the open window ended when a second launch asked it forward"
# What the installer runs before it replaces the program: every window
# ends, and the command waits for that.
step "quit closes the window"
out=$(ct quit 2>&1) || fail "quit: $out"
expect "quit" "^closed 1 Client Tracker window$" "$out"
for _ in $(seq 60); do kill -0 "$first" 2>/dev/null || break; sleep 0.5; done
kill -0 "$first" 2>/dev/null && fail "the window still runs after quit said it closed"
wait "$first" 2>/dev/null || true
# With the first window gone, Windows closes its handle: the book opens.
smoke "the book stayed locked after its window ended" "$book" --db "$book"
expect "lock released" "^smoke: ok" "$out"

echo
echo "wine-test: all steps passed in $(( $(date +%s) - start )) s"
