import net from "node:net";

/**
 * Sends `GET <target>` over a plain socket, as written (fetch and http.request refuse targets such as `//[`), and
 * resolves to the status code of the answer, or to the socket error when the connection ends without one.
 */
export function rawRequest(port: number, target: string): Promise<number | string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk));
    socket.on("end", () => resolve(Number(answer.match(/^HTTP\/1\.1 (\d{3})/)?.[1] ?? NaN)));
    socket.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? "error"));
  });
}
