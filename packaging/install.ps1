# Install scrbrowse for this user only, from the wheels beside this script: no internet, no admin.
#   install.cmd            (or: powershell -ExecutionPolicy Bypass -File install.ps1)
# Settings (environment): SCRBROWSE_PYTHON (a python.exe), SCRBROWSE_HOME (default %LOCALAPPDATA%\scrbrowse).
$ErrorActionPreference = 'Stop'
$here = Split-Path -Parent $MyInvocation.MyCommand.Path
$homeDir = if ($env:SCRBROWSE_HOME) { $env:SCRBROWSE_HOME } else { Join-Path $env:LOCALAPPDATA 'scrbrowse' }

# Find a Python 3.11+: the one named, else the py launcher, else python on PATH.
$candidates = @()
if ($env:SCRBROWSE_PYTHON) { $candidates += ,@($env:SCRBROWSE_PYTHON) }
$candidates += ,@('py', '-3')
$candidates += ,@('python')
$py = $null
foreach ($c in $candidates) {
    $exe = $c[0]; $rest = @($c | Select-Object -Skip 1)
    try {
        & $exe @rest -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>$null
        if ($LASTEXITCODE -eq 0) { $py = $c; break }
    } catch { }
}
if (-not $py) {
    Write-Error 'scrbrowse needs Python 3.11 or newer. Install it from python.org for your user only ("Install for me only" needs no admin rights), then run install.cmd again.'
    exit 1
}

Write-Host "Installing scrbrowse into $homeDir"
$venv = Join-Path $homeDir 'venv'
$oldVenv = Join-Path $homeDir 'venv.old'
# A virtualenv cannot be moved once made (its launchers name its own path), so the old copy is
# moved aside and put back if the new one fails to install: a failed upgrade keeps the old one.
if (Test-Path $oldVenv) { Remove-Item -Recurse -Force $oldVenv }
if (Test-Path $venv) { Move-Item $venv $oldVenv }
function Restore-Old($why) {
    if (Test-Path $venv) { Remove-Item -Recurse -Force $venv }
    if (Test-Path $oldVenv) { Move-Item $oldVenv $venv }
    Write-Error "$why; nothing was changed"
    exit 1
}
$pyExe = $py[0]; $pyArgs = @($py | Select-Object -Skip 1)
& $pyExe @pyArgs -m venv $venv
if ($LASTEXITCODE -ne 0) { Restore-Old 'could not create the virtual environment' }

# --no-index: only the wheels in this bundle are used, and no network is tried; no pip config is read.
$env:PIP_CONFIG_FILE = 'NUL'
$env:PIP_DISABLE_PIP_VERSION_CHECK = '1'
& (Join-Path $venv 'Scripts\python.exe') -m pip install --quiet --no-index --find-links (Join-Path $here 'wheels') scrbrowse
if ($LASTEXITCODE -ne 0) { Restore-Old 'installing the wheels failed' }
if (Test-Path $oldVenv) { Remove-Item -Recurse -Force $oldVenv }

$bin = Join-Path $homeDir 'bin'
New-Item -ItemType Directory -Force -Path $bin | Out-Null
$launcher = Join-Path $bin 'scrbrowse.cmd'
Set-Content -Path $launcher -Encoding ASCII -Value "@echo off`r`n`"$venv\Scripts\scrbrowse.exe`" %*"

# Put the launcher's folder on this user's PATH (the user's own setting: no admin rights needed).
$userPath = [Environment]::GetEnvironmentVariable('Path', 'User')
$parts = @()
if ($userPath) { $parts = $userPath -split ';' | Where-Object { $_ } }
if ($parts -notcontains $bin) {
    [Environment]::SetEnvironmentVariable('Path', (($parts + $bin) -join ';'), 'User')
    Write-Host "Added $bin to your PATH: open a new terminal window to use it."
}
$version = & (Join-Path $venv 'Scripts\scrbrowse.exe') --version
Write-Host "Installed $version. Run: scrbrowse"
