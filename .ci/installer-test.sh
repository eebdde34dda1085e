#!/usr/bin/env bash
# Installs and uninstalls the Windows installer silently under Wine, as
# `make windows-installer-test` does in CI, and checks what a person would
# see: the program, its shortcuts and its Settings > Apps entry appear; the
# program runs from where it was installed; uninstalling removes all of
# that but keeps the owner's books and backups, unless /DELETEDATA asks.
#
#   .ci/installer-test.sh bin/ClientTracker-VERSION-setup.exe VERSION
set -euo pipefail
cd "$(dirname "$0")/.."
SETUP=${1:?usage: installer-test.sh SETUP.exe VERSION}
VERSION=${2:?usage: installer-test.sh SETUP.exe VERSION}
[ -f "$SETUP" ] || { echo "installer-test: $SETUP is missing; run 'make windows-installer' first" >&2; exit 1; }

# shellcheck source=wine/prefix.sh
. .ci/wine/prefix.sh
cp "$SETUP" "$work/setup.exe"
instdir="$localappdata_unix/Programs/ClientTracker"
menu="$appdata_unix/Microsoft/Windows/Start Menu/Programs/Client Tracker.lnk"
desktop="$desktop_unix/Client Tracker.lnk"
key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\ClientTracker'
run_key='HKCU\Software\Microsoft\Windows\CurrentVersion\Run'

install() {
  "$WINE" "$work/setup.exe" /S || fail "the installer exited with $?"
  "$WINESERVER" -w
}
# uninstall [ARGS]: the uninstaller copies itself out of the folder it
# removes and runs from there; wineserver -w waits for that copy.
uninstall() {
  "$WINE" "C:\\users\\$user\\AppData\\Local\\Programs\\ClientTracker\\uninstall.exe" /S "$@" ||
    fail "the uninstaller exited with $?"
  "$WINESERVER" -w
}
# gone PATH: true once PATH is no more, waiting up to 15 s: on a busy
# machine Wine can still be deleting the folder the uninstaller removed
# when wineserver -w returns. Says what is left if it stays.
gone() {
  for _ in $(seq 30); do
    [ -e "$1" ] || return 0
    sleep 0.5
  done
  echo "left in $1: $(ls -A "$1" 2>&1 | tr '\n' ' ')" >&2
  return 1
}
# reg writes CRLF line ends; pipefail keeps its exit status.
reg_query() { "$WINE" reg query "$@" 2>&1 | tr -d '\r'; }

echo "== install (per user, silent)"
install
[ -f "$instdir/clienttracker.exe" ] || fail "no clienttracker.exe in $instdir"
[ -f "$instdir/uninstall.exe" ] || fail "no uninstall.exe in $instdir"
[ -f "$menu" ] || fail "no Start-menu shortcut at $menu"
[ -f "$desktop" ] || fail "no desktop shortcut at $desktop"
out=$(reg_query "$key") || fail "no Apps & features entry: $out"
echo "$out"
expect "DisplayName" "DisplayName +REG_SZ +Client Tracker$" "$out"
expect "DisplayVersion" "DisplayVersion +REG_SZ +$VERSION$" "$out"
expect "DisplayIcon" 'DisplayIcon +REG_SZ +C:\\users\\.*\\AppData\\Local\\Programs\\ClientTracker\\clienttracker.exe,0' "$out"
expect "Publisher" "Publisher +REG_SZ +." "$out"
expect "UninstallString" 'UninstallString +REG_SZ +"C:\\.*\\uninstall.exe"' "$out"
# Per user: nothing under HKLM, nothing in Program Files.
reg_query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\ClientTracker' >/dev/null &&
  fail "the installer wrote to HKLM (needs administrator)"
[ ! -e "$WINEPREFIX/drive_c/Program Files/ClientTracker" ] || fail "the installer wrote to Program Files"

echo "== an update installs over the program"
# The installer first asks any window to close (the quit command; none
# runs here, the window's side is in wine-test.sh), then replaces it.
install
[ -f "$instdir/clienttracker.exe" ] || fail "the update left no clienttracker.exe"
out=$(reg_query "$key") || fail "the update left no Apps & features entry: $out"
expect "DisplayVersion (update)" "DisplayVersion +REG_SZ +$VERSION$" "$out"

echo "== the installed program runs"
out=$("$WINE" "C:\\users\\$user\\AppData\\Local\\Programs\\ClientTracker\\clienttracker.exe" --version 2>&1) ||
  fail "the installed program did not run: $out"
expect "installed --version" "^Client Tracker " "$out"

echo "== uninstall keeps the owner's books and backups"
mkdir -p "$appdata_unix/ClientTracker/backups"
echo book >"$appdata_unix/ClientTracker/clients.db"
echo copy >"$appdata_unix/ClientTracker/backups/clients-2026-12-06.db"
# As the app's "start at login" option leaves it.
"$WINE" reg add "$run_key" /v ClientTracker /d '"C:\x\clienttracker.exe" --background' /f >/dev/null
uninstall
gone "$instdir" || fail "the uninstaller left $instdir"
[ ! -e "$menu" ] || fail "the uninstaller left the Start-menu shortcut"
[ ! -e "$desktop" ] || fail "the uninstaller left the desktop shortcut"
reg_query "$key" >/dev/null && fail "the uninstaller left the Apps & features entry"
reg_query "$run_key" /v ClientTracker >/dev/null && fail "the uninstaller left the start-at-login entry"
[ -f "$appdata_unix/ClientTracker/clients.db" ] || fail "the uninstaller deleted the owner's book"
[ -f "$appdata_unix/ClientTracker/backups/clients-2026-12-06.db" ] || fail "the uninstaller deleted the backups"

echo "== uninstall /DELETEDATA removes them when asked"
install
[ -f "$instdir/clienttracker.exe" ] || fail "reinstall: no clienttracker.exe"
uninstall /DELETEDATA
gone "$appdata_unix/ClientTracker" || fail "/DELETEDATA left $appdata_unix/ClientTracker"
gone "$instdir" || fail "the second uninstall left $instdir"

echo "installer-test: all steps passed"
