# Sourced by .ci/wine-test.sh and .ci/installer-test.sh: a fresh, throwaway
# Wine prefix in a temporary folder, removed on exit, with ProcessPrng
# provided (see bcryptprimitives.c). Sets WINE, WINESERVER, work, user,
# appdata_unix/appdata_win (%AppData%) and localappdata_unix (%LocalAppData%),
# and the functions fail and expect.

WINE=$(command -v wine64 || command -v wine || echo /usr/lib/wine/wine64)
WINESERVER=$(command -v wineserver || echo /usr/lib/wine/wineserver)
[ -x "$WINE" ] || { echo "$0: Wine is not installed (Debian package wine64)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/clienttracker-wine.XXXXXX")
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEARCH=win64
# No Mono or Gecko download prompts: the app needs neither.
# winemenubuilder off: no menu entries or .desktop files on the host.
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d;winedbg.exe=d"
# Wine turns the command line into UTF-16 by the Unix locale: without a
# UTF-8 one, non-Latin folder names would arrive as '?'.
export LC_ALL=C.UTF-8 LANG=C.UTF-8
# Wine links the prefix's Desktop and Documents to $HOME's: a home of its
# own keeps shortcuts the installer makes out of the real one. Go keeps
# its caches where they were.
if command -v go >/dev/null; then
  GOPATH=$(go env GOPATH) GOCACHE=$(go env GOCACHE) GOMODCACHE=$(go env GOMODCACHE)
  export GOPATH GOCACHE GOMODCACHE
fi
export HOME="$work/home"
mkdir -p "$HOME"
cleanup_hooks=()
cleanup() {
  local h
  for h in "${cleanup_hooks[@]}"; do $h || true; done
  "$WINESERVER" -k 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "$(basename "$0"): FAILED: $*" >&2; exit 1; }
# expect NAME PATTERN TEXT: TEXT must match the extended regexp PATTERN.
expect() {
  grep -Eq -- "$2" <<<"$3" || { printf '%s\n' "$3" >&2; fail "$1: expected /$2/ in the output above"; }
}

prefix_start=$(date +%s)
"$WINE" wineboot -i >/dev/null 2>&1 || true
"$WINESERVER" -w
sys32="$WINEPREFIX/drive_c/windows/system32"
[ -d "$sys32" ] || fail "wineboot made no prefix in $WINEPREFIX"
x86_64-w64-mingw32-gcc -shared -O2 -Wl,--kill-at -o "$sys32/bcryptprimitives.dll" \
  .ci/wine/bcryptprimitives.c -ladvapi32
user=$(whoami)
appdata_unix="$WINEPREFIX/drive_c/users/$user/AppData/Roaming"
appdata_win="C:\\users\\$user\\AppData\\Roaming"
localappdata_unix="$WINEPREFIX/drive_c/users/$user/AppData/Local"
desktop_unix="$WINEPREFIX/drive_c/users/$user/Desktop"
[ -d "$appdata_unix" ] || fail "no %AppData% folder at $appdata_unix"
# No debugger on a crash: Wine's winedbg would attach and keep the crashed
# program's output pipe open, and a test reading it would wait for ever.
# A crash then ends the program, and the step that ran it fails and says so.
# Without this value Wine still starts "winedbg --auto", its default (seen
# after a crash at exit of the smoke run): winedbg.exe=d in
# WINEDLLOVERRIDES above is what keeps it from starting.
"$WINE" reg delete 'HKLM\Software\Microsoft\Windows NT\CurrentVersion\AeDebug' /v Debugger /f >/dev/null 2>&1 || true
echo "Wine prefix ready in $(( $(date +%s) - prefix_start )) s"
