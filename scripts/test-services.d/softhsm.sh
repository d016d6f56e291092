# Sourced by scripts/test-services.sh (start_services) under `set -euo pipefail`, after PostgreSQL.
# Gives the PKCS#11 KMS tests a fresh SoftHSM2 token in $SERVICES_DIR and exports where it is:
# SOFTHSM2_CONF, STRONGROOM_TEST_PKCS11_MODULE, STRONGROOM_TEST_PKCS11_TOKEN, STRONGROOM_TEST_PKCS11_PIN.

if ! command -v softhsm2-util >/dev/null 2>&1; then
  echo "test.sh: installing SoftHSM2" >&2
  apt_install softhsm2
fi

softhsm_module=""
for candidate in /usr/lib/softhsm/libsofthsm2.so /usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so \
  /usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so /usr/local/lib/softhsm/libsofthsm2.so; do
  if [[ -f "$candidate" ]]; then softhsm_module="$candidate"; break; fi
done
if [[ -z "$softhsm_module" ]]; then
  echo "test.sh: SoftHSM2 is installed but libsofthsm2.so was not found" >&2
  return 1
fi

mkdir -p "$SERVICES_DIR/softhsm/tokens"
chmod 700 "$SERVICES_DIR/softhsm"
cat >"$SERVICES_DIR/softhsm/softhsm2.conf" <<CONF
directories.tokendir = $SERVICES_DIR/softhsm/tokens
objectstore.backend = file
log.level = ERROR
slots.removable = false
CONF
export SOFTHSM2_CONF="$SERVICES_DIR/softhsm/softhsm2.conf"

softhsm2-util --init-token --free --label strongroom-test --pin 1234 --so-pin 5678 >/dev/null
export STRONGROOM_TEST_PKCS11_MODULE="$softhsm_module"
export STRONGROOM_TEST_PKCS11_TOKEN="strongroom-test"
export STRONGROOM_TEST_PKCS11_PIN="1234"
echo "test.sh: SoftHSM2 token strongroom-test in $SERVICES_DIR/softhsm" >&2
unset softhsm_module candidate
