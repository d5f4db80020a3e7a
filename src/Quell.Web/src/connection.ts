// Whether the page can reach the server: streams report as they open and drop, and /healthz is asked every few
// seconds, so the header says "Disconnected" within seconds of the server going away and "Connected" when it is back.

type Listener = (connected: boolean) => void;

const healthIntervalMs = 3_000;

class Connection {
  private connected = true;
  private readonly listeners = new Set<Listener>();
  private timer: number | undefined;

  get isConnected(): boolean {
    return this.connected;
  }

  subscribe(listener: Listener): void {
    this.listeners.add(listener);
    listener(this.connected);
  }

  report(connected: boolean): void {
    if (connected === this.connected) return;
    this.connected = connected;
    this.listeners.forEach((listener) => listener(connected));
  }

  start(): void {
    const check = async () => {
      try {
        const response = await fetch('/healthz', { cache: 'no-store' });
        this.report(response.ok);
      } catch {
        this.report(false);
      }
    };
    void check();
    this.timer = window.setInterval(check, healthIntervalMs);
  }

  stop(): void {
    window.clearInterval(this.timer);
  }
}

export const connection = new Connection();
