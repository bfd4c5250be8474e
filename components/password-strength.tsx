"use client";

import { useEffect, useState } from "react";

type Estimate = { score: number; warning: string; suggestion: string };
const labels = ["Very weak", "Weak", "Fair", "Strong", "Very strong"];

// zxcvbn-ts and its dictionary are large, so they load only once someone starts typing a password.
type Checker = { check(password: string, userInputs: string[]): { score: number; feedback: { warning: string | null; suggestions: string[] } } };
let checker: Promise<Checker> | undefined;
function loadChecker(): Promise<Checker> {
  return (checker ??= Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common")]).then(
    ([{ ZxcvbnFactory }, common]) => new ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs }),
  ));
}

async function estimate(password: string, userInputs: string[]): Promise<Estimate> {
  const result = (await loadChecker()).check(password, userInputs);
  return { score: result.score, warning: result.feedback.warning ?? "", suggestion: result.feedback.suggestions[0] ?? "" };
}

export function PasswordStrength({ password, userInputs }: { password: string; userInputs: string[] }) {
  const [result, setResult] = useState<Estimate | null>(null);
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
          </div>
        </>
      )}
    </div>
  );
}
