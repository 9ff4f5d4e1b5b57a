// Ports for the services a test stack starts: free when picked, never the same twice, and outside
// the kernel's ephemeral range (where other programs' ports and outgoing connections come from).
import { expect } from 'chai';
import fs from 'node:fs';
import net from 'node:net';
import { freePort } from '../../lib/free-port';

describe('freePort', () => {
  it('hands out distinct ports below the ephemeral range that can be bound', async () => {
    const [low] = fs
      .readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    const ports: number[] = [];
    for (let i = 0; i < 50; i += 1) ports.push(await freePort());
    expect(new Set(ports).size).to.equal(ports.length);
    for (const port of ports) expect(port).to.be.within(1024, low! - 1);
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(ports[0], '127.0.0.1', resolve));
    server.close();
  });
});
