// The DNS-rebinding guard: a web page whose name an attacker re-points to 127.0.0.1 reaches the
// emulator as its own origin, but its requests still carry the attacker's name in `Host`. So the
// emulator answers only requests addressed to an IP literal, `localhost`, or the host it was told
// to bind. The port is not compared: a rebinding page cannot change the name, and SSH tunnels
// and port forwarding legitimately change the port.
import { isIP } from 'node:net';

/** The name of a `Host` header (`[::1]:5015` → `::1`), lower case; undefined when malformed. */
function hostName(header: string): string | undefined {
  const match = /^(?:\[([0-9a-f:.]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/i.exec(header.trim());
  if (!match) return undefined;
  return (match[1] ?? match[2])!.toLowerCase().replace(/\.$/, '');
}

/** Whether a request with this `Host` header is addressed to this emulator (bound to `boundHost`). */
export function isServedHost(header: string | undefined, boundHost: string): boolean {
  if (header === undefined) return false;
  const name = hostName(header);
  if (name === undefined) return false;
  return name === 'localhost' || isIP(name) !== 0 || name === boundHost.toLowerCase().replace(/^\[|\]$/g, '');
}
