#!/usr/bin/env bash
# Builds the Debian package target/debian/yaodian_<version>-1_amd64.deb: the release binary,
# its man pages and completion scripts (written by the binary itself), the README and a
# commented-out /etc/profile.d/yaodian.sh; metadata in Cargo.toml, [package.metadata.deb].
#
#   packaging/deb.sh                              # the glibc build (Debian 12 and later)
#   packaging/deb.sh x86_64-unknown-linux-musl    # the static binary (any x86_64 Linux),
#                                                 # in target/debian/static/
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-}

command -v cargo-deb >/dev/null || cargo install cargo-deb --locked
cargo build --release ${target:+--target "$target"}
bin=target/${target:+$target/}release/yaodian

assets=target/assets
rm -rf "$assets"
mkdir -p "$assets/man" "$assets/completions"
"$bin" man "$assets/man" >/dev/null
"$bin" completions bash >"$assets/completions/yaodian.bash"
"$bin" completions zsh >"$assets/completions/_yaodian"
"$bin" completions fish >"$assets/completions/yaodian.fish"

# The static package goes to target/debian/static/, beside (not over) the glibc one.
cargo deb --no-build ${target:+--target "$target" --output target/debian/static/}
