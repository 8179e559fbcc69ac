#!/usr/bin/env bash
# The Debian package (cpack -G DEB, docs/web.md): it holds the program, the
# layouts, the fonts, the docs and schede-web.service with its user; the
# program unpacked from it finds its data next to itself and renders.
#   tests/e2e/deb.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$build" && cpack -G DEB -B "$work/pkg" >/dev/null)
deb=$(ls "$work"/pkg/schede_*.deb)
list=$(dpkg-deb -c "$deb")
for f in ./usr/bin/schede ./usr/lib/systemd/system/schede-web.service ./usr/lib/systemd/system/schede-web@.service \
  ./usr/share/doc/schede/web.md \
         ./usr/share/doc/schede/archivio.md ./usr/share/schede/layouts/scheda.json \
         ./usr/share/schede/fonts/TitilliumWeb_400Regular.ttf ./usr/share/schede/layouts/icc/sRGB.icc; do
  grep -q " $f\$" <<<"$list" || { echo "deb: manca $f"; exit 1; }
done
dpkg-deb -I "$deb" postinst | grep -q 'adduser --system' || { echo "deb: il postinst non crea l'utente schede"; exit 1; }
dpkg-deb -f "$deb" Depends | grep -q libmicrohttpd12 || { echo "deb: Depends senza libmicrohttpd12"; exit 1; }
grep -q '^User=schede$' "$src/src/web/debian/schede-web.service"
grep -q '^ExecStart=/usr/bin/schede web /var/lib/schede/ciclo.db' "$src/src/web/debian/schede-web.service"
dpkg-deb -x "$deb" "$work/root"
"$work/root/usr/bin/schede" --versione | grep -q "dati: $work/root/usr/share/schede" || {
  echo "deb: il programma non trova i suoi dati"; "$work/root/usr/bin/schede" --versione; exit 1; }
"$work/root/usr/bin/schede" stampa "$src/samples/sarzana-2024-2026.json" --solo schede --out "$work/out" >/dev/null
test -s "$work/out/schede.pdf"
echo "deb: $(basename "$deb") completo; il programma estratto stampa le schede"
