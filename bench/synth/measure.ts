import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface Sample {
  readonly seconds: number;
  /** Peak resident set size in MB, as GNU time reports it (largest process of the tree). */
  readonly peakMb: number;
}

export interface Measured {
  readonly label: string;
  readonly samples: readonly Sample[];
  readonly medianSeconds: number;
  readonly medianPeakMb: number;
  readonly maxPeakMb: number;
}

const TIME = "/usr/bin/time";

export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Runs `cmd` `reps` times under GNU time and keeps wall time and peak RSS. GNU time's %M is the
 * max RSS of the largest process it waited for in the tree (npm -> node counts the node child),
 * which is what "peak memory of synth" means to a developer watching the machine.
 */
export function measure(label: string, cmd: readonly string[], opts: { cwd: string; env: NodeJS.ProcessEnv; reps: number; outdir?: () => string }): Measured {
  if (!fs.existsSync(TIME)) throw new Error(`${TIME} (GNU time) is needed for peak memory: apt-get install time`);
  const samples: Sample[] = [];
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-time-")), "time.txt");
  for (let i = 0; i < opts.reps; i++) {
    const env = { ...opts.env, ...(opts.outdir ? { CDKTF_OUTDIR: opts.outdir() } : {}) };
    const res = spawnSync(TIME, ["-f", "%e %M", "-o", report, ...cmd], { cwd: opts.cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (res.status !== 0) throw new Error(`${label}: ${cmd.join(" ")} failed (${res.status}):\n${res.stderr.slice(-2000)}`);
    const [secs, kb] = fs.readFileSync(report, "utf8").trim().split("\n").pop()!.split(" ").map(Number) as [number, number];
    samples.push({ seconds: secs, peakMb: kb / 1024 });
  }
  fs.rmSync(path.dirname(report), { recursive: true, force: true });
  return {
    label,
    samples,
    medianSeconds: median(samples.map((s) => s.seconds)),
    medianPeakMb: median(samples.map((s) => s.peakMb)),
    maxPeakMb: Math.max(...samples.map((s) => s.peakMb)),
  };
}
