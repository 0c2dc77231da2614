"""Build the offline install bundles: `make bundle` (or `python packaging/bundle.py`).

One archive per platform, each holding the scrbrowse wheel, every dependency as a wheel for that
platform and each supported Python version, the installer for that platform and a README. A
supervisor's workstation then installs with no package index and no admin rights.

This is the only step that needs a package index (to download the wheels); the archives it writes
need nothing from the network.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
PYTHONS = ("3.11", "3.12", "3.13")


@dataclass(frozen=True)
class Target:
    name: str  # used in the archive's name
    tags: tuple[str, ...]  # pip --platform values, any of which a wheel may carry
    installers: tuple[str, ...]  # files from packaging/ copied into the bundle
    archive: str  # "zip" or "tar.gz"


TARGETS = {
    "windows-x86_64": Target("windows-x86_64", ("win_amd64",), ("install.ps1", "install.cmd"), "zip"),
    "linux-x86_64": Target(
        "linux-x86_64",
        ("manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64", "linux_x86_64"),
        ("install.sh",), "tar.gz"),
    "macos-arm64": Target(
        "macos-arm64",
        ("macosx_11_0_arm64", "macosx_12_0_arm64", "macosx_14_0_arm64", "macosx_10_9_universal2",
         "macosx_11_0_universal2"),
        ("install.sh",), "tar.gz"),
}


def run(cmd: list[str]) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)


def build_wheel(out: Path) -> Path:
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(ROOT)])
    wheels = sorted(out.glob("scrbrowse-*.whl"))
    if len(wheels) != 1:
        raise SystemExit(f"expected one scrbrowse wheel in {out}, found {len(wheels)}")
    return wheels[0]


def download(wheel: Path, target: Target, python: str, dest: Path) -> None:
    """Every dependency of `wheel` as a binary wheel for `target` and `python`; fails (rather than
    fall back to a source archive) if any dependency has no wheel for that platform."""
    cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--only-binary=:all:",
           "--implementation", "cp", "--python-version", python, "--dest", str(dest)]
    for tag in target.tags:
        cmd += ["--platform", tag]
    run([*cmd, str(wheel)])


def write_sums(folder: Path) -> None:
    lines = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != "SHA256SUMS":
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            lines.append(f"{digest}  {path.relative_to(folder).as_posix()}")
    (folder / "SHA256SUMS").write_text("\n".join(lines) + "\n", encoding="utf-8")


def archive(folder: Path, target: Target, out_dir: Path) -> Path:
    base = out_dir / folder.name
    if target.archive == "zip":
        path = base.with_name(base.name + ".zip")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for p in sorted(folder.rglob("*")):
                zf.write(p, p.relative_to(folder.parent).as_posix())
        return path
    path = base.with_name(base.name + ".tar.gz")

    def executable_scripts(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        if info.isfile():
            info.mode = 0o755 if info.name.endswith(".sh") else 0o644
        return info

    with tarfile.open(path, "w:gz") as tf:
        tf.add(folder, arcname=folder.name, filter=executable_scripts)
    return path


def make_bundle(target: Target, wheel: Path, version: str, out_dir: Path, work: Path) -> Path:
    folder = work / f"scrbrowse-{version}-{target.name}"
    wheels = folder / "wheels"
    wheels.mkdir(parents=True)
    shutil.copy2(wheel, wheels / wheel.name)
    for python in PYTHONS:
        download(wheel, target, python, wheels)
    for name in target.installers:
        shutil.copy2(HERE / name, folder / name)
    readme = (HERE / "BUNDLE-README.txt").read_text(encoding="utf-8")
    (folder / "README.txt").write_text(readme.replace("{version}", version), encoding="utf-8")
    write_sums(folder)
    return archive(folder, target, out_dir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "bundle", help="where the archives go")
    parser.add_argument("--platform", action="append", choices=sorted(TARGETS),
                        help="only this platform (repeatable; default: all three)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="scrbrowse-bundle-") as tmp:
        work = Path(tmp)
        wheel = build_wheel(work / "wheel")
        version = wheel.name.split("-")[1]
        for name in args.platform or sorted(TARGETS):
            path = make_bundle(TARGETS[name], wheel, version, args.out, work)
            print(f"{path}  ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
