import net from "node:net";

// A TCP relay between the app and PostgreSQL that plays the network's faults on demand: cut every open
// connection, refuse new ones (connection refused, or accepted and never answered), and delay every chunk
// each way. Tests point DATABASE_URL at it (urlThrough) and flip its state while requests run.

type Target = { host: string; port: number };

export class FaultRelay {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private mode: "pass" | "silent" = "pass";
  /** Added to every chunk, each way; order is kept. */
  latencyMs = 0;
  /** The app's connections open now: tests watch that its pool does not grow past its maximum. */
  readonly clients = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: Target) {}

  /** Listens (again, on the same port after refuse()) and relays traffic. */
  async start(): Promise<void> {
    this.mode = "pass";
    if (this.server) return;
    const server = net.createServer((client) => this.relay(client));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** Resets every open connection, as a crashed server or a dropped network does. */
  cut(): void {
    for (const socket of this.sockets) socket.resetAndDestroy();
    this.sockets.clear();
  }

  /** Stops listening: new connections are refused at once (ECONNREFUSED). Open ones are cut too. */
  async refuse(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.cut();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Accepts new connections but never answers on them, as a host that drops packets does. Open ones are cut. */
  silence(): void {
    this.mode = "silent";
    this.cut();
  }

  async stop(): Promise<void> {
    await this.refuse();
  }

  /** `url` (a postgres:// URL) with its host and port replaced by this relay's. */
  urlThrough(url: string): string {
    const through = new URL(url);
    through.hostname = "127.0.0.1";
    through.port = String(this.port);
    return through.toString();
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  }

  private relay(client: net.Socket): void {
    this.track(client);
    this.clients.add(client);
    client.on("close", () => this.clients.delete(client));
    if (this.mode === "silent") return;
    const upstream = net.connect(this.target.port, this.target.host);
    this.track(upstream);
    this.forward(client, upstream);
    this.forward(upstream, client);
    // One side gone: the other goes too, abruptly, as it would without a relay in between.
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  }

  private forward(from: net.Socket, to: net.Socket): void {
    // Chunks wait in one queue per direction, each until its own time, so a later chunk never overtakes.
    const queue: { at: number; chunk: Buffer }[] = [];
    let timer: NodeJS.Timeout | undefined;
    const drain = () => {
      timer = undefined;
      while (queue.length && queue[0]!.at <= Date.now()) {
        const { chunk } = queue.shift()!;
        if (!to.destroyed) to.write(chunk);
      }
      if (queue.length) timer = setTimeout(drain, queue[0]!.at - Date.now());
    };
    from.on("data", (chunk: Buffer) => {
      if (this.latencyMs <= 0 && !queue.length) {
        to.write(chunk);
        return;
      }
      queue.push({ at: Date.now() + this.latencyMs, chunk });
      timer ??= setTimeout(drain, this.latencyMs);
    });
    from.on("close", () => clearTimeout(timer));
  }
}

/** The PostgreSQL the fault tests run against: TEST_DATABASE_URL, or undefined when none is configured. */
export function faultTestDatabase(): { url: string; target: Target } | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (!url?.startsWith("postgres")) return undefined;
  const parsed = new URL(url);
  return { url, target: { host: parsed.hostname, port: Number(parsed.port || 5432) } };
}
