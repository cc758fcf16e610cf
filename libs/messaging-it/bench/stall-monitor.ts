import {
  type IntervalHistogram,
  monitorEventLoopDelay,
  PerformanceObserver,
} from 'node:perf_hooks';

/** How long a process could not run its JavaScript during a run (ms). */
export interface Stalls {
  /** Event-loop delay: how late a 5 ms timer fired (p99 and max). */
  loopP99: number;
  loopMax: number;
  /** Garbage-collection pauses: their sum and the longest one. */
  gcTotal: number;
  gcMax: number;
}

/**
 * Event-loop delay and GC pauses of this process since the last `take()`. A request or
 * message that arrives while the loop is stalled waits for it, so these show how much of a
 * latency tail a process adds by itself (GC, long synchronous work, or simply not getting a
 * CPU on a busy machine: a descheduled process shows it as loop delay).
 */
export class StallMonitor {
  private readonly loop: IntervalHistogram = monitorEventLoopDelay({
    resolution: 5,
  });
  private readonly gc: PerformanceObserver;
  private gcTotal = 0;
  private gcMax = 0;

  constructor() {
    this.loop.enable();
    this.gc = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        this.gcTotal += entry.duration;
        this.gcMax = Math.max(this.gcMax, entry.duration);
      }
    });
    this.gc.observe({ entryTypes: ['gc'] });
  }

  take(): Stalls {
    const out: Stalls = {
      loopP99: this.loop.percentile(99) / 1e6,
      loopMax: this.loop.max / 1e6,
      gcTotal: this.gcTotal,
      gcMax: this.gcMax,
    };
    this.loop.reset();
    this.gcTotal = 0;
    this.gcMax = 0;
    return out;
  }

  stop(): void {
    this.loop.disable();
    this.gc.disconnect();
  }
}
