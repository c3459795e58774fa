/**
 * Test set-up only: with DPO_TEST_NOW set (an ISO date, or "+730d" for days from today), the
 * whole suite runs as if the computer's clock showed that time: the global Date (and so Luxon)
 * is moved, while the time still flows. `npm run test:later` runs every vitest file two years
 * ahead this way, so that a test (or a core path) that reads the real date instead of the
 * injected clock fails now rather than on some future morning.
 */
const setting = process.env.DPO_TEST_NOW;

function target(value: string, realNow: number): number {
  const days = /^\+(\d+)d$/.exec(value);
  if (days) return realNow + Number(days[1]) * 86_400_000;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new Error(`DPO_TEST_NOW must be an ISO date or +Nd, got "${value}"`);
  return t;
}

if (setting) {
  const RealDate = Date;
  const shift = target(setting, RealDate.now()) - RealDate.now();
  // A constructor function sharing Date's prototype: `instanceof Date` keeps working for dates
  // made before the swap or by Node itself (fs.Stats), and only "now" moves.
  function ShiftedDate(this: unknown, ...args: unknown[]): unknown {
    const made = args.length === 0 ? new RealDate(RealDate.now() + shift) : new RealDate(...(args as [string | number]));
    return new.target ? made : made.toString();
  }
  ShiftedDate.prototype = RealDate.prototype;
  Object.assign(ShiftedDate, { now: () => RealDate.now() + shift, parse: RealDate.parse, UTC: RealDate.UTC });
  globalThis.Date = ShiftedDate as unknown as DateConstructor;
}
