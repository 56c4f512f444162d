import { concurrencyLimit } from "../../tools/lib/concurrency-limit";

/** A task the test finishes by hand, so the order of events is the test's, not the scheduler's. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}
const tick = () => new Promise((r) => setImmediate(r));

describe("concurrencyLimit (the function's reserved concurrency in npm run local)", () => {
  it("runs at most `limit` at once; the rest wait and start first in, first out", async () => {
    const limit = concurrencyLimit(2);
    const started: number[] = [];
    const gates = Array.from({ length: 5 }, gate);
    const queued: number[] = [];
    const runs = gates.map((g, i) =>
      limit.run(
        async () => {
          started.push(i);
          await g.opened;
          return i;
        },
        () => queued.push(i),
      ),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect([limit.active, limit.queued]).toEqual([2, 3]);
    expect(queued).toEqual([2, 3, 4]);
    gates[1]!.open();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.open();
    gates[2]!.open();
    await tick();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    gates[3]!.open();
    gates[4]!.open();
    await expect(Promise.all(runs)).resolves.toEqual([0, 1, 2, 3, 4]);
    expect({ active: limit.active, queued: limit.queued, maxActive: limit.maxActive, throttled: limit.throttled }).toEqual({ active: 0, queued: 0, maxActive: 2, throttled: 3 });
  });

  it("frees the slot when a task throws", async () => {
    const limit = concurrencyLimit(1);
    await expect(limit.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(limit.run(async () => "next")).resolves.toBe("next");
    expect(limit.active).toBe(0);
  });

  it.each([0, -1, 1.5, NaN])("refuses a limit of %p", (n) => {
    expect(() => concurrencyLimit(n)).toThrow(/at least 1/);
  });
});
