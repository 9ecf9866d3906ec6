// Model disclosure's one schema (docs/domain.md#model-disclosure): every rule, refused by code, and
// the filing number's format at its edges.
import { describe, expect, it } from "vitest";
import { zodFields } from "@/workflows/errors";
import { DisclosedModelsSchema, deploymentsColumn, disclosedModels, isFilingNumber, modelInfoOf, MODELS_MAX, type DisclosedModel } from "./models";

const onDevice = { name: "Pangu-Lite", version: "3B-int4-2026.03", deployment: "on_device", parameters: "3B" };
const cloud = { name: "Hunyuan-Turbo", version: "2026-05", deployment: "cloud", provider: "Tencent Cloud", filingNumber: "Beijing-YunQue-20230821" };

/** The codes per field of a refused list, as the API and the forms get them. */
function codes(input: unknown): Record<string, string> {
  const r = DisclosedModelsSchema.safeParse(input);
  if (r.success) return {};
  return Object.fromEntries(Object.entries(zodFields(r.error.issues).fields).map(([k, ref]) => [k, ref.reason]));
}

describe("the disclosed models", () => {
  it("accepts an on-device model and a cloud model with its provider and filing number", () => {
    const r = DisclosedModelsSchema.parse([onDevice, cloud]);
    expect(r).toEqual([
      { name: "Pangu-Lite", version: "3B-int4-2026.03", deployment: "on_device", parameters: "3B" },
      { name: "Hunyuan-Turbo", version: "2026-05", deployment: "cloud", provider: "Tencent Cloud", filingNumber: "Beijing-YunQue-20230821" },
    ]);
  });

  it("needs at least one model (none, an empty list, or a form without rows)", () => {
    expect(codes([])).toEqual({ _: "MODELS_REQUIRED" });
    expect(codes(undefined)).toEqual({ _: "MODELS_REQUIRED" });
  });

  it(`takes at most ${MODELS_MAX}`, () => {
    expect(codes(Array.from({ length: MODELS_MAX }, () => onDevice))).toEqual({});
    const r = DisclosedModelsSchema.safeParse(Array.from({ length: MODELS_MAX + 1 }, () => onDevice));
    expect(r.success).toBe(false);
    expect(zodFields(r.error!.issues).fields._).toEqual({ reason: "MODELS_TOO_MANY", params: { max: MODELS_MAX } });
  });

  it("needs a name and a version, one line, at most 100 characters", () => {
    expect(codes([{ ...onDevice, name: "" }])).toEqual({ "0.name": "FIELD_REQUIRED" });
    expect(codes([{ ...onDevice, name: "   " }])).toEqual({ "0.name": "FIELD_REQUIRED" });
    expect(codes([{ deployment: "on_device" }])).toEqual({ "0.name": "FIELD_REQUIRED", "0.version": "FIELD_REQUIRED" });
    expect(codes([{ ...onDevice, version: "x".repeat(100) }])).toEqual({});
    expect(codes([{ ...onDevice, version: "x".repeat(101) }])).toEqual({ "0.version": "TEXT_TOO_LONG" });
    expect(codes([{ ...onDevice, name: "Pangu\nLite" }])).toEqual({ "0.name": "ONE_LINE" });
    expect(codes([{ ...onDevice, provider: "Huawei\u2028Cloud" }])).toEqual({ "0.provider": "ONE_LINE" });
  });

  it("knows three deployments", () => {
    for (const deployment of ["on_device", "cloud", "companion"]) expect(codes([{ ...cloud, deployment }])).toEqual({});
    expect(codes([{ ...onDevice, deployment: "edge" }])).toEqual({ "0.deployment": "MODEL_DEPLOYMENT_UNKNOWN" });
    expect(codes([{ ...onDevice, deployment: undefined }])).toEqual({ "0.deployment": "MODEL_DEPLOYMENT_UNKNOWN" });
  });

  it("needs a cloud model's provider, and only a cloud model's", () => {
    expect(codes([{ ...cloud, provider: undefined }])).toEqual({ "0.provider": "MODEL_PROVIDER_REQUIRED" });
    expect(codes([onDevice, { ...cloud, provider: "  " }])).toEqual({ "1.provider": "MODEL_PROVIDER_REQUIRED" });
    expect(codes([{ ...onDevice, provider: undefined }, { name: "Buds AI", version: "1", deployment: "companion" }])).toEqual({});
    // Both the missing name and the missing provider are named at once.
    expect(codes([{ ...cloud, name: "", provider: "" }])).toEqual({ "0.name": "FIELD_REQUIRED", "0.provider": "MODEL_PROVIDER_REQUIRED" });
  });

  it("checks a filing number's format when one is given", () => {
    expect(codes([{ ...cloud, filingNumber: undefined }])).toEqual({});
    expect(codes([{ ...cloud, filingNumber: "" }])).toEqual({});
    expect(codes([{ ...cloud, filingNumber: "not a number" }])).toEqual({ "0.filingNumber": "MODEL_FILING_NUMBER_FORMAT" });
    const [m] = DisclosedModelsSchema.parse([{ ...cloud, filingNumber: "  ZheJiang-TongYiQianWen-20230901 " }]);
    expect(m.filingNumber).toBe("ZheJiang-TongYiQianWen-20230901");
  });

  it("drops fields it does not know", () => {
    const [m] = DisclosedModelsSchema.parse([{ ...onDevice, weights: "secret" }]);
    expect(m).not.toHaveProperty("weights");
  });
});

