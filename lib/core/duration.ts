import { Token } from "cdktf";
import { isUnresolved } from "./tokens";

/** A length of time, in whole seconds: `Duration.minutes(5)`. Immutable. */
export class Duration {
  public static seconds(n: number): Duration {
    return new Duration(n);
  }
  public static minutes(n: number): Duration {
    return Duration.scaled(n, 60);
  }
  public static hours(n: number): Duration {
    return Duration.scaled(n, 3600);
  }
  public static days(n: number): Duration {
    return Duration.scaled(n, 86400);
  }

  /** A token cannot be multiplied at synth: Terraform multiplies it at plan time. */
  private static scaled(n: number, factor: number): Duration {
    return new Duration(isUnresolved(n) ? (Token.asNumber(`\${${Token.asString(n)} * ${factor}}`) as number) : n * factor);
  }

  private constructor(private readonly amount: number) {
    if (!isUnresolved(amount) && (!Number.isInteger(amount) || amount < 0)) throw new Error(`Duration: must be a whole, non-negative number of seconds, got ${amount}`);
  }

  public toSeconds(): number {
    return this.amount;
  }

  /** `90s`, `5m`, `12h`, `1d`: the largest unit that divides it. */
  public toString(): string {
    const s = this.amount;
    if (s > 0 && s % 86400 === 0) return `${s / 86400}d`;
    if (s > 0 && s % 3600 === 0) return `${s / 3600}h`;
    if (s > 0 && s % 60 === 0) return `${s / 60}m`;
    return `${s}s`;
  }
}
