#!/usr/bin/env bash
# Provides the PostgreSQL server the store/postgres tests run against, on
# a Debian machine, as root, with or without systemd. Idempotent: it
# installs the postgresql package only if it is missing, starts the
# cluster only if it is down, and creates the role and database only if
# they do not exist. Progress goes to stderr; stdout is the one line
#
#   export CSTO_TEST_POSTGRES='postgres://csto:csto@127.0.0.1:5432/csto_test?sslmode=disable'
#
# so that `eval "$(.ci/postgres.sh)"` prepares the shell for
# `go test ./store/...`. The role csto (password csto) has CREATEDB: each
# test creates and drops its own database.
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
	log "run as root (it installs packages and starts the server)"
	exit 1
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
	log "the server does not accept connections on 127.0.0.1:$port; see /var/log/postgresql/postgresql-$version-main.log"
	exit 1
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
	log "csto cannot log in over TCP; check pg_hba.conf of cluster $version/main"
	exit 1
fi
log "ready"
echo "export CSTO_TEST_POSTGRES='$url'"
