# Shared by the scripts: where the distribution is, which java to run. Sourced, not run.
# SCRIPT_DIR is the folder of the calling script: scripts/ in a checkout, bin/ in a distribution.
if [ -f "$SCRIPT_DIR/../lib/launcher.jar" ]; then
  HT_HOME="$(cd "$SCRIPT_DIR/.." && pwd)"
  HT_SRC=""
else
  HT_SRC="$(cd "$SCRIPT_DIR/.." && pwd)"
  HT_HOME="$HT_SRC/launcher/target/dist"
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

ht_need_dist() {
  if [ ! -f "$HT_HOME/lib/launcher.jar" ]; then
    echo "$1: the distribution is not built ($HT_HOME); run scripts/setup first" >&2
    exit 1
  fi
}

# ht_cfg_value FILE KEY: the value of KEY in a .cfg file, trimmed ("" if absent).
ht_cfg_value() {
  [ -f "$1" ] || return 0
  sed -n "s/^[[:space:]]*$2[[:space:]]*[=:][[:space:]]*//p" "$1" | tail -n 1 | sed 's/[[:space:]]*$//'
}

ht_default_base() {
  if [ "$(id -u)" = 0 ]; then echo /var/ddtrace
  else echo "${XDG_STATE_HOME:-$HOME/.local/state}/ddtrace"; fi
}
