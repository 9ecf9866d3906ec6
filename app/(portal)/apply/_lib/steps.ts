// The application wizard's steps and the answers it collects (shared by the form and its actions).
export const STEPS = ["category", "scheme", "product", "level", "declarations", "review"] as const;
export type Step = (typeof STEPS)[number];

export type ApplyValues = {
  category: string;
  schemeId: string;
  schemeVersion: string;
  name: string;
  model: string;
  softwareVersion: string;
  onDeviceModel: string;
  cloudModel: string;
  claimedLevel: string;
  accurate: boolean;
  samplesAvailable: boolean;
  acceptsRules: boolean;
};

export const EMPTY_VALUES: ApplyValues = {
  category: "",
  schemeId: "",
  schemeVersion: "",
  name: "",
  model: "",
  softwareVersion: "",
  onDeviceModel: "",
  cloudModel: "",
  claimedLevel: "",
  accurate: false,
  samplesAvailable: false,
  acceptsRules: false,
};

/** Which step asks for each answer: where to send the person back to when the server refuses it. */
export const STEP_OF_FIELD: Record<string, Step> = {
  category: "category",
  schemeId: "scheme",
  schemeVersion: "scheme",
  scheme: "scheme",
  name: "product",
  model: "product",
  softwareVersion: "product",
  onDeviceModel: "product",
  cloudModel: "product",
  claimedLevel: "level",
  accurate: "declarations",
  samplesAvailable: "declarations",
  acceptsRules: "declarations",
};

/** The answers as the form sends them: text as is, the scheme as `schemeId@version`, a checkbox "on" when ticked. */
export function formValues(v: ApplyValues): Record<string, string | undefined> {
  return {
    category: v.category,
    scheme: v.schemeId ? `${v.schemeId}@${v.schemeVersion}` : "",
    name: v.name,
    model: v.model,
    softwareVersion: v.softwareVersion,
    onDeviceModel: v.onDeviceModel,
    cloudModel: v.cloudModel,
    claimedLevel: v.claimedLevel,
    accurate: v.accurate ? "on" : undefined,
    samplesAvailable: v.samplesAvailable ? "on" : undefined,
    acceptsRules: v.acceptsRules ? "on" : undefined,
  };
}

/** The answers back from the form's data (every step's fields are in it, shown or hidden). */
export function valuesOf(data: FormData): ApplyValues {
  const text = (name: string) => {
    const v = data.get(name);
    return typeof v === "string" ? v.slice(0, 2000) : "";
  };
  const [schemeId = "", schemeVersion = ""] = text("scheme").split("@");
  return {
    category: text("category"),
    schemeId,
    schemeVersion,
    name: text("name"),
    model: text("model"),
    softwareVersion: text("softwareVersion"),
    onDeviceModel: text("onDeviceModel"),
    cloudModel: text("cloudModel"),
    claimedLevel: text("claimedLevel"),
    accurate: data.get("accurate") === "on",
    samplesAvailable: data.get("samplesAvailable") === "on",
    acceptsRules: data.get("acceptsRules") === "on",
  };
}