describe("the filing number's format", () => {
  it.each([
    "Beijing-YunQue-20230821", // a filing: province, service, date
    "ZheJiang-TongYiQianWen-20230901",
    "Hunan-PinCaiMao-202412310003", // a registration: the date and a serial
    "Shanghai-A1-20991231",
    "网信算备110108823483901230031号", // an algorithm filing: 21 digits
  ])("accepts %s", (s) => expect(isFilingNumber(s)).toBe(true));

  it.each([
    ["no date", "Beijing-YunQue"],
    ["a month 13", "Beijing-YunQue-20231321"],
    ["a day 32", "Beijing-YunQue-20230832"],
    ["a day 00", "Beijing-YunQue-20230800"],
    ["a year before 2000", "Beijing-YunQue-19990821"],
    ["a serial longer than six digits", "Beijing-YunQue-202308211234567"],
    ["a one-letter province", "B-YunQue-20230821"],
    ["spaces", "Beijing YunQue 20230821"],
    ["Chinese in the service part", "Beijing-云雀-20230821"],
    ["20 digits", "网信算备11010882348390123003号"],
    ["22 digits", "网信算备1101088234839012300310号"],
    ["no 号", "网信算备110108823483901230031"],
    ["an ICP number", "京ICP备12345678号"],
    ["empty", ""],
  ])("refuses %s", (_, s) => expect(isFilingNumber(s)).toBe(false));
});

describe("reading and indexing a disclosure", () => {
  const models = DisclosedModelsSchema.parse([onDevice, cloud, { ...cloud, name: "Second cloud" }]) as DisclosedModel[];

  it("stores { models } and reads it back; an old record discloses nothing", () => {
    const info = JSON.parse(JSON.stringify(modelInfoOf(models)));
    expect(disclosedModels(info)).toEqual(models);
    expect(disclosedModels({})).toEqual([]);
    expect(disclosedModels(null)).toEqual([]);
    expect(disclosedModels({ models: "Pangu" })).toEqual([]);
    expect(disclosedModels({ models: [{ name: "no version", deployment: "cloud" }, 7, onDevice] })).toEqual([models[0]]);
  });

  it("lists each deployment once, in a fixed order, between spaces", () => {
    expect(deploymentsColumn(models)).toBe(" on_device cloud ");
    expect(deploymentsColumn([models[1]])).toBe(" cloud ");
    expect(deploymentsColumn([])).toBe("");
    expect(deploymentsColumn([{ name: "a", version: "1", deployment: "companion" }, models[0]])).toBe(" on_device companion ");
  });
});

describe("a row with several problems", () => {
  it("names the missing provider of a cloud model beside a bad filing number, so a form shows both at once", () => {
    const r = DisclosedModelsSchema.safeParse([{ name: "Hunyuan-Turbo", version: "2026-05", deployment: "cloud", provider: "", filingNumber: "Beijing-Hunyuan" }]);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["0.filingNumber", "0.provider"]);
    // An on-device model needs no provider: only the filing number is named.
    const device = DisclosedModelsSchema.safeParse([{ name: "Pangu-Lite", version: "3B", deployment: "on_device", filingNumber: "Beijing-Hunyuan" }]);
    expect(device.error!.issues.map((i) => i.path.join("."))).toEqual(["0.filingNumber"]);
  });
});
