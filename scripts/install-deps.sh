#!/usr/bin/env bash
# Installa ciò che serve per compilare e provare schede su Debian 12.
# Idempotente: installa solo i pacchetti che mancano; non fa nulla se ci sono tutti.
set -euo pipefail

PACKAGES=(
  gcc libc6-dev make cmake pkg-config   # compilazione
  libhpdf-dev libcjson-dev              # libharu (PDF) e cJSON
  libcriterion-dev                      # test
  poppler-utils qpdf                    # pdftotext, pdffonts, qpdf --check per i test sui PDF
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: tutte le dipendenze sono già installate"
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  SUDO=(sudo)
fi
echo "install-deps: installo ${missing[*]}"
"${SUDO[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
