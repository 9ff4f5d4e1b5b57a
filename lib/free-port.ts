// A free TCP port on loopback for a service we are about to start (test stacks, benchmarks).
//
// Not one the kernel picks (port 0): those come from the ephemeral range, which is also where the
// kernel takes the local ports of outgoing connections and the ports other programs ask it for
// (the Temporal dev server picks its metrics and HTTP ports that way). A port picked there and
// bound a few seconds later can be taken in between — CI once saw a worker fail EADDRINUSE on its
// metrics port like that. So the port is drawn at random from just below the ephemeral range,
// checked free by binding it, and never handed out twice by this process.
import fs from 'node:fs';
import net from 'node:net';

const handedOut = new Set<number>();

/** The low end of the kernel's ephemeral port range (Linux; 32768 elsewhere, the usual default). */
function ephemeralLow(): number {
  try {
    const low = Number(
      fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0],
    );
    return Number.isInteger(low) ? low : 32768;
  } catch {
    return 32768;
  }
}

function bindable(port: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (err: NodeJS.ErrnoException) =>
      err.code === 'EADDRINUSE' || err.code === 'EACCES' ? resolve(null) : reject(err),
    );
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as net.AddressInfo;
      server.close(() => resolve(bound));
    });
  });
}

export async function freePort(): Promise<number> {
  const high = ephemeralLow();
  const low = Math.max(10_000, high - 12_000);
  if (high - low >= 1_000) {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const port = low + Math.floor(Math.random() * (high - low));
      if (handedOut.has(port)) continue;
      if ((await bindable(port)) !== null) {
        handedOut.add(port);
        return port;
      }
    }
  }
  // No room below the ephemeral range (an unusual kernel setting): let the kernel pick.
  const port = (await bindable(0))!;
  handedOut.add(port);
  return port;
}
