@echo off
rem Install scrbrowse for this user only, from this folder: no internet, no admin rights.
powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0install.ps1" %*
if errorlevel 1 pause
