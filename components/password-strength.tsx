"use client";

import { useEffect, useState } from "react";
import type { PasswordEstimate } from "@/lib/accounts/password-estimator";
import { systemConfig } from "@/system.config";

const labels = ["Very weak", "Weak", "Fair", "Strong", "Very strong"];

// The estimator and its dictionaries are large, so they load only once someone starts typing a password.
// It is the server's own estimator (lib/accounts/password-estimator.ts): what the meter shows, the server enforces.
let estimator: Promise<(password: string, userInputs: string[]) => PasswordEstimate> | undefined;
function estimate(password: string, userInputs: string[]): Promise<PasswordEstimate> {
  estimator ??= import("@/lib/accounts/password-estimator").then(({ createPasswordEstimator }) => createPasswordEstimator());
  return estimator.then((check) => check(password, userInputs));
}

export function PasswordStrength({ password, userInputs }: { password: string; userInputs: string[] }) {
  const [result, setResult] = useState<PasswordEstimate | null>(null);
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
            {result.score < systemConfig.accounts.passwordMinScore && result.suggestion && (
              <span className="text-body-secondary"> {result.suggestion}</span>
            )}
          </div>
        </>
      )}
    </div>
  );
}
