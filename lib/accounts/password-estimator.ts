import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { dictionary as englishDictionary, translations } from "@zxcvbn-ts/language-en";
import { systemConfig } from "@/system.config";

// One estimator for the strength meter (in the browser, loaded on first keystroke) and the password policy
// (on the server), so the server refuses exactly what the meter calls weak. The English pack turns the
// feedback keys ("similarToCommon") into sentences.

/** The lowest score the policy accepts, for the meter (which loads this module only once someone types). */
export const passwordMinScore: number = systemConfig.accounts.passwordMinScore;

export type PasswordEstimate = { score: number; warning: string; suggestion: string };

export function createPasswordEstimator() {
  const zxcvbn = new ZxcvbnFactory({ dictionary: { ...commonDictionary, ...englishDictionary }, graphs: adjacencyGraphs, translations });
  return (password: string, userInputs: string[]): PasswordEstimate => {
    const result = zxcvbn.check(password, userInputs);
    return { score: result.score, warning: result.feedback.warning ?? "", suggestion: result.feedback.suggestions[0] ?? "" };
  };
}
