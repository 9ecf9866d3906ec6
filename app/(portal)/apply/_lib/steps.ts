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

export type StepResult = { ok: true } | { ok: false; message?: string; fieldErrors: Record<string, string>; step?: Step };
