// The bare `node:http` server of the performance contract: a small JSON answer, nothing else. The
// bench measures the cached `GET /wallet` against it, with the same load generator settings.
import { createServer } from 'node:http';

const body = JSON.stringify({ id: '00000000-0000-0000-0000-000000000000', balance: 2500, currency: 'USD' });
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('listening'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
