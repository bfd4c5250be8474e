"use client";

import { useEffect, useState } from "react";
import type { PasswordEstimate } from "@/lib/accounts/password-estimator";

const labels = ["Very weak", "Weak", "Fair", "Strong", "Very strong"];

// The estimator and its dictionaries are large, so they load only once someone starts typing a password.
// It is the server's own estimator (lib/accounts/password-estimator.ts): what the meter shows, the server enforces.
// The policy's minimum score comes with it (system.config.ts is the server's to bundle, not every form's).
type Verdict = PasswordEstimate & { enough: boolean };
let estimator: Promise<(password: string, userInputs: string[]) => Verdict> | undefined;
function estimate(password: string, userInputs: string[]): Promise<Verdict> {
  estimator ??= import("@/lib/accounts/password-estimator").then(({ createPasswordEstimator, passwordMinScore }) => {
    const check = createPasswordEstimator();
    return (value: string, inputs: string[]) => {
      const result = check(value, inputs);
      return { ...result, enough: result.score >= passwordMinScore };
    };
  });
  return estimator.then((check) => check(password, userInputs));
}

export function PasswordStrength({ password, userInputs }: { password: string; userInputs: string[] }) {
  const [result, setResult] = useState<Verdict | null>(null);
  const inputsKey = userInputs.join("\u0000");

  useEffect(() => {
    if (!password) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      void estimate(password, inputsKey.split("\u0000").filter(Boolean)).then((value) => !cancelled && setResult(value));
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [password, inputsKey]);

  // The space is reserved from the start, so the form below never jumps when the meter appears.
  return (
    <div className="mt-2 small password-meter" aria-live="polite">
      {password && result && (
        <>
          <meter className="w-100" min={0} max={4} low={2} high={3} optimum={4} value={result.score} aria-label="Password strength" />
          <div>
            Strength: <strong>{labels[result.score]}</strong>
            {result.warning && <span className="text-body-secondary"> · {result.warning}</span>}
            {!result.enough && result.suggestion && <span className="text-body-secondary"> {result.suggestion}</span>}
          </div>
        </>
      )}
    </div>
  );
}
