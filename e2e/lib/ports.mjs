// Free loopback TCP ports. Test files run in parallel processes, so each process starts its search
// in its own pid-derived block of the 30000-45000 range and checks every port by binding it.
import net from 'node:net';

const RANGE_START = 30_000;
const RANGE_END = 45_000;
const BLOCK = 64;
const handedOut = new Set();
let cursor = RANGE_START + ((process.pid * 7919) % Math.floor((RANGE_END - RANGE_START) / BLOCK)) * BLOCK;

function canBind (port, host) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (e) => resolve(e.code === 'EADDRNOTAVAIL' || e.code === 'EAFNOSUPPORT'));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port that is free on 127.0.0.1 (and ::1 where it exists) and not yet handed out here. */
export async function freePort () {
  for (let tries = 0; tries < RANGE_END - RANGE_START; tries++) {
    const port = cursor;
    cursor = cursor + 1 >= RANGE_END ? RANGE_START : cursor + 1;
    if (handedOut.has(port)) continue;
    if (await canBind(port, '127.0.0.1') && await canBind(port, '::1')) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free TCP port in ${RANGE_START}-${RANGE_END}`);
}
