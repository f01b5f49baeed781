#!/bin/sh
# The container's entry point: checks GOMEMLIMIT, then runs careergraph with the container's
# arguments.
#
# The Go runtime reads GOMEMLIMIT before any of careergraph's own code runs, and a value it cannot
# read (GOMEMLIMIT=lots) ends the process with the runtime's fatal error and a stack trace, which
# careergraph cannot catch. This check refuses such a value first, in the words careergraph uses
# for its other settings. It accepts exactly what the runtime accepts; careergraph then checks the
# value further, as it does every setting.
set -eu

if [ -n "${GOMEMLIMIT:-}" ] && [ "$GOMEMLIMIT" != off ]; then
	if ! printf '%s\n' "$GOMEMLIMIT" | awk '
		# A whole number of bytes, with an optional unit, that fits in 63 bits.
		/^[0-9]+(B|KiB|MiB|GiB|TiB)?$/ {
			n = $0; unit = 1
			if (sub(/KiB$/, "", n)) unit = 1024
			else if (sub(/MiB$/, "", n)) unit = 1048576
			else if (sub(/GiB$/, "", n)) unit = 1073741824
			else if (sub(/TiB$/, "", n)) unit = 1099511627776
			else sub(/B$/, "", n)
			sub(/^0+/, "", n)
			# Plain bytes: compared as text, as a double cannot tell 2^63 - 1 from 2^63.
			if (unit == 1 && (length(n) < 19 || (length(n) == 19 && n "" <= "9223372036854775807"))) exit 0
			# A multiple of 1 KiB or more: exact as a double up to the limit (2^63).
			if (unit > 1 && length(n) <= 16 && n * unit < 9223372036854775808) exit 0
		}
		{ exit 1 }'; then
		echo "careergraph: configuration: GOMEMLIMIT=\"$GOMEMLIMIT\": must be a size in bytes, with B, KiB, MiB, GiB or TiB (e.g. 100MiB or 2GiB), or off" >&2
		exit 2
	fi
fi

exec careergraph "$@"
