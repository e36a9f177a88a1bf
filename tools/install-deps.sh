#!/bin/bash
# install-deps.sh — installs what Mynassist needs to build, run and test on Debian 12
# (and later Debian/Ubuntu). Run as root or with sudo available.
#
# Copyright 2026 The Mynassist authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

packages=(
  # build
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libpcsclite-dev libssl-dev libsecret-1-dev
  # run: the PC/SC service, the driver for USB readers, and the virtual reader for the tests
  pcscd libccid vsmartcard-vpcd openssl
  # tests: an independent card client, validators, a headless display, accessibility
  opensc desktop-file-utils appstream python3 xvfb xauth dbus dbus-x11 at-spi2-core
  python3-pyatspi python3-gi xdotool imagemagick librsvg2-bin fonts-noto-cjk gnome-keyring
  libglib2.0-bin groff-base locales
)

SUDO=
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Japanese and English locales: the app and its tests run in both.
if ! locale -a 2>/dev/null | grep -qi '^ja_JP.utf8$' || ! locale -a 2>/dev/null | grep -qi '^en_US.utf8$'; then
  $SUDO sed -i 's/^# *\(ja_JP.UTF-8 UTF-8\)/\1/; s/^# *\(en_US.UTF-8 UTF-8\)/\1/' /etc/locale.gen
  $SUDO locale-gen >/dev/null
fi
