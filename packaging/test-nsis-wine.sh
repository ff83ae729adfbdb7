#!/usr/bin/env bash
# Builds the Windows installer from packaging/windows/installer.nsi on Linux and checks it
# under Wine: install silently, read what it wrote to the registry and the disk, double-click
# a .duizhao, uninstall silently, and compare the registry and the files with before.
# Not run by CI. Results: packaging/README.md ("Windows installer").
#
# Needs (Debian bookworm, as root):
#   dpkg --add-architecture i386 && apt-get update
#   apt-get install nsis wine wine32 wine64 gcc-mingw-w64-x86-64-win32
#   (wine32: NSIS installers are 32-bit programs; wine64 alone cannot start them)
#
# Usage: bash packaging/test-nsis-wine.sh [duizhao.exe]
#   Without an argument duizhao.exe is a stand-in (packaging/windows/standin.c) that records
#   the command line it was started with, so the double-click check can read it.
#
# cargo-packager's own NSIS step cannot run here (on Linux it downloads a hash-checked plugin,
# nsis_tauri_utils.dll, that this machine cannot fetch), so packaging/windows/render-nsi
# renders the template the way cargo-packager 0.11.8 does and makensis compiles it, as
# cargo-packager would.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d /tmp/duizhao-nsis.XXXXXX)
export WINEPREFIX="$work/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" LANG=C.UTF-8
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { printf '\n== %s\n' "$*"; }
utf8() { iconv -f UTF-16 -t UTF-8 "$@" | tr -d '\r'; }
reg_has() { wine reg query "$@" >/dev/null 2>&1; }
# A key and its subkeys as `reg export` writes them (UTF-16: `reg query` prints 对照 as ??).
show() {
    wine reg export "$1" "$work/show.reg" /y >/dev/null
    utf8 "$work/show.reg" | grep -v -e '^Windows Registry Editor' -e '^$' -e '^#time='
}
CLASSES='HKCU\Software\Classes'
# Every extension of Cargo.toml's file associations, .duizhao first.
exts=$(grep -A1 '^\[\[package.metadata.packager.file-associations\]\]' Cargo.toml |
    sed -n 's/^extensions = \[\(.*\)\]/\1/p' | tr -d '"' | tr ',\n' '  ' | tr -s ' ')
[ "${exts%% *}" = duizhao ] || fail "the first association is not .duizhao: $exts"

exe=${1:-}
if [ -z "$exe" ]; then
    exe="$work/duizhao.exe"
    x86_64-w64-mingw32-gcc -municode -mwindows -O2 -o "$exe" packaging/windows/standin.c
    standin=1
fi

step "render the template as cargo-packager 0.11.8 would, compile it with makensis $(makensis -VERSION)"
target="${RENDER_NSI_TARGET:-$HOME/.cache/duizhao-render-nsi}"
cargo build -q --release --manifest-path packaging/windows/render-nsi/Cargo.toml --target-dir "$target"
"$target/release/render-nsi" Cargo.toml packaging/windows/installer.nsi "$exe" "$work/nsis"
(cd "$work/nsis" && makensis -V2 installer.nsi)
setup="$work/nsis/nsis-output.exe"
ls -l "$setup"

step "a fresh Wine prefix ($(wine --version))"
wineboot -i >/dev/null 2>&1
wineserver -w
# Another program already owns .md for this user: neither install nor uninstall may touch it.
wine reg add "$CLASSES\\.md" /ve /d OtherEditor.md /f >/dev/null
wine reg add "$CLASSES\\.md\\OpenWithProgids" /v OtherEditor.md /d '' /f >/dev/null
wineserver -w
snapshot() { # $1: name. HKCU as text, and every file under the users' folders.
    wine reg export HKCU "$work/$1.reg" /y >/dev/null
    wineserver -w
    utf8 "$work/$1.reg" | grep -v '^#time=' >"$work/$1.reg.txt"
    # Less the empty folder the NSIS uninstaller stub runs from (%TEMP%\~nsuN.tmp): NSIS's own,
    # left by every NSIS uninstaller, listed below.
    (cd "$WINEPREFIX/drive_c/users" && find . | grep -v '/Temp/~nsu[^/]*\.tmp$' | sort) >"$work/$1.files"
}
snapshot before

