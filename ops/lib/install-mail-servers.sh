#!/usr/bin/env bash
# Installs the mail servers the FoiDesk.Mail integration tests start privately (Dovecot IMAP + LMTP,
# Postfix, openssl for the self-signed certificate). Idempotent. The tests never use the system-wide
# services: after installing, this script stops and disables them so they do not hold ports 25/143/993.
set -euo pipefail

packages=(dovecot-core dovecot-imapd dovecot-lmtpd postfix openssl)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if ((${#missing[@]} > 0)); then
    sudo_cmd=()
    if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
    # Postfix asks for a configuration type; "No configuration" leaves /etc/postfix alone (we use our own).
    echo "postfix postfix/main_mailer_type select No configuration" | "${sudo_cmd[@]}" debconf-set-selections
    echo "postfix postfix/mailname string localhost" | "${sudo_cmd[@]}" debconf-set-selections
    # policy-rc.d 101 stops the package scripts from starting the services (containers have no init anyway).
    policy=/usr/sbin/policy-rc.d
    created_policy=0
    if [[ ! -e $policy ]]; then
        printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee "$policy" >/dev/null
        "${sudo_cmd[@]}" chmod +x "$policy"
        created_policy=1
    fi
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
    if ((created_policy)); then "${sudo_cmd[@]}" rm -f "$policy"; fi
fi

# Make sure no system-wide instance is left running (the tests start their own on free loopback ports).
stop_system_service() {
    local name=$1
    if command -v systemctl >/dev/null 2>&1 && [[ -d /run/systemd/system ]]; then
        sudo_cmd=(); if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
        "${sudo_cmd[@]}" systemctl stop "$name" >/dev/null 2>&1 || true
        "${sudo_cmd[@]}" systemctl disable "$name" >/dev/null 2>&1 || true
    fi
}
stop_system_service dovecot
stop_system_service postfix
# Without systemd (containers), stop only the default instances, identified by their default config.
if [[ -f /run/dovecot/master.pid ]] && kill -0 "$(cat /run/dovecot/master.pid)" 2>/dev/null; then
    doveadm stop >/dev/null 2>&1 || true
fi
if postfix status >/dev/null 2>&1; then
    postfix stop >/dev/null 2>&1 || true
fi

for bin in /usr/sbin/dovecot /usr/sbin/postfix /usr/bin/openssl /usr/lib/dovecot/lmtp /usr/lib/dovecot/imap; do
    [[ -x $bin ]] || { echo "install-mail-servers: $bin missing after install" >&2; exit 1; }
done
echo "install-mail-servers: dovecot $(dovecot --version | cut -d' ' -f1), postfix $(postconf -d -h mail_version 2>/dev/null) ready"
