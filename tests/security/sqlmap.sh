#!/usr/bin/env bash
# SQL-injection scan of a running Baken with Debian's sqlmap, on demand only (not in CTest or CI:
# it takes minutes and needs `scripts/install-deps --on-demand`).
#
#   tests/security/sqlmap.sh [BAKEN_BINARY]     (default build/debug/baken)
#
# Starts `baken serve` on a free port of 127.0.0.1 over a fresh demo database in a temporary
# folder, signs in as the first beheerder and as a toezichthouder (the werkvoorraad's filters), each
# with TOTP set up over the API (so the protected routes are
# reachable), and runs sqlmap in batch mode against public and signed-in endpoints: GET with
# query parameters, a path parameter, and POST JSON bodies. The server trusts 127.0.0.1 as a
# proxy and sqlmap's `xforwardedfor` tamper gives every request another client address, so the
# per-address rate limits do not end the scan early. Exit 1 when sqlmap reports any injection
# point; 2 when it cannot run.
set -euo pipefail

baken="${1:-build/debug/baken}"
if ! command -v sqlmap >/dev/null || ! command -v curl >/dev/null; then
  echo "sqlmap.sh: sqlmap en curl zijn nodig: scripts/install-deps --on-demand" >&2
  exit 2
fi
[ -x "$baken" ] || { echo "sqlmap.sh: $baken bestaat niet; bouw eerst" >&2; exit 2; }

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

db="sqlite:$work/baken.db"
secrets="$work/secrets"
"$baken" migrate --db "$db" >/dev/null
"$baken" secrets init --secrets "$secrets" >/dev/null
password="$("$baken" user bootstrap-admin --db "$db" --secrets "$secrets" --tenant GM0014 |
  sed -n 's/^Wachtwoord: *//p')"
[ -n "$password" ] || { echo "sqlmap.sh: geen beheerder aangemaakt" >&2; exit 2; }

# Groningen's wijken and buurten, so meldingen can be placed (BAKEN_SHARED: the shared data).
shared="${BAKEN_SHARED:-../shared}"
for level in wijk:wijken buurt:buurten; do
  "$baken" areas import --db "$db" --municipality GM0014 --level "${level%%:*}" \
    "$shared/data/groningen/cbs-${level#*:}-2017.geojson" >/dev/null
done
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
"$baken" serve --db "$db" --secrets "$secrets" --listen "127.0.0.1:$port" --threads 4 \
  --trusted-proxy 127.0.0.1 >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "$base/healthz" >/dev/null || { cat "$work/serve.log" >&2; exit 2; }

# Sign in, enrol TOTP and confirm it with a code computed from the returned secret (RFC 6238).
# Sets cookie, csrf and auth for USER.
json() { python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
totp_code() {
  python3 - "$1" <<'PY'
import base64, hmac, struct, sys, time
key = base64.b32decode(sys.argv[1] + "=" * (-len(sys.argv[1]) % 8))
mac = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), "sha1").digest()
off = mac[-1] & 15
print("%06d" % ((struct.unpack(">I", mac[off:off + 4])[0] & 0x7FFFFFFF) % 1000000))
PY
}
sign_in_with_totp() {
  local user="$1" pass="$2" jar="$work/jar-$1" signin secret
  signin="$(curl -fsS -c "$jar" -H 'Content-Type: application/json' \
    -d "{\"gebruikersnaam\":\"$user\",\"wachtwoord\":\"$pass\"}" "$base/api/v1/sessies")"
  csrf="$(json csrf_token <<<"$signin")"
  cookie="$(awk '$6 == "baken_sessie" { print $7 }' "$jar")"
  auth=(-H "Cookie: baken_sessie=$cookie" -H "X-CSRF-Token: $csrf")
  secret="$(curl -fsS -X POST "${auth[@]}" -H 'Content-Type: application/json' -d '{}' \
    "$base/api/v1/sessies/huidig/totp" | json geheim)"
  curl -fsS -X POST "${auth[@]}" -H 'Content-Type: application/json' \
    -d "{\"code\":\"$(totp_code "$secret")\"}" "$base/api/v1/sessies/huidig/totp/bevestiging" \
    >/dev/null
}
sign_in_with_totp beheerder "$password"
curl -fsS "${auth[@]}" "$base/api/v1/gebruikers" >/dev/null ||
  { echo "sqlmap.sh: aangemeld, maar /api/v1/gebruikers weigert" >&2; exit 2; }
admin_cookie="$cookie"
admin_csrf="$csrf"

# A toezichthouder (made on the server, as an operator would; the API would ask a second
# beheerder) with a few meldingen to find, for the werkvoorraad's filters.
staff_password="Sqlmap-scan-werkvoorraad-2026"
"$baken" user add --db "$db" --secrets "$secrets" --tenant GM0014 --username toezicht \
  --name "Toezicht Scan" --email toezicht@example.nl --role toezichthouder \
  --department toezicht --password-stdin <<<"$staff_password" >/dev/null
