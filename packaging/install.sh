#!/bin/sh
# Install scrbrowse for this user only, from the wheels beside this script: no internet, no admin.
#   sh install.sh
# Settings (environment): PYTHON (default python3), SCRBROWSE_HOME (default ~/.local/share/scrbrowse),
# SCRBROWSE_BIN (where the `scrbrowse` launcher goes, default ~/.local/bin).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
py=${PYTHON:-python3}
home_dir=${SCRBROWSE_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/scrbrowse}
bin_dir=${SCRBROWSE_BIN:-$HOME/.local/bin}

if ! command -v "$py" >/dev/null 2>&1; then
    echo "install.sh: no '$py' found; install Python 3.11 or newer for your user, or set PYTHON=/path/to/python3" >&2
    exit 1
fi
"$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "install.sh: scrbrowse needs Python 3.11 or newer, this is " + sys.version.split()[0])'

echo "Installing scrbrowse into $home_dir"
# A virtualenv cannot be moved once made (its scripts name its own path), so the old copy is
# moved aside and put back if the new one fails to install: a failed upgrade keeps the old one.
rm -rf "$home_dir/venv.old"
if [ -d "$home_dir/venv" ]; then mv "$home_dir/venv" "$home_dir/venv.old"; fi
restore() {
    rm -rf "$home_dir/venv"
    if [ -d "$home_dir/venv.old" ]; then mv "$home_dir/venv.old" "$home_dir/venv"; fi
    echo "install.sh: installing failed; nothing was changed" >&2
    exit 1
}
"$py" -m venv "$home_dir/venv" || restore
# --no-index: only the wheels in this bundle are used, and no network is tried. No pip config is
# read, so a machine-wide index setting cannot send pip looking elsewhere.
PIP_CONFIG_FILE=/dev/null PIP_DISABLE_PIP_VERSION_CHECK=1 \
    "$home_dir/venv/bin/python" -m pip install --quiet --no-index --find-links "$here/wheels" scrbrowse || restore
rm -rf "$home_dir/venv.old"

mkdir -p "$bin_dir"
cat > "$bin_dir/scrbrowse" <<LAUNCHER
#!/bin/sh
exec "$home_dir/venv/bin/scrbrowse" "\$@"
LAUNCHER
chmod 755 "$bin_dir/scrbrowse"

version=$("$home_dir/venv/bin/scrbrowse" --version)
echo "Installed $version. Run: scrbrowse"
case ":$PATH:" in
    *":$bin_dir:"*) ;;
    *) echo "Note: $bin_dir is not on your PATH; add it, or run $bin_dir/scrbrowse" ;;
esac
