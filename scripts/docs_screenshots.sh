#!/usr/bin/env bash
# The screenshots in docs/: 1366×768 and 1920×1080, light and dark, English and Chinese, eight
# functions with f, f′ and f″, ELU selected, the readout pinned at x = 0. Needs ../shared/tools/screenshot (Xvfb).
# usage: scripts/docs_screenshots.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screens}
mkdir -p "$out"
shot=${SCREENSHOT:-../shared/tools/screenshot}
for size in 1366x768 1920x1080; do
  for theme in light dark; do
    for lang in en zh_CN; do
      cfg=$(mktemp -d)
      mkdir -p "$cfg/actgui"
      cat > "$cfg/actgui/actgui.conf" <<CONF
[functions]
enabled=sigmoid,tanh,relu,leaky_relu,elu,gelu,softplus,hardtanh
selected=elu

[view]
orders=0,1,2
theme=$theme
language=$lang
CONF
      locale=en_US.UTF-8
      [ "$lang" = zh_CN ] && locale=zh_CN.UTF-8
      XDG_CONFIG_HOME=$cfg "$shot" "$out/$size-$theme-$lang.png" --wait 5 --size "$size" \
        --lang "$locale" -- python scripts/fill_screen.py --pin 0
      rm -rf "$cfg"
    done
  done
done

# The "Why it trains" demonstrations of the README, at 1366×768 in light, English (and the
# first in Chinese): dying ReLU, vanishing gradients, self-normalisation.
# shoot FILE LANG SIZE WAIT CONF -- ARGS…: a screenshot of scripts/fill_screen.py ARGS with the
# settings CONF (an INI text, light theme, f and f′ shown) in language LANG.
shoot() {
  local file=$1 lang=$2 size=$3 wait=$4 conf=$5
  shift 6
  cfg=$(mktemp -d)
  mkdir -p "$cfg/actgui"
  printf '%s\n\n[view]\norders=0,1\ntheme=light\nlanguage=%s\n' "$conf" "$lang" \
    > "$cfg/actgui/actgui.conf"
  locale=en_US.UTF-8
  [ "$lang" = zh_CN ] && locale=zh_CN.UTF-8
  XDG_CONFIG_HOME=$cfg "$shot" "$out/$file" --wait "$wait" --size "$size" \
    --lang "$locale" -- python scripts/fill_screen.py "$@"
  rm -rf "$cfg"
}

demo() {  # name lang view enabled selected network(σ_w,σ_b,depth) simulation(width,inputs,seed)
  shoot "labs-$1-$2.png" "$2" 1366x768 12 \
    "$(printf '[functions]\nenabled=%s\nselected=%s\n\n[labs]\nnetwork=%s\nsimulation=%s' \
      "$4" "$5" "$6" "$7")" -- --labs "$3"
}
demo dying-relu en stats relu,leaky_relu,elu,tanh relu "1.4142135623730951,0.0,50" "500,32,0"
demo dying-relu zh_CN stats relu,leaky_relu,elu,tanh relu "1.4142135623730951,0.0,50" "500,32,0"
demo vanishing en depth:gradient sigmoid,tanh,relu sigmoid "1.0,0.0,50" "1000,32,0"
demo self-normalising en depth:variance selu,relu,tanh,elu selu "1.0,0.0,50" "1000,32,0"

# A function of your own, and the dialog that makes one.
"$shot" "$out/custom-en.png" --wait 6 --size 1366x768 -- python scripts/custom_screenshot.py

# "Train and compare": the three demonstrations of the README's teachers' section, each a race
# on the two spirals (1920×1080, light; the first in Chinese too).
race() {  # preset lang enabled
  shoot "train-$1-$2.png" "$2" 1920x1080 14 "$(printf '[functions]\nenabled=%s' "$3")" \
    -- --race "$1"
}
race dying_relu en relu,leaky_relu,relu6,silu
race dying_relu zh_CN relu,leaky_relu,relu6,silu
race vanishing_gradients en sigmoid,tanh,relu,selu
race elu_selu_vs_relu en relu,leaky_relu,elu,selu
race overfitting en relu,tanh,elu,sigmoid
race overfitting_l2 en relu,tanh,elu,sigmoid
# What units compute: the Network page of each run (ReLU, tanh).
for run in 0:relu 1:tanh; do
  shoot "train-what_units_compute-${run#*:}-en.png" en 1920x1080 14 \
    "$(printf '[functions]\nenabled=relu,tanh')" -- --race what_units_compute --network-run "${run%%:*}"
done