for text in "Afval naast de bak" "Glas op het fietspad" "Afval bij de school"; do
  curl -fsS -H 'Content-Type: application/json' -d "{\"tekst\":\"$text\",\"categorie\":\"afvalbak\",\"locatie\":{\"type\":\"Point\",\"coordinates\":[6.5666,53.2191]}}" \
    "$base/api/v1/publiek/meldingen" >/dev/null
done
sign_in_with_totp toezicht "$staff_password"
staff_headers="Cookie: baken_sessie=$cookie\nX-CSRF-Token: $csrf"
curl -fsS "${auth[@]}" "$base/api/v1/meldingen?doel=melding_afhandelen" >/dev/null ||
  { echo "sqlmap.sh: de toezichthouder krijgt de werkvoorraad niet" >&2; exit 2; }
cookie="$admin_cookie"
csrf="$admin_csrf"

headers="Cookie: baken_sessie=$cookie\nX-CSRF-Token: $csrf"
run() {
  echo "== sqlmap $*" >&2
  echo "== sqlmap $*" >>"$work/sqlmap.log"
  sqlmap --batch --flush-session --disable-coloring --output-dir="$work/sqlmap" \
    --tamper=xforwardedfor --ignore-code=401 --time-sec=2 "$@" >>"$work/sqlmap.log" 2>&1 || true
}
# Public.
run -u "$base/api/v1/gebieden?niveau=wijk&formaat=geojson"
run -u "$base/api/v1/gebieden/WK001401*"
run -u "$base/api/v1/sessies" --method POST \
  --data '{"gebruikersnaam":"niemand","wachtwoord":"geheim","gemeente":"GM0014","totp":"123456"}'
# Signed in (session cookie, CSRF token, second factor done).
# Public meldingen routes: list queries built from parameters (Open311, the public map) and a
# follow code in the path.
run -u "$base/open311/v2/requests.json?service_code=afvalbak&status=open&start_date=2025-01-01T00:00:00Z"
run -u "$base/api/v1/publiek/kaart?categorie=afval"
run -u "$base/api/v1/publiek/meldingen/abcdef0123456789*"
run -u "$base/api/v1/publiek/meldingen" --method POST \
  --data '{"tekst":"Afval naast de bak","categorie":"afvalbak","locatie":{"type":"Point","coordinates":[6.5666,53.2191]},"melder":{"email":"a@example.nl"}}'
run -u "$base/api/v1/gebruikers?doel=beheer" --headers="$headers"
run -u "$base/api/v1/sessies/huidig?doel=beheer" --cookie="baken_sessie=$cookie" \
  -H "X-CSRF-Token: $csrf" --level 2
run -u "$base/api/v1/sessies/huidig/totp/bevestiging" --method POST --headers="$headers" \
  --data '{"code":"123456"}'

# The werkvoorraad's filters, sorting and search, and a melding in the path, as a toezichthouder
# with the second factor.
run -u "$base/api/v1/meldingen?doel=melding_afhandelen&status=gemeld&categorie=afvalbak&afdeling=toezicht&wijk=WK001401&buurt=BU00140100&behandelaar=niemand&zoek=afval&sorteer=-ontvangen&ontvangen_vanaf=2025-01-01&ontvangen_tot=2030-01-01&limiet=10" \
  --headers="$staff_headers"
run -u "$base/api/v1/meldingen/M-2026-000001*?doel=melding_afhandelen" --headers="$staff_headers"
run -u "$base/api/v1/wijkbeeld?doel=melding_afhandelen&van=2025-01-01&tot=2030-01-01&categorie=afvalbak&wijk=WK001401" \
  --headers="$staff_headers"

if grep -qE "identified the following injection point|is vulnerable" "$work/sqlmap.log" ||
  find "$work/sqlmap" -name log -size +0 2>/dev/null | grep -q .; then
  echo "sqlmap.sh: sqlmap vond een injectiepunt:" >&2
  grep -A20 "identified the following injection point" "$work/sqlmap.log" >&2 || true
  exit 1
fi
if ! curl -fsS "$base/healthz" >/dev/null; then
  echo "sqlmap.sh: de server antwoordt niet meer na de scan" >&2
  cat "$work/serve.log" >&2
  exit 1
fi
# What sqlmap tested: one line per parameter it found not injectable (a run that was refused
# before testing anything shows no line here).
grep -E "^== sqlmap|does not seem to be injectable" "$work/sqlmap.log" |
  sed -E 's/^\[[0-9:]+\] \[WARNING\] //; s/--headers=.*//; s/--cookie=.*//' >&2
echo "sqlmap.sh: geen injectiepunten gevonden."
