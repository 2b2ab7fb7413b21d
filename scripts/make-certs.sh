#!/usr/bin/env bash
# Makes a private CA and one certificate per node for tourney's mutual TLS.
#   scripts/make-certs.sh DIR [NODE...]      (default nodes: coordinator worker)
# Writes DIR/ca.pem (give it to every node as tls.ca / --tls-ca) and, for each
# NODE, DIR/NODE.pem and DIR/NODE.key (that node's --tls-cert / --tls-key).
# Keep ca.key offline; sign more nodes later by running it again with new names
# (an existing CA in DIR is reused).
set -euo pipefail
if [[ $# -lt 1 ]]; then
  echo "usage: $0 DIR [NODE...]" >&2
  exit 2
fi
dir=$1
shift
nodes=("$@")
if [[ ${#nodes[@]} -eq 0 ]]; then
  nodes=(coordinator worker)
fi
mkdir -p "$dir"
umask 077
if [[ ! -f $dir/ca.pem || ! -f $dir/ca.key ]]; then
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 -subj "/CN=tourney CA" \
    -keyout "$dir/ca.key" -out "$dir/ca.pem" 2>/dev/null
fi
for node in "${nodes[@]}"; do
  if [[ ! $node =~ ^[A-Za-z0-9._-]+$ ]]; then
    echo "$0: node name '$node': use letters, digits, '.', '_' and '-' only" >&2
    exit 2
  fi
  openssl req -newkey rsa:2048 -nodes -sha256 -subj "/CN=$node" \
    -keyout "$dir/$node.key" -out "$dir/$node.csr" 2>/dev/null
  openssl x509 -req -sha256 -days 825 -in "$dir/$node.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" \
    -CAcreateserial -out "$dir/$node.pem" 2>/dev/null
  rm -f "$dir/$node.csr"
done
chmod 644 "$dir"/*.pem
echo "$dir: ca.pem and ${nodes[*]} (.pem/.key)"
