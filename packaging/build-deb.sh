#!/bin/sh
# Build the Linux .deb from a clean checkout:   sh packaging/build-deb.sh
# Result: dist/duizhao_<version>_amd64.deb (the version is Cargo.toml's).
# Needs cargo-packager: cargo install cargo-packager --version 0.11.8 --locked
set -eu
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --locked --bin duizhao
# Package a copy: the packager reads the binary from --binaries-dir, and a shared target
# folder's release binary may be rebuilt by someone else meanwhile.
rm -rf dist/bin
mkdir -p dist/bin
cp "$target/release/duizhao" dist/bin/duizhao
if command -v strip >/dev/null; then strip dist/bin/duizhao; fi
cargo packager --release --formats deb --binaries-dir dist/bin --out-dir dist
ls -l dist/*.deb
