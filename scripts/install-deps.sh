#!/usr/bin/env bash
# Installa ciò che serve per compilare e provare schede su Debian 12.
# Idempotente: installa solo i pacchetti che mancano; non fa nulla se ci sono tutti.
#   scripts/install-deps.sh          per compilare ed elaborare gli esempi
#   scripts/install-deps.sh --test   anche valgrind e le localizzazioni it_IT e fr_FR dei test
set -euo pipefail

PACKAGES=(
  gcc libc6-dev make cmake pkg-config   # compilazione
  libhpdf-dev libcjson-dev              # libharu (PDF) e cJSON
  libdeflate-dev                        # compressione dei flussi PDF scritti da schede
  libzip-dev libexpat1-dev libxlsxwriter-dev  # fogli di calcolo: zip, XML, scrittura .xlsx
  libsqlite3-dev libsodium-dev          # l'archivio: SQLite, SHA-256 della catena del registro
  libpq-dev                             # l'archivio su PostgreSQL (client)
  libmicrohttpd-dev                     # schede web: il server HTTP
  libcriterion-dev                      # test
  poppler-utils qpdf                    # pdftotext, pdffonts, qpdf --check per i test sui PDF
)
TEST_LOCALES=(it_IT.UTF-8 fr_FR.UTF-8)
if [ "${1:-}" = "--test" ]; then
  PACKAGES+=(valgrind locales)          # il passo sotto valgrind; i test con LANG=it_IT e fr_FR
  PACKAGES+=(mupdf-tools ghostscript)   # mutool e gs: i documenti si aprono anche in un secondo e terzo lettore
  PACKAGES+=(unzip)                     # i test guardano dentro i fogli di calcolo scritti
  PACKAGES+=(postgresql postgresql-client)  # il test dell'archivio su un server PostgreSQL temporaneo
  PACKAGES+=(nginx)                     # due processi schede web dietro un vero proxy, nello stesso test
  PACKAGES+=(chromium chromium-driver python3-selenium)  # le prove di schede web in un browser vero
  # npm installa axe-core (tests/web/package.json) per le prove di accessibilità. Una macchina
  # con Node.js già installato da altre fonti (NodeSource, che porta con sé npm) non vuole i
  # pacchetti Debian, che andrebbero in conflitto: li si chiede solo se npm manca.
  if ! command -v npm >/dev/null 2>&1; then
    PACKAGES+=(nodejs npm)
  fi
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  SUDO=(sudo)
fi

# The locales the tests run under, generated only if missing.
ensure_locales() {
  local need=()
  for l in "${TEST_LOCALES[@]}"; do
    local short=${l%%.*}
    locale -a 2>/dev/null | grep -qi "^${short}\.utf-\?8$" || need+=("$l")
  done
  [ ${#need[@]} -eq 0 ] && return 0
  echo "install-deps: genero le localizzazioni ${need[*]}"
  for l in "${need[@]}"; do
    "${SUDO[@]}" sed -i "s/^# *\(${l} UTF-8\)/\1/" /etc/locale.gen
    grep -q "^${l} UTF-8" /etc/locale.gen || echo "${l} UTF-8" | "${SUDO[@]}" tee -a /etc/locale.gen >/dev/null
  done
  "${SUDO[@]}" locale-gen >/dev/null
}

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: tutte le dipendenze sono già installate"
else
  echo "install-deps: installo ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if [ "${1:-}" = "--test" ]; then
  ensure_locales
  # axe-core, la verifica di accessibilità eseguita in Chromium: la versione di tests/web/package-lock.json
  web="$(cd "$(dirname "$0")/../tests/web" && pwd)"
  if [ ! -f "$web/node_modules/axe-core/axe.min.js" ]; then
    echo "install-deps: installo axe-core (npm) in tests/web/node_modules"
    npm ci --prefix "$web" --no-audit --no-fund --loglevel=error
  fi
fi
