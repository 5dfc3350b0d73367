import { partition } from "@ssokit/middleware-endpoint";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "../../..");
const table = JSON.parse(readFileSync(join(root, "model/partitions.json"), "utf8"));

describe("partition", () => {
  it("puts every region of the partition table in its own partition", () => {
    let count = 0;
    for (const p of table.partitions) {
      for (const region of Object.keys(p.regions)) {
        const result = partition(region);
        expect([region, result.name]).toEqual([region, p.id]);
        expect(result).toEqual({ name: p.id, ...pick(p.outputs) });
        count++;
      }
    }
    expect(count).toBe(55);
  });

  it("matches a region the table does not list by the partition's regex", () => {
    expect(partition("eu-isoe-west-9").name).toBe("aws-iso-e");
    expect(partition("cn-south-7").name).toBe("aws-cn");
    expect(partition("us-gov-central-3").name).toBe("aws-us-gov");
  });

  it("falls back to the aws partition for anything else", () => {
    expect(partition("mars-north-1").name).toBe("aws");
    expect(partition("").name).toBe("aws");
    expect(partition("global").name).toBe("aws");
  });

  it("ships a table generated from model/partitions.json", () => {
    const out = execFileSync(process.execPath, [join(root, "scripts/generate-partitions.mjs"), "--check"], { encoding: "utf8" });
    expect(out.trim()).toBe("partitions.ts is up to date");
  });
});

function pick(o: Record<string, unknown>) {
  const { dnsSuffix, dualStackDnsSuffix, supportsFIPS, supportsDualStack } = o;
  return { dnsSuffix, dualStackDnsSuffix, supportsFIPS, supportsDualStack };
}