step "install silently: $(basename "$setup") /S"
wine "$setup" /S
wineserver -w
instdir="$WINEPREFIX/drive_c/users/$(whoami)/AppData/Local/对照 duizhao"
startmenu="$WINEPREFIX/drive_c/users/$(whoami)/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/对照 duizhao.lnk"
ls "$instdir"
[ -f "$instdir/duizhao.exe" ] && [ -f "$instdir/duizhao.ico" ] && [ -f "$instdir/uninstall.exe" ] ||
    fail "installed files"
[ -f "$startmenu" ] || fail "no Start-menu entry"
echo "Start menu: $(basename "$startmenu")"

step ".duizhao opens in duizhao by default"
show "$CLASSES\\.duizhao"
show "$CLASSES\\duizhao.Project"
wine reg query "$CLASSES\\.duizhao" /ve | grep -q 'duizhao.Project' || fail ".duizhao's default"

step "the documents only offer duizhao (OpenWithProgids), no default taken"
for e in $exts; do
    [ "$e" = duizhao ] && continue
    values=$(show "$CLASSES\\.$e")
    grep -qx '"duizhao.Document"=""' <<<"$values" || fail ".$e: no OpenWithProgids entry"
    if [ "$e" = md ]; then
        grep -qx '@="OtherEditor.md"' <<<"$values" || fail ".md's default changed"
        grep -qx '"OtherEditor.md"=""' <<<"$values" || fail ".md lost OtherEditor.md"
    elif grep -q '^@=' <<<"$values"; then
        fail ".$e got a default value"
    fi
    printf 'HKCU .%-9s %s\n' "$e" "$(grep -v '^\[' <<<"$values" | tr '\n' ' ')"
done
show "$CLASSES\\duizhao.Document"
show "$CLASSES\\Applications\\duizhao.exe"
show 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\org.duizhao.app'

if [ -n "${standin:-}" ]; then
    step "double-click on a .duizhao: .duizhao -> ProgID -> shell\\open\\command, run"
    # Wine 8's ShellExecute (wine start) reads HKCR from HKLM only and misses per-user
    # classes; open-like-explorer.exe follows HKCU's chain as Explorer would.
    x86_64-w64-mingw32-gcc -municode -O2 -o "$work/open-like-explorer.exe" \
        packaging/windows/open-like-explorer.c
    printf '{}' >"$work/study.duizhao"
    rm -f "$WINEPREFIX/drive_c/duizhao-standin.txt"
    wine "$work/open-like-explorer.exe" "Z:${work//\//\\}\\study.duizhao"
    wineserver -w
    ran=$(utf8 "$WINEPREFIX/drive_c/duizhao-standin.txt")
    rm -f "$WINEPREFIX/drive_c/duizhao-standin.txt"
    echo "duizhao.exe was started as: $ran"
    case "$ran" in *'对照 duizhao\duizhao.exe" "Z:'*'study.duizhao"') ;; *) fail "the command line" ;; esac
fi

step "uninstall silently: uninstall.exe /S"
wine "$instdir/uninstall.exe" /S
wineserver -w
[ ! -e "$instdir" ] || fail "$instdir is left: $(ls "$instdir")"
[ ! -e "$startmenu" ] || fail "the Start-menu entry is left"
for k in .duizhao duizhao.Project duizhao.Document Applications\\duizhao.exe; do
    ! reg_has "$CLASSES\\$k" || fail "$k is left"
done
show "$CLASSES\\.md"
snapshot after
echo "registry (HKCU) before install vs after uninstall:"
diff "$work/before.reg.txt" "$work/after.reg.txt" || fail "the registry differs"
echo "  identical"
echo "NSIS's uninstaller stub folders in %TEMP%: $(cd "$WINEPREFIX/drive_c/users" && find . -path '*/Temp/~nsu*' | tr '\n' ' ')"
echo "files under drive_c/users before install vs after uninstall:"
diff "$work/before.files" "$work/after.files" || fail "the files differ"
echo "  identical"
echo
echo "OK (work folder: $work)"
