#!/usr/bin/env bash
# Provides the PostgreSQL server the store/postgres, API and CLI tests run
# against, on a Debian machine, with or without systemd. Run it as root or
# as a user with sudo (it re-runs itself under sudo). Idempotent: it
# installs the postgresql package only if it is missing, starts the
# cluster only if it is down, and creates the role and database only if
# they do not exist. Progress goes to stderr; stdout is shell for eval:
#
#   export CSTO_TEST_POSTGRES='postgres://csto:csto@127.0.0.1:5432/csto_test?sslmode=disable'
#
# on success, and on failure (exit 1)
#
#   export CSTO_TEST_POSTGRES_ERROR='what went wrong'
#
# so that the one way to call it,
#
#   eval "$(bash .ci/postgres.sh)"
#
# prepares the shell for `go test ./...`, and when it fails the tests say
# why (skipped with that reason outside CI; failed under CI=true). The
# role csto (password csto) has CREATEDB: each test creates and drops its
# own database.
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }

# fail says why on stderr and, for the tests, on stdout; then exits 1.
fail() {
	log "$*"
	printf "unset CSTO_TEST_POSTGRES; export CSTO_TEST_POSTGRES_ERROR=%q\n" "$*"
	exit 1
}
trap 'fail "a step failed (line $LINENO); see the messages above"' ERR

if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		log "not root: running again under sudo"
		exec sudo -- bash "$0" "$@"
	fi
	fail "needs root to install and start the server, and sudo is not installed: run it as root"
fi

if ! dpkg -s postgresql >/dev/null 2>&1; then
	log "installing postgresql"
	apt-get update >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
fi

# The newest installed server version, and its cluster "main".
version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { found = 1 } END { exit !found }'; then
	log "creating cluster $version/main"
	pg_createcluster "$version" main >&2
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online" { found = 1 } END { exit !found }'; then
	log "starting cluster $version/main on port $port"
	pg_ctlcluster "$version" main start >&2
fi

for _ in $(seq 1 60); do
	pg_isready -q -h 127.0.0.1 -p "$port" && break
	sleep 0.5
done
if ! pg_isready -q -h 127.0.0.1 -p "$port"; then
	fail "the server does not accept connections on 127.0.0.1:$port; see /var/log/postgresql/postgresql-$version-main.log"
fi

psql_admin() { runuser -u postgres -- psql -p "$port" -X -q -v ON_ERROR_STOP=1 "$@"; }

psql_admin -d postgres >&2 <<'SQL'
DO $$
BEGIN
	IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'csto') THEN
		ALTER ROLE csto LOGIN CREATEDB PASSWORD 'csto';
	ELSE
		CREATE ROLE csto LOGIN CREATEDB PASSWORD 'csto';
	END IF;
END
$$;
SQL
if [ "$(psql_admin -d postgres -tA -c "SELECT count(*) FROM pg_database WHERE datname = 'csto_test'")" = 0 ]; then
	log "creating database csto_test"
	psql_admin -d postgres -c 'CREATE DATABASE csto_test OWNER csto' >&2
fi

url="postgres://csto:csto@127.0.0.1:$port/csto_test?sslmode=disable"
# The role must be able to log in over TCP with its password.
if ! PGPASSWORD=csto psql -X -q -h 127.0.0.1 -p "$port" -U csto -d csto_test -c 'SELECT 1' >/dev/null; then
	fail "csto cannot log in over TCP; check pg_hba.conf of cluster $version/main"
fi
log "ready"
echo "unset CSTO_TEST_POSTGRES_ERROR; export CSTO_TEST_POSTGRES='$url'"
