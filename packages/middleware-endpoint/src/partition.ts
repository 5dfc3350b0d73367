import { PARTITIONS } from "./partitions";

/** What the rules engine's `aws.partition(region)` returns, less `implicitGlobalRegion`, which no rule here reads. */
export interface PartitionResult {
  name: string;
  dnsSuffix: string;
  dualStackDnsSuffix: string;
  supportsFIPS: boolean;
  supportsDualStack: boolean;
}

let compiled: { regex: RegExp; named: string[]; result: PartitionResult }[] | undefined;

/**
 * The partition a region belongs to, looked up as the endpoint rules specify: a region the table names, else the
 * first partition whose regex matches, else the `aws` partition (so a brand-new region still resolves).
 */
export function partition(region: string): PartitionResult {
  compiled ??= PARTITIONS.map(([name, prefix, dnsSuffix, dualStackDnsSuffix, flags, named]) => ({
    regex: new RegExp(`^${prefix}\\-\\w+\\-\\d+$`),
    named: named ? named.split(" ") : [],
    result: { name, dnsSuffix, dualStackDnsSuffix, supportsFIPS: (flags & 1) > 0, supportsDualStack: (flags & 2) > 0 },
  }));
  return (compiled.find((p) => p.named.includes(region)) ?? compiled.find((p) => p.regex.test(region)) ?? compiled[0]).result;
}
