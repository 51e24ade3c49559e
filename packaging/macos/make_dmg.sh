#!/usr/bin/env bash
# Package "AIGC Desktop.app" as a .dmg; sign and notarise only when the credentials are in the environment.
#
#   bash packaging/macos/make_dmg.sh "dist/AIGC Desktop.app" dist/aigc-desktop-X.Y.Z-macos-arm64.dmg
#
# Signing (all optional; without them the .dmg holds PyInstaller's ad-hoc signed app, fine for local use):
#   MACOS_SIGN_IDENTITY            e.g. "Developer ID Application: Example Ltd (TEAMID1234)"
#   MACOS_CERTIFICATE_P12_BASE64   the Developer ID certificate + key, base64 (CI imports it into a
#   MACOS_CERTIFICATE_PASSWORD     throwaway keychain that is deleted on exit)
# Notarisation (needs signing too), with an App Store Connect API key:
#   APPLE_API_KEY_P8_BASE64        the .p8 key file, base64
#   APPLE_API_KEY_ID, APPLE_API_ISSUER
# Secrets go from the environment to tools through files (deleted on exit) or `env:` references,
# never through command-line arguments, and are never echoed (no `set -x`).
set -euo pipefail

app=${1:?usage: make_dmg.sh APP_PATH DMG_PATH}
dmg=${2:?usage: make_dmg.sh APP_PATH DMG_PATH}
here=$(cd "$(dirname "$0")" && pwd)
entitlements="$here/entitlements.plist"
identity=${MACOS_SIGN_IDENTITY:-}
[ -d "$app" ] || { echo "make_dmg: no app bundle at $app" >&2; exit 1; }

workdir=$(mktemp -d)
keychain=""
cleanup() {
  if [ -n "$keychain" ]; then security delete-keychain "$keychain" >/dev/null 2>&1 || true; fi
  rm -rf "$workdir"
}
trap cleanup EXIT

if [ -n "$identity" ] && [ -n "${MACOS_CERTIFICATE_P12_BASE64:-}" ]; then
  echo "make_dmg: importing the signing certificate into a temporary keychain"
  keychain="$workdir/signing.keychain-db"
  keychain_password=$(openssl rand -hex 24)
  security create-keychain -p "$keychain_password" "$keychain"
  security set-keychain-settings -lut 3600 "$keychain"
  security unlock-keychain -p "$keychain_password" "$keychain"
  printf '%s' "$MACOS_CERTIFICATE_P12_BASE64" | base64 --decode > "$workdir/cert.p12"
  # `security import` only takes a passphrase as an argument: re-wrap the .p12 under a throwaway
  # passphrase, reading the real one from the environment (env:), so it never appears in argv.
  export MACOS_CERTIFICATE_PASSWORD=${MACOS_CERTIFICATE_PASSWORD:-}
  export AIGC_P12_TMP_PASS; AIGC_P12_TMP_PASS=$(openssl rand -hex 24)
  openssl pkcs12 -in "$workdir/cert.p12" -passin env:MACOS_CERTIFICATE_PASSWORD -nodes \
    | openssl pkcs12 -export -passout env:AIGC_P12_TMP_PASS -out "$workdir/rewrapped.p12"
  security import "$workdir/rewrapped.p12" -k "$keychain" -P "$AIGC_P12_TMP_PASS" \
    -T /usr/bin/codesign -T /usr/bin/security >/dev/null
  rm -f "$workdir/cert.p12" "$workdir/rewrapped.p12"
  security set-key-partition-list -S apple-tool:,apple:,codesign: -s -k "$keychain_password" "$keychain" >/dev/null
  # Put the temporary keychain first in the search list so codesign finds the identity.
  existing=$(security list-keychains -d user | tr -d '"' | xargs)
  # shellcheck disable=SC2086
  security list-keychains -d user -s "$keychain" $existing
fi

if [ -n "$identity" ]; then
  echo "make_dmg: signing with the hardened runtime (inside out: libraries, frameworks, then the app)"
  sign() { codesign --force --timestamp --options runtime --sign "$identity" "$@"; }
  while IFS= read -r -d '' lib; do sign "$lib"; done \
    < <(find "$app/Contents" -type f \( -name "*.so" -o -name "*.dylib" \) -print0)
  while IFS= read -r -d '' framework; do sign "$framework"; done \
    < <(find "$app/Contents" -type d -name "*.framework" -prune -print0)
  sign --entitlements "$entitlements" "$app/Contents/MacOS/aigc-desktop"
  sign --entitlements "$entitlements" "$app"
  codesign --verify --deep --strict --verbose=2 "$app"
else
  echo "make_dmg: MACOS_SIGN_IDENTITY not set: the app keeps PyInstaller's ad-hoc signature (not notarisable)"
fi

echo "make_dmg: building $dmg"
staging="$workdir/dmg"
mkdir -p "$staging"
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
rm -f "$dmg"
hdiutil create -volname "AIGC Desktop" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$dmg" >/dev/null

if [ -n "$identity" ]; then
  codesign --force --timestamp --sign "$identity" "$dmg"
fi

if [ -n "$identity" ] && [ -n "${APPLE_API_KEY_P8_BASE64:-}" ] && [ -n "${APPLE_API_KEY_ID:-}" ] \
   && [ -n "${APPLE_API_ISSUER:-}" ]; then
  echo "make_dmg: notarising (this waits for Apple's verdict)"
  key_file="$workdir/AuthKey_${APPLE_API_KEY_ID}.p8"
  (umask 077; printf '%s' "$APPLE_API_KEY_P8_BASE64" | base64 --decode > "$key_file")
  xcrun notarytool submit "$dmg" --key "$key_file" --key-id "$APPLE_API_KEY_ID" \
    --issuer "$APPLE_API_ISSUER" --wait --timeout 30m
  rm -f "$key_file"
  xcrun stapler staple "$dmg"
  xcrun stapler validate "$dmg"
else
  echo "make_dmg: notarisation skipped (needs MACOS_SIGN_IDENTITY and APPLE_API_KEY_P8_BASE64," \
    "APPLE_API_KEY_ID, APPLE_API_ISSUER)"
fi
echo "make_dmg: done: $dmg"
