#!/bin/sh
# CI check of the real install (issue 17): the Linux bundle installs with the network cut, into a
# virtualenv that is then made read-only, and an unprivileged user validates, searches and exports.
#   sh packaging/check_install.sh dist/bundle/scrbrowse-*-linux-x86_64.tar.gz
# Needs root (to cut the network with `unshare -n` and to switch to the unprivileged user).
set -eu
bundle=${1:?usage: check_install.sh BUNDLE.tar.gz}
if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null || ! command -v setpriv >/dev/null; then
    echo "check_install: needs root, unshare and setpriv; skipped" >&2
    exit 0
fi
user=nobody
group=$(id -gn "$user")
work=$(mktemp -d /tmp/scrbrowse-install-check.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
mkdir "$work/home"
tar -xzf "$bundle" -C "$work"
folder=$(find "$work" -maxdepth 1 -type d -name 'scrbrowse-*-linux-x86_64' | head -n 1)
chown -R "$user:$group" "$work/home"
chmod -R a+rX "$folder"

# An interpreter the unprivileged user can run (a root-only pyenv is no use to them).
py=
for cand in /usr/bin/python3.13 /usr/bin/python3.12 /usr/bin/python3.11 /usr/bin/python3 python3; do
    if setpriv --reuid="$user" --regid="$group" --clear-groups \
        "$cand" -c 'import sys, ensurepip; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
        py=$cand; break
    fi
done
if [ -z "$py" ]; then echo "check_install: no Python 3.11+ with venv usable by $user" >&2; exit 1; fi

as_user() {
    # No network at all, an unprivileged user, a clean environment with only what a user has.
    unshare -n setpriv --reuid="$user" --regid="$group" --clear-groups \
        env -i HOME="$work/home" PATH="$work/home/.local/bin:/usr/bin:/bin" LANG=C.UTF-8 \
        "$@"
}

echo "== install (network cut, as $user, $py)"
as_user env PYTHON="$py" sh "$folder/install.sh"
venv="$work/home/.local/share/scrbrowse/venv"
# The install must not depend on anything but the bundle: it is read-only from here on.
chmod -R a-w "$venv"
probe="$venv/lib/probe-$$"
if as_user sh -c "touch '$probe'" 2>/dev/null; then echo "check_install: venv is still writable" >&2; exit 1; fi

echo "== scrbrowse --version / paths"
as_user scrbrowse --version
as_user scrbrowse paths | tee "$work/paths.txt"
grep -q "installed package" "$work/paths.txt"
grep -q "$work/home/.cache/scrbrowse/index" "$work/paths.txt"

echo "== validate"
as_user scrbrowse validate
echo "== search"
as_user scrbrowse search "co-sleeping alcohol" > "$work/search.txt"
cat "$work/search.txt"
grep -qi "Child K" "$work/search.txt"
test -d "$work/home/.cache/scrbrowse/index" || { echo "check_install: index not in the user cache" >&2; exit 1; }
echo "== export"
as_user scrbrowse export child-s-learning-briefing --format html -o "$work/home/child-s.html"
grep -qi "professionals only" "$work/home/child-s.html"
echo "check_install: OK (offline install, read-only venv, unprivileged user)"
