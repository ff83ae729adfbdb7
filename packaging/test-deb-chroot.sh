#!/bin/bash
# Install the .deb in a clean Debian bookworm chroot and check it the way a user meets it:
#   sudo bash packaging/test-deb-chroot.sh dist/duizhao_0.1.0_amd64.deb /var/tmp/bookworm [shot.png]
# The chroot is made with debootstrap when the folder does not exist yet. Needs on the host:
# debootstrap, xvfb, xdotool, imagemagick, python3 (apt-get install debootstrap xvfb xdotool
# imagemagick). The window is drawn on an Xvfb of the host whose socket is bound into the
# chroot, so the chroot holds only Debian's minimal base, the package and what apt adds for it.
set -euo pipefail
deb=$(realpath "$1")
root=$2
shot=${3:-}
[ -n "$shot" ] && shot=$(realpath -m "$shot")
work=$(mktemp -d)
say() { printf '\n== %s\n' "$*"; }
in_root() { chroot "$root" "$@"; }

if [ ! -d "$root" ]; then
    debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
mkdir -p "$root/tmp/.X11-unix"
mountpoint -q "$root/tmp/.X11-unix" || mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
trap 'umount "$root/tmp/.X11-unix" "$root/proc" 2>/dev/null || true; [ -n "${xvfb:-}" ] && kill "$xvfb" 2>/dev/null || true' EXIT

in_root apt-get update -qq
in_root dpkg-query -W -f '${Package}\n' | sort >"$work/before"
cp "$deb" "$root/tmp/duizhao.deb"

say "dpkg -i (its dependencies are not there yet)"
in_root dpkg -i /tmp/duizhao.deb || true
say "apt-get -f install"
in_root env DEBIAN_FRONTEND=noninteractive apt-get -f install -y -q
in_root dpkg-query -W -f '${Package}\n' | sort >"$work/after"
comm -13 "$work/before" "$work/after" >"$work/added"
# Everything apt added must be the package itself or reached from its Depends (and theirs).
in_root apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
    --no-replaces --no-enhances --installed duizhao |
    sed -n 's/^ *|\?\(Pre\)\?Depends: <\?\([^>:]*\).*/\2/p; s/^\([a-z0-9][^ ]*\)$/\1/p' | sort -u >"$work/closure"
echo "added $(wc -l <"$work/added") packages: $(tr '\n' ' ' <"$work/added")"
extra=$(comm -23 "$work/added" "$work/closure")
if [ -n "$extra" ]; then echo "NOT from duizhao's Depends: $extra"; exit 1; fi
echo "all of them are duizhao or its declared dependencies (recursively)"

say "duizhao --version"
in_root duizhao --version

say "the window, and a .duizhao project given to it"
in_root dpkg -L duizhao | sort >"$work/files"
printf '甲市线上经济方案\n一、发展在线教育\n建设教育专网，推广在线课堂。\n二、发展互联网医疗\n推广远程会诊。\n' >"$root/root/jia.txt"
in_root duizhao outline --json /root/jia.txt >"$work/jia.json"
python3 - "$work/jia.json" "$root/root/study.duizhao" <<'PY'
import hashlib, json, sys
text = json.load(open(sys.argv[1]))[0]["text"]
key = hashlib.sha256(text.encode()).hexdigest()[:16]
json.dump({"format": "duizhao-project/1", "bundled": True,
           "documents": [{"path": "/root/jia.txt", "hash": key}],
           "metadata": {key: {"label": "甲市（项目里的）"}}},
          open(sys.argv[2], "w"), ensure_ascii=False)
PY
display=:97
Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp & xvfb=$!
sleep 2
in_root env DISPLAY="$display" HOME=/root duizhao open /root/study.duizhao >"$work/app.log" 2>&1 & app=$!
sleep 12
title=$(DISPLAY=$display xdotool search --class duizhao getwindowname 2>/dev/null | head -n 1 || true)
echo "window title: $title"
icon=$(DISPLAY=$display xdotool search --class duizhao 2>/dev/null | head -n 1 | xargs -r -I{} xprop -display "$display" -id {} -notype -f _NET_WM_ICON 32c _NET_WM_ICON | cut -c 1-32 || true)
echo "window icon: ${icon:-none}"
[ -n "$shot" ] && DISPLAY=$display import -window root "$shot" && echo "screenshot: $shot"
kill "$app" 2>/dev/null || true
wait "$app" 2>/dev/null || true
cat "$work/app.log"
case $title in study*) echo "the project opened" ;; *) echo "the project did not open"; exit 1 ;; esac

say "dpkg -r, dpkg -P: nothing of the package is left"
in_root dpkg -r duizhao
in_root dpkg -P duizhao
left=$(while read -r f; do [ "$f" = /. ] && continue; [ -e "$root$f" ] && [ ! -d "$root$f" ] && echo "$f"; done <"$work/files" || true)
dirs=$(while read -r f; do [ -d "$root$f" ] && [ -z "$(in_root dpkg -S "$f" 2>/dev/null)" ] && echo "$f"; done <"$work/files" || true)
status=$(in_root dpkg-query -W -f '${Status}' duizhao 2>/dev/null || echo "not known to dpkg")
echo "dpkg status after purge: $status"
echo "files left: ${left:-none}"
echo "folders of the package left that no other package owns: ${dirs:-none}"
[ -z "$left" ] && [ -z "$dirs" ] && echo "uninstall leaves nothing behind"
