/** Progress on stderr for long runs: documents done, documents/s, ETA. Silent unless stderr is a TTY. */
export class Progress {
  private readonly enabled: boolean;
  private readonly started = Date.now();
  private lastDraw = 0;
  private docs = 0;
  private bytesDone = 0;
  private drawn = false;

  constructor(
    private readonly totalBytes: number,
    options: { quiet?: boolean; stream?: NodeJS.WriteStream } = {},
  ) {
    this.stream = options.stream ?? process.stderr;
    this.enabled = !options.quiet && Boolean(this.stream.isTTY);
  }
  private readonly stream: NodeJS.WriteStream;

  document(): void {
    this.docs++;
    this.draw();
  }

  bytes(n: number): void {
    this.bytesDone += n;
    this.draw();
  }

  /** Clears the progress line before another message is written to stderr. */
  clear(): void {
    if (this.enabled && this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }

  private draw(): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 200) return;
    this.lastDraw = now;
    const seconds = Math.max(0.001, (now - this.started) / 1000);
    const rate = this.docs / seconds;
    let eta = '';
    if (this.totalBytes > 0 && this.bytesDone > 0 && this.bytesDone < this.totalBytes) {
      const left = ((this.totalBytes - this.bytesDone) / this.bytesDone) * seconds;
      eta = ` · ETA ${formatDuration(left)}`;
    }
    this.stream.write(`\r\x1b[K${this.docs} documents · ${rate.toFixed(1)} docs/s${eta}`);
    this.drawn = true;
  }

  summary(): { documents: number; seconds: number; rate: number } {
    const seconds = (Date.now() - this.started) / 1000;
    return { documents: this.docs, seconds, rate: seconds > 0 ? this.docs / seconds : 0 };
  }
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}` : `${m}:${String(r).padStart(2, '0')}`;
}
