#!/usr/bin/env bash
# A local Redis Cluster for the tests: three masters on 127.0.0.1 (ports from OPEN1688_CLUSTER_PORTS,
# default 30011 30012 30013), no replicas, no persistence. Idempotent: does nothing when the cluster
# already answers "cluster_state:ok"; starts missing nodes and (re)creates the cluster otherwise.
#   scripts/redis-cluster.sh          start (or find running)
#   scripts/redis-cluster.sh stop     shut the three nodes down
# The tests find it through OPEN1688_TEST_REDIS_CLUSTER (default 127.0.0.1:30011,127.0.0.1:30012,127.0.0.1:30013).
set -euo pipefail

read -r -a PORTS <<<"${OPEN1688_CLUSTER_PORTS:-30011 30012 30013}"
DIR="${OPEN1688_CLUSTER_DIR:-${TMPDIR:-/tmp}/open1688-redis-cluster}"

cli() { redis-cli -h 127.0.0.1 -p "$1" "${@:2}"; }
state() { cli "$1" cluster info 2>/dev/null | tr -d '\r' | sed -n 's/^cluster_state://p'; }
all_ok() { for port in "${PORTS[@]}"; do [ "$(state "$port")" = ok ] || return 1; done; }

if [ "${1:-start}" = stop ]; then
  for port in "${PORTS[@]}"; do cli "$port" shutdown nosave >/dev/null 2>&1 || true; done
  exit 0
fi

if all_ok; then
  echo "redis cluster: already running on ports ${PORTS[*]}"
  exit 0
fi

mkdir -p "$DIR"
for port in "${PORTS[@]}"; do
  if ! cli "$port" ping >/dev/null 2>&1; then
    rm -f "$DIR/nodes-$port.conf"
    redis-server --port "$port" --bind 127.0.0.1 --cluster-enabled yes \
      --cluster-config-file "$DIR/nodes-$port.conf" --cluster-node-timeout 2000 \
      --save "" --appendonly no --daemonize yes --dir "$DIR" \
      --logfile "$DIR/redis-$port.log" --pidfile "$DIR/redis-$port.pid"
  fi
done
for port in "${PORTS[@]}"; do
  for _ in $(seq 1 50); do cli "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  cli "$port" ping >/dev/null || { echo "redis cluster: node $port does not answer" >&2; exit 1; }
done

# Nodes up but not (or no longer) one healthy cluster: these ports are ours, start them afresh.
for port in "${PORTS[@]}"; do
  cli "$port" flushall >/dev/null
  cli "$port" cluster reset hard >/dev/null
done
nodes=()
for port in "${PORTS[@]}"; do nodes+=("127.0.0.1:$port"); done
redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >/dev/null

for _ in $(seq 1 100); do all_ok && break; sleep 0.1; done
all_ok || { echo "redis cluster: not ok after create" >&2; exit 1; }
echo "redis cluster: running on ports ${PORTS[*]}"
