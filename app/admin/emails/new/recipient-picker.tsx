"use client";

import { useEffect, useRef, useState, type RefObject } from "react";

// "Chosen people" by a few letters of a name or address: GET /api/v1/emails/recipients (email:send; id, name and
// address of at most ten people, rate-limited), and a chosen person's address joins the addresses field, where
// it can be read and removed like a typed one. No library: a search box and a list of buttons.

type Person = { id: string; name: string; email: string };
type Found = { term: string; people: Person[]; problem?: string };

const MIN_LETTERS = 2;

/** Appends the address unless it is there already; through the native setter, so the form hears the input. */
function addAddress(field: HTMLTextAreaElement, email: string): void {
  const present = field.value.split(/[\s,;]+/).some((address) => address.toLowerCase() === email.toLowerCase());
  if (present) return;
  const value = field.value.trim() ? `${field.value.trimEnd()}, ${email}` : email;
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")?.set?.call(field, value);
  field.dispatchEvent(new Event("input", { bubbles: true }));
}

export function RecipientPicker({ addresses, disabled }: { addresses: RefObject<HTMLTextAreaElement | null>; disabled: boolean }) {
  const [search, setSearch] = useState("");
  const [found, setFound] = useState<Found | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const term = search.trim();

  useEffect(() => {
    if (term.length < MIN_LETTERS) return;
    const controller = new AbortController();
    // Asked once typing pauses; a newer search aborts the older one.
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/v1/emails/recipients?q=${encodeURIComponent(term)}`, {
          headers: { accept: "application/json" },
          signal: controller.signal,
        });
        const body: unknown = await response.json();
        setFound(
          response.ok
            ? { term, people: body as Person[] }
            : { term, people: [], problem: (body as { detail?: string }).detail ?? "The search failed." },
        );
      } catch {
        if (!controller.signal.aborted) setFound({ term, people: [], problem: "The search failed." });
      }
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [term]);

  const shown = term.length >= MIN_LETTERS && found?.term === term ? found : null;
  const choose = (person: Person) => {
    if (addresses.current) addAddress(addresses.current, person.email);
    setSearch("");
    input.current?.focus();
  };

  return (
    <div className="mb-3">
      <label htmlFor="recipient-search" className="form-label">
        Find people
      </label>
      <input
        ref={input}
        id="recipient-search"
        type="search"
        className="form-control"
        autoComplete="off"
        aria-describedby="recipient-search-hint"
        value={search}
        disabled={disabled}
        onChange={(event) => setSearch(event.target.value)}
        onKeyDown={(event) => {
          // Enter picks the first match instead of submitting the form.
          if (event.key !== "Enter") return;
          event.preventDefault();
          if (shown?.people[0]) choose(shown.people[0]);
        }}
      />
      <div id="recipient-search-hint" className="form-text">
        Type {MIN_LETTERS} or more letters of a name or address, then add people: their addresses join the list below.
      </div>
      <div className="small" role="status">
        {shown && (shown.problem ?? (shown.people.length ? "" : "Nobody matches."))}
      </div>
      {shown && shown.people.length > 0 && (
        <ul className="list-group mt-1" aria-label="Matching people">
          {shown.people.map((person) => (
            <li key={person.id} className="list-group-item d-flex justify-content-between align-items-center gap-2">
              <span className="text-break">
                {person.name} <span className="small text-body-secondary">{person.email}</span>
              </span>
              <button
                type="button"
                className="btn btn-sm btn-outline-primary"
                onClick={() => choose(person)}
                aria-label={`Add ${person.name}`}
              >
                Add
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
