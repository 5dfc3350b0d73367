// The benchmark's SSO OIDC stand-in: a keep-alive HTTP server on 127.0.0.1 answering every POST with a valid
// CreateToken body. It runs in its own process so that it does not share the client's event loop.
import http from "node:http";

const body = JSON.stringify({ accessToken: "a".repeat(64), tokenType: "Bearer", expiresIn: 3600, refreshToken: "r".repeat(64) });
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-amzn-requestid": "bench" });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send?.({ port: server.address().port }));
process.on("disconnect", () => server.close(() => process.exit(0)));
