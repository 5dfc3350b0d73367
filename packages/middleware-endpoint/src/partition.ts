import { PARTITIONS } from "./partitions";

/** What the rules engine's `aws.partition(region)` returns. */
export interface PartitionResult {
  name: string;
  dnsSuffix: string;
  dualStackDnsSuffix: string;
  supportsFIPS: boolean;
  supportsDualStack: boolean;
  implicitGlobalRegion: string;
}

interface CompiledPartition {
  regex: RegExp;
  named: readonly string[];
  result: PartitionResult;
}

let compiled: CompiledPartition[] | undefined;

/**
 * The partition a region belongs to, looked up as the endpoint rules specify: a region the table names, else the
 * first partition whose regex matches, else the `aws` partition (so a brand-new region still resolves).
 */
export function partition(region: string): PartitionResult {
  compiled ??= PARTITIONS.map(([name, regex, dnsSuffix, dualStackDnsSuffix, supportsFIPS, supportsDualStack, implicitGlobalRegion, named]) => ({
    regex: new RegExp(regex),
    named,
    result: { name, dnsSuffix, dualStackDnsSuffix, supportsFIPS, supportsDualStack, implicitGlobalRegion },
  }));
  for (const p of compiled) if (p.named.includes(region)) return p.result;
  for (const p of compiled) if (p.regex.test(region)) return p.result;
  return compiled[0].result;
}
