#!/bin/sh
# Runs a command in a private network namespace with only loopback up, so that the browser
# and the stand-in Studio can reach nothing but each other. Needs root (or CAP_SYS_ADMIN).
set -eu
exec unshare --net sh -c 'ip link set lo up && exec "$@"' sh "$@"
