#!/bin/sh
# Installs the Debian/Ubuntu packages the test suite needs (Chromium for Playwright,
# LibreOffice and poppler to read the Word documents as a user sees them, Liberation fonts),
# only those missing. Works as root (CI, containers: no sudo there) and as a normal user (sudo).
set -eu
need=""
command -v chromium >/dev/null 2>&1 || need="$need chromium"
command -v libreoffice >/dev/null 2>&1 || need="$need libreoffice-writer-nogui"
command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
fc-list 2>/dev/null | grep -qi 'Liberation Sans' || need="$need fonts-liberation"
[ -z "$need" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then as_root=""; else as_root="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$as_root apt-get update -qq
# shellcheck disable=SC2086
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need
